import { LIMITS, type ExerciseManifest, type SandboxInput, type TestResult } from '../contracts';
import { CONTAINER_LAYOUT } from '../container-layout';
import { log } from '../log';
import { summarize } from '../result-summary';
import { compareResults } from '../sql/compare-results';
import { QUERY_REFUSALS } from '../sql/execute-query';
import { quotedIdentifiers } from '../sql/quoted-identifiers';
import type { SqlTestOutcome } from '../sql/feedback';
import { PgSession, type SessionRun } from '../sql/postgres/pg-session';
import { describeFailedStart, howItEnded, StudentEngine } from '../sql/postgres/student-engine';
import type { QueryResult } from '../sql/query-result';
import { sqlTestResult } from '../sql/sql-test-result';
import { RESULT_CHANNEL_BYTES } from '../sql/student-query';
import { writeSubmission } from '../workspace';

type SqlQueryManifest = Extract<ExerciseManifest, { kind: 'sql-query' }>;
type Outcome = SqlTestOutcome & { durationMs?: number };

/**
 * Time a dataset gets to load before the query runs, milliseconds: not the student's time
 * (a test's limit counts from the end of the load). Catalogue datasets load in under half a
 * second; more than this is a broken exercise or a starved host (an internal error).
 */
const DATASET_LOAD_MS = 5_000;

/** Where the engines come from; tests outside the container point these elsewhere. */
export interface PostgresRunnerSetup {
  templatePath?: string;
  runnerPath?: string;
  cwd?: string;
}

/**
 * Kind sql-query, dialect PostgreSQL (PGlite). An engine takes about 1 s of CPU to start
 * and 400 MiB, so each side gets one engine for the whole submission, one after the other:
 *
 * 1. The student's pg-runner process (uid 1001) gets the tests one by one: an empty
 *    database, the test's dataset, the student's query (read-only, one statement, at most
 *    the row limit: pg-execute.ts). A query still running at the test's time limit is
 *    killed with its engine; the next test starts another (student-engine.ts: why a
 *    runaway and what follows it stay the student's verdict). The engine ends, and its
 *    memory is given back, before the next step.
 * 2. A trusted pg-runner process (the harness's user) runs the reference solution on the
 *    datasets of the tests where the student's query returned rows: the expected rows. A
 *    query that never parses, or always runs out of time, costs no second engine.
 *
 * The datasets reach the student's process one test at a time, so a later (hidden) test's
 * data is never in the engine while an earlier (visible) test's feedback is made.
 */
