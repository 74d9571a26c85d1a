import { chmodSync, copyFileSync, constants as fsConstants, rmSync } from 'node:fs';
import path from 'node:path';
import { LIMITS, type SandboxInput, type SqlGenerated } from '../../contracts';
import { buildDatabase } from '../../common/sqlite-dataset';
import { runnerPath } from '../../common/student-runner';
import { graderWorkDir, studentReadableDir } from '../../common/workspace';
import { compareResults } from './compare-results';
import { referenceResult, referenceResultOfScript } from './dataset-database';
import { judgeRun, prepareGenerated, runGenerated, type Judge } from './generated/generated-test';
import type { Judgement } from './generated/rounds';
import { PgSession } from './postgres/pg-session';
import { StudentEngine } from './postgres/student-engine';
import { quotedIdentifiers } from './quoted-identifiers';
import { RESULT_CHANNEL_BYTES, runStudentQuery } from './student-query';
import { SQL_RUNNER } from './student-runners';
import type { SqlOutcome, SqlQueryManifest, SqlTest } from './types';

/**
 * Kind sql-query in SQLite: for each test, a fresh database from the test's dataset, the
 * expected rows from the reference solution (run here, trusted), the student's rows from a
 * child process as the student's uid on a read-only copy, then a comparison. A generated test
 * judges many small datasets the same way, the student's query in one process for all of them
 * (generated/).
 */
export async function runSqliteTest(
  manifest: SqlQueryManifest,
  input: SandboxInput,
  index: number,
  test: SqlTest,
  reference: string,
  queryPath: string,
): Promise<SqlOutcome> {
  const datasetPath = test.dataset ?? '';
  const context = `on test ${JSON.stringify(test.name)} (dataset ${datasetPath})`;
  const dataset = input.exerciseFiles[datasetPath];
  if (dataset === undefined) return { kind: 'internal', message: `the exercise package has no dataset file ${datasetPath}` };

  const privateDir = graderWorkDir(`test-${index + 1}`);
  const shared = studentReadableDir(`sql-test-${index + 1}-`);
  try {
    const databasePath = path.join(privateDir, 'dataset.sqlite');
    buildDatabase(databasePath, dataset, datasetPath);
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
  } finally {
    shared.remove();
    rmSync(privateDir, { recursive: true, force: true });
  }
}

const DATASET_LOAD_MS = LIMITS.sandbox.datasetLoadMs;
const GENERATED_MARGIN_MS = LIMITS.generated.marginMs;

/**
 * A generated test in SQLite: the reference's rows computed here on each dataset (built in
 * memory), the student's by one runner process as the student's uid (sql-runner.js --session),
 * which builds each dataset in memory, reopens it read-only and runs the query. A query that
 * runs away on a dataset takes that process down, and its verdict is the test's; while
 * shrinking, the next candidate gets a new process.
 */
export async function runSqliteGenerated(
  manifest: SqlQueryManifest,
  input: SandboxInput,
  test: SqlTest & { generated: SqlGenerated },
  reference: string,
  deadline: number,
): Promise<SqlOutcome> {
  const started = performance.now();
  const { testTimeMs, memoryMb } = manifest.limits;
  const wanted = Math.min(test.generated.timeMs ?? LIMITS.generated.timeMs, LIMITS.generated.timeMsMax);
  const budgetMs = Math.max(0, Math.min(wanted, deadline - started - testTimeMs - GENERATED_MARGIN_MS));
  const check = prepareGenerated(manifest, input, test, reference);
  const query = input.submission[manifest.sql.queryFile] ?? '';
  const quotedNames = quotedIdentifiers(query, 'sqlite');
  const engine = new StudentEngine(
    () =>
      PgSession.start({
        trusted: false,
        maxRows: LIMITS.exercise.resultRows,
        startupTimeMs: LIMITS.exercise.startupTimeMs,
        lifetimeMs: budgetMs + 2 * testTimeMs + DATASET_LOAD_MS + GENERATED_MARGIN_MS,
        maxLineBytes: RESULT_CHANNEL_BYTES,
        stderrCapBytes: LIMITS.exercise.outputBytes,
        runnerPath: runnerPath(SQL_RUNNER),
        runnerArgs: ['--session', String(LIMITS.exercise.resultRows)],
      }),
    { testTimeMs, memoryMb, loadTimeMs: DATASET_LOAD_MS },
  );
  const searchDeadline = started + budgetMs;
  const context = `on the generated test ${JSON.stringify(test.name)}`;
  const judge: Judge = async (datasets, every = false) => {
    const judgements: Judgement[] = [];
    let done = false;
    const began = performance.now();
    let studentMs = 0;
    for (const dataset of datasets) {
      if (done || performance.now() > searchDeadline) {
        judgements.push({ kind: 'unjudged' });
        continue;
      }
      const script = check.script(dataset);
      const expected = referenceResultOfScript(script, reference, LIMITS.exercise.resultRows, context);
      const run = await engine.test({ dataset: script, query });
      if (run.kind === 'rows') studentMs += run.durationMs;
      const judgement = judgeRun(check, manifest, expected, run.kind === 'rows' ? { kind: 'rows', result: run.result } : run, quotedNames);
      judgements.push(judgement);
      // A batch is in the search's order: what comes after its first difference is not needed, nor after a runaway.
      if (judgement.kind === 'stop' || (judgement.kind === 'differs' && !every)) done = true;
    }
    check.search.spent(studentMs, performance.now() - began);
    return judgements;
  };
  try {
    const outcome = await runGenerated(check, judge, { started, deadline: searchDeadline, lastRound: Math.max(searchDeadline, deadline - testTimeMs - GENERATED_MARGIN_MS) });
    return { ...outcome, durationMs: Math.round(performance.now() - started) };
  } finally {
    await engine.close();
  }
}
