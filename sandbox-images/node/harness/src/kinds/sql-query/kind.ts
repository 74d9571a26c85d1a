import type { SandboxInput } from '../../contracts';
import type { Kind } from '../kind';
import { QUERY_REFUSALS } from './execute-query';
import { runPostgresTests } from './postgres/grade-postgres';
import { prepareEngines } from './postgres/prepared-engines';
import { sqlTestResult } from './sql-test-result';
import { runSqliteGenerated, runSqliteTest } from './sqlite';
import { PG_RUNNER, SQL_RUNNER } from './student-runners';
import type { SqlOutcome, SqlQueryManifest } from './types';

/** What every test of a submission needs: the reference solution's query; for SQLite the student's query, written. */
interface SqlReady {
  manifest: SqlQueryManifest;
  input: SandboxInput;
  reference: string;
  queryPath?: string;
}

/**
 * Kind sql-query: the student's query, held read-only, on each test's dataset (or on generated
 * datasets), compared with the reference solution's rows. SQLite grades test by test
 * (sqlite.ts); PostgreSQL grades all tests together, one engine a side (postgres/grade-postgres.ts).
 */
export const sqlQuery: Kind<SqlQueryManifest, SqlReady, SqlOutcome> = {
  name: 'sql-query',
  studentRunners: [SQL_RUNNER, PG_RUNNER],

  warmUp(profile) {
    if (profile === 'postgres') return prepareEngines();
  },

  prepare({ manifest, input, written }) {
    const { queryFile, dialect } = manifest.sql;
    const referencePath = manifest.solution[queryFile];
    const reference = referencePath === undefined ? undefined : input.exerciseFiles[referencePath];
    if (reference === undefined) return { common: { kind: 'internal', message: `the exercise package has no reference solution file for ${queryFile}` } };
    // PostgreSQL settles a missing dataset before a missing query (postgres/grade-postgres.ts).
    if (dialect === 'postgres') return { ready: { manifest, input, reference } };
    const query = input.submission[queryFile];
    const queryPath = written.get(queryFile);
    if (query === undefined || queryPath === undefined) return { common: { kind: 'refused', stage: 'prepare', code: QUERY_REFUSALS.missingFile, message: `your submission has no file ${queryFile}` } };
    // No need to start a process to find out.
    if (query.trim() === '') return { common: { kind: 'refused', stage: 'prepare', code: QUERY_REFUSALS.empty, message: 'the query is empty' } };
    return { ready: { manifest, input, reference, queryPath } };
  },

  plan: (manifest) => (manifest.sql.dialect === 'postgres' ? [manifest.tests.map((_, index) => index)] : manifest.tests.map((_, index) => index)),

  async runTest({ manifest, input, reference, queryPath }, { test, index, deadline }) {
    const outcome = test.generated
      ? await runSqliteGenerated(manifest, input, { ...test, generated: test.generated }, reference, deadline)
      : await runSqliteTest(manifest, input, index, test, reference, queryPath!);
    return { outcome };
  },

  async runGroup({ manifest, input, reference }, tests, clock) {
    const outcomes = await runPostgresTests(manifest, input, reference, clock);
    return tests.map(({ index }) => ({ outcome: outcomes[index]! }));
  },

  resultOf: (test, outcome, _durationMs, manifest) => sqlTestResult(test, outcome, manifest.sql.dialect),
  internal: (message) => ({ kind: 'internal', message }),
};