export async function runPostgresQuery(manifest: SqlQueryManifest, input: SandboxInput, setup: PostgresRunnerSetup = {}): Promise<ReturnType<typeof summarize>> {
  const { queryFile } = manifest.sql;
  writeSubmission(input.submission);
  const query = input.submission[queryFile];
  const referencePath = manifest.solution[queryFile];
  const reference = referencePath === undefined ? undefined : input.exerciseFiles[referencePath];

  const outcomes: Outcome[] = new Array<Outcome>(manifest.tests.length);
  const settle = (index: number, outcome: Outcome): void => {
    outcomes[index] ??= outcome;
  };
  manifest.tests.forEach((test, i) => {
    if (reference === undefined) settle(i, { kind: 'internal', message: `the exercise package has no reference solution file for ${queryFile}` });
    else if (input.exerciseFiles[test.dataset] === undefined) settle(i, { kind: 'internal', message: `the exercise package has no dataset file ${test.dataset}` });
    else if (query === undefined) settle(i, { kind: 'refused', stage: 'prepare', code: QUERY_REFUSALS.missingFile, message: `your submission has no file ${queryFile}` });
    else if (query.trim() === '') settle(i, { kind: 'refused', stage: 'prepare', code: QUERY_REFUSALS.empty, message: 'the query is empty' });
  });

  const options = (trusted: boolean) => ({
    trusted,
    maxRows: LIMITS.exercise.resultRows,
    startupTimeMs: LIMITS.exercise.postgresStartupMs,
    // A backstop: each step has its own limit (start, load, query).
    lifetimeMs: LIMITS.exercise.postgresStartupMs + manifest.tests.length * (2 * manifest.limits.testTimeMs + DATASET_LOAD_MS),
    maxLineBytes: RESULT_CHANNEL_BYTES,
    stderrCapBytes: LIMITS.exercise.outputBytes,
    templatePath: setup.templatePath ?? CONTAINER_LAYOUT.pgTemplate,
    ...(setup.runnerPath !== undefined && { runnerPath: setup.runnerPath }),
    ...(setup.cwd !== undefined && { cwd: setup.cwd }),
  });

  // 1. The student's query, test by test, in the student's engine: visible tests first. The
  //    engine keeps the files of earlier datasets (its write-ahead log) and the student is its
  //    superuser, so a query could read them back (pg_read_binary_file); whatever a visible test
  //    shows can then only come from visible tests' datasets.
  const studentRows: Array<{ result: QueryResult; durationMs: number } | undefined> = [];
  const engine = new StudentEngine(() => PgSession.start(options(false)), {
    testTimeMs: manifest.limits.testTimeMs,
    memoryMb: manifest.limits.memoryMb,
    loadTimeMs: DATASET_LOAD_MS,
  });
  for (const i of visibleFirst(manifest.tests)) {
    if (outcomes[i] !== undefined) continue;
    const run = await engine.test({ dataset: input.exerciseFiles[manifest.tests[i]!.dataset]!, query: query! });
    if (run.kind === 'rows') studentRows[i] = { result: run.result, durationMs: run.durationMs };
    else settle(i, run);
  }
  await engine.close();

  // 2. The expected rows, from the reference solution in a trusted engine of its own, started
  //    only when some test has rows to compare (a query that never parses needs none).
  const toCompare = manifest.tests.map((_, i) => i).filter((i) => studentRows[i] !== undefined);
  const quotedNames = quotedIdentifiers(query ?? '', 'postgres');
  if (toCompare.length > 0) {
    const started = await PgSession.start(options(true));
    if (started.kind !== 'ready') {
      const why = `the reference engine did not start (${describeFailedStart(started)})`;
      log(why);
      for (const i of toCompare) settle(i, { kind: 'internal', message: `the grader failed: ${why}` });
    } else {
      for (const i of toCompare) {
        const test = manifest.tests[i]!;
        const context = `on test ${JSON.stringify(test.name)} (dataset ${test.dataset})`;
        // The reference gets more time than the student: on a busy host it must not be the one that fails.
        const run = await started.session.run({ dataset: input.exerciseFiles[test.dataset]!, query: reference! }, manifest.limits.testTimeMs * 2, DATASET_LOAD_MS);
        const expected = referenceRows(run, context);
        if (!('columns' in expected)) {
          log(`exercise defect: ${expected.message}`);
          settle(i, expected);
          if (run.kind !== 'response') break;
          continue;
        }
        const { result: actual, durationMs } = studentRows[i]!;
        const comparison = compareResults(expected, actual, { ...manifest.sql, quotedNames });
        settle(i, comparison.equal ? { kind: 'passed', durationMs } : { kind: 'wrong', difference: comparison.difference, expected, actual, durationMs });
      }
      await started.session.close();
      // A reference run that stopped its engine leaves the tests after it without expected rows.
      for (const i of toCompare) settle(i, { kind: 'internal', message: 'the exercise is broken: the reference solution could not be run on this test' });
    }
  }

  const tests: TestResult[] = manifest.tests.map((test, i) => sqlTestResult(test, outcomes[i]!, 'postgres'));
  return summarize(tests, manifest.maxScore);
}

/** Test indexes: visible tests, then name-only, then hidden, each in manifest order. */
export function visibleFirst(tests: ReadonlyArray<{ visibility: 'visible' | 'name-only' | 'hidden' }>): number[] {
  const rank = { visible: 0, 'name-only': 1, hidden: 2 } as const;
  return tests.map((t, i) => ({ i, r: rank[t.visibility] })).sort((a, b) => a.r - b.r || a.i - b.i).map(({ i }) => i);
}

function referenceRows(run: SessionRun, context: string): QueryResult | Extract<Outcome, { kind: 'internal' }> {
  const defect = (message: string): Extract<Outcome, { kind: 'internal' }> => ({ kind: 'internal', message: `the exercise is broken: ${message}` });
  switch (run.kind) {
    case 'response': {
      const { response } = run;
      if (response.kind === 'ok') return { columns: response.columns, rows: response.rows };
      if (response.kind === 'dataset-error') return defect(`the dataset failed to load ${context}: ${response.message}`);
      if (response.kind === 'too-many-rows') return defect(`the reference solution returns more than ${response.limit} rows ${context}`);
      return defect(`the reference solution failed ${context} (${response.stage}): ${response.message}`);
    }
    case 'timeout':
      return defect(`the reference solution ran out of time ${context}`);
    case 'load-timeout':
      return defect(`the dataset took more than ${DATASET_LOAD_MS / 1000} s to load ${context}`);
    default:
      return { kind: 'internal', message: `the grader failed: the reference engine ended ${context} (${run.kind}, ${howItEnded(run.outcome)})` };
  }
}
