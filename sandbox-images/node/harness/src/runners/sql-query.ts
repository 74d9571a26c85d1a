import { chmodSync, copyFileSync, constants as fsConstants, rmSync } from 'node:fs';
import path from 'node:path';
import { LIMITS, type ExerciseManifest, type SandboxInput, type TestResult } from '../contracts';
import { log } from '../log';
import { summarize } from '../result-summary';
import { compareResults } from '../sql/compare-results';
import { QUERY_REFUSALS } from '../sql/execute-query';
import { quotedIdentifiers } from '../sql/quoted-identifiers';
import { buildDatabase, ExerciseDefect, referenceResult } from '../sql/dataset-database';
import { type SqlTestOutcome } from '../sql/feedback';
import { sqlTestResult } from '../sql/sql-test-result';
import { runStudentQuery } from '../sql/student-query';
import { graderWorkDir, studentReadableDir, writeSubmission } from '../workspace';
import type { KindRunner } from './kind-runner';
import { runPostgresQuery } from './sql-query-postgres';

export type SqlQueryManifest = Extract<ExerciseManifest, { kind: 'sql-query' }>;
export type SqlTest = SqlQueryManifest['tests'][number];

/**
 * Kind sql-query. SQLite: for each test, a fresh database from the test's dataset, the
 * expected rows from the reference solution (run here, trusted), the student's rows from a
 * child process as the student's uid on a read-only copy, then a comparison. PostgreSQL:
 * sql-query-postgres.ts.
 */
export const runSqlQuery: KindRunner<SqlQueryManifest> = async (manifest, input) => {
  if (manifest.sql.dialect === 'postgres') return runPostgresQuery(manifest, input);
  const { queryFile } = manifest.sql;
  const written = writeSubmission(input.submission);
  const queryPath = written.get(queryFile);
  const query = input.submission[queryFile];
  const referencePath = manifest.solution[queryFile];
  const reference = referencePath === undefined ? undefined : input.exerciseFiles[referencePath];

  const tests: TestResult[] = [];
  for (const [index, test] of manifest.tests.entries()) {
    let outcome: SqlTestOutcome & { durationMs?: number };
    if (reference === undefined) {
      outcome = { kind: 'internal', message: `the exercise package has no reference solution file for ${queryFile}` };
    } else if (query === undefined || queryPath === undefined) {
      outcome = { kind: 'refused', stage: 'prepare', code: QUERY_REFUSALS.missingFile, message: `your submission has no file ${queryFile}` };
    } else if (query.trim() === '') {
      // No need to start a process to find out.
      outcome = { kind: 'refused', stage: 'prepare', code: QUERY_REFUSALS.empty, message: 'the query is empty' };
    } else {
      outcome = await runTest(manifest, input, index, test, reference, queryPath);
    }
    tests.push(sqlTestResult(test, outcome, 'sqlite'));
  }
  return summarize(tests, manifest.maxScore);
};

async function runTest(
  manifest: SqlQueryManifest,
  input: SandboxInput,
  index: number,
  test: SqlTest,
  reference: string,
  queryPath: string,
): Promise<SqlTestOutcome & { durationMs?: number }> {
  const context = `on test ${JSON.stringify(test.name)} (dataset ${test.dataset})`;
  const dataset = input.exerciseFiles[test.dataset];
  if (dataset === undefined) return { kind: 'internal', message: `the exercise package has no dataset file ${test.dataset}` };

  const privateDir = graderWorkDir(`test-${index + 1}`);
  const shared = studentReadableDir(`sql-test-${index + 1}-`);
  try {
    const databasePath = path.join(privateDir, 'dataset.sqlite');
    buildDatabase(databasePath, dataset, test.dataset);
    const expected = referenceResult(databasePath, reference, LIMITS.exercise.resultRows, context);

    // The student's own copy, readable only: a query that could write would change nothing of ours.
    const studentDatabase = path.join(shared.dir, 'dataset.sqlite');
    copyFileSync(databasePath, studentDatabase, fsConstants.COPYFILE_EXCL);
    chmodSync(studentDatabase, 0o444);
    shared.open();

    const student = await runStudentQuery({
      databasePath: studentDatabase,
      queryPath,
      testTimeMs: manifest.limits.testTimeMs,
      memoryMb: manifest.limits.memoryMb,
    });
    if (student.kind !== 'rows') return student;
    const quotedNames = quotedIdentifiers(input.submission[manifest.sql.queryFile] ?? '', 'sqlite');
    const comparison = compareResults(expected, student.result, { ...manifest.sql, quotedNames });
    if (comparison.equal) return { kind: 'passed', durationMs: student.durationMs };
    return { kind: 'wrong', difference: comparison.difference, expected, actual: student.result, durationMs: student.durationMs };
  } catch (err) {
    if (err instanceof ExerciseDefect) {
      log(`exercise defect: ${err.message}`);
      return { kind: 'internal', message: `the exercise is broken: ${err.message}` };
    }
    throw err;
  } finally {
    shared.remove();
    rmSync(privateDir, { recursive: true, force: true });
  }
}
