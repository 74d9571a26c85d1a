import { LIMITS, testWallTimeMs, type ExerciseManifest, type SandboxInput, type TestResult } from '../contracts';
import { CONTAINER_LAYOUT } from '../container-layout';
import { log } from '../log';
import { summarize } from '../result-summary';
import { compareResults } from '../sql/compare-results';
import { ExerciseDefect } from '../sql/dataset-database';
import type { GenDataset } from '../sql/generated/dataset';
import { judgeRun, prepareGenerated, runGenerated, type GeneratedCheck, type Judge } from '../sql/generated/generated-test';
import type { Judgement } from '../sql/generated/rounds';
import { QUERY_REFUSALS } from '../sql/execute-query';
import { quotedIdentifiers } from '../sql/quoted-identifiers';
import type { SqlTestOutcome } from '../sql/feedback';
import { PgSession, type SessionRun } from '../sql/postgres/pg-session';
import { describeFailedStart, howItEnded, StudentEngine, type StudentRun } from '../sql/postgres/student-engine';
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
  const began = performance.now();
  // The sandbox's wall time less its overhead (container-policy.ts): what the tests together may take.
  const harnessDeadline = began + manifest.tests.length * testWallTimeMs(manifest);
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
    else if (test.dataset !== undefined && input.exerciseFiles[test.dataset] === undefined) settle(i, { kind: 'internal', message: `the exercise package has no dataset file ${test.dataset}` });
    else if (query === undefined) settle(i, { kind: 'refused', stage: 'prepare', code: QUERY_REFUSALS.missingFile, message: `your submission has no file ${queryFile}` });
    else if (query.trim() === '') settle(i, { kind: 'refused', stage: 'prepare', code: QUERY_REFUSALS.empty, message: 'the query is empty' });
  });

  // Generated tests: the schema read, the search seeded, and its initial datasets drawn, to be
  // judged in the same two engines as the fixed tests (an engine costs a second; a dataset some 10 ms).
  const generated = new Map<number, GeneratedRun>();
  manifest.tests.forEach((test, i) => {
    if (outcomes[i] !== undefined || !test.generated) return;
    try {
      generated.set(i, { check: prepareGenerated(manifest, input, { ...test, generated: test.generated }, reference!), datasets: [], scripts: [], runs: [] });
    } catch (err) {
      if (!(err instanceof ExerciseDefect)) throw err;
      log(`exercise defect: ${err.message}`);
      settle(i, { kind: 'internal', message: `the exercise is broken: ${err.message}` });
    }
  });
  for (const run of generated.values()) {
    const step = await run.check.search.step(true);
    if (step.kind === 'judge') {
      run.datasets = step.datasets;
      run.scripts = step.datasets.map((d) => run.check.script(d));
    }
  }
  const order = visibleFirst(manifest.tests);
  const wantedMs = (i: number): number => Math.min(manifest.tests[i]!.generated?.timeMs ?? LIMITS.generated.timeMs, LIMITS.generated.timeMsMax);
  // A generated test's datasets stop at its budget, leaving every test after it (in the engine's order) its own time.
  const deadlineOf = (i: number, from: number): number => Math.min(from + wantedMs(i), harnessDeadline - (order.length - order.indexOf(i) - 1) * testWallTimeMs(manifest) - GENERATED_MARGIN_MS);

  const options = (trusted: boolean) => ({
    trusted,
    maxRows: LIMITS.exercise.resultRows,
    startupTimeMs: LIMITS.exercise.postgresStartupMs,
    // A backstop: each step has its own limit (start, load, query).
    lifetimeMs: Math.max(
      LIMITS.exercise.postgresStartupMs + manifest.tests.length * (2 * manifest.limits.testTimeMs + DATASET_LOAD_MS),
      harnessDeadline - performance.now() + 2 * manifest.limits.testTimeMs,
    ),
    maxLineBytes: RESULT_CHANNEL_BYTES,
    stderrCapBytes: LIMITS.exercise.outputBytes,
    templatePath: setup.templatePath ?? CONTAINER_LAYOUT.pgTemplate,
    ...(setup.runnerPath !== undefined && { runnerPath: setup.runnerPath }),
    ...(setup.cwd !== undefined && { cwd: setup.cwd }),
  });
  const newStudentEngine = (): StudentEngine =>
    new StudentEngine(() => PgSession.start(options(false)), {
      testTimeMs: manifest.limits.testTimeMs,
      memoryMb: manifest.limits.memoryMb,
      loadTimeMs: DATASET_LOAD_MS,
    });

  // 1. The student's query, test by test, in the student's engine: visible tests first. The
  //    engine keeps the files of earlier datasets (its write-ahead log) and the student is its
  //    superuser, so a query could read them back (pg_read_binary_file); whatever a visible test
  //    shows can then only come from visible tests' datasets. A generated test's datasets come
  //    at its place in that order.
  const studentRows: Array<{ result: QueryResult; durationMs: number } | undefined> = [];
  const engine = newStudentEngine();
  for (const i of order) {
    if (outcomes[i] !== undefined) continue;
    const run = generated.get(i);
    if (run) {
      run.runs = await studentBatch(engine, run.scripts, query!, deadlineOf(i, performance.now()));
      continue;
    }
    const result = await engine.test({ dataset: input.exerciseFiles[manifest.tests[i]!.dataset!]!, query: query! });
    if (result.kind === 'rows') studentRows[i] = { result: result.result, durationMs: result.durationMs };
    else settle(i, result);
  }
  await engine.close();

  // 2. The expected rows, from the reference solution in a trusted engine of its own, started
  //    only when some test has rows to compare (a query that never parses needs none).
  const toCompare = manifest.tests.map((_, i) => i).filter((i) => studentRows[i] !== undefined);
  const quotedNames = quotedIdentifiers(query ?? '', 'postgres');
  const generatedToJudge = [...generated.entries()].filter(([i, run]) => outcomes[i] === undefined && run.runs.some(needsReference));
  if (toCompare.length > 0 || generatedToJudge.length > 0) {
    const started = await PgSession.start(options(true));
    if (started.kind !== 'ready') {
      const why = `the reference engine did not start (${describeFailedStart(started)})`;
      log(why);
      for (const i of [...toCompare, ...generatedToJudge.map(([i]) => i)]) settle(i, { kind: 'internal', message: `the grader failed: ${why}` });
    } else {
      for (const i of toCompare) {
        const test = manifest.tests[i]!;
        const context = `on test ${JSON.stringify(test.name)} (dataset ${test.dataset})`;
        // The reference gets more time than the student: on a busy host it must not be the one that fails.
        const run = await started.session.run({ dataset: input.exerciseFiles[test.dataset!]!, query: reference! }, manifest.limits.testTimeMs * 2, DATASET_LOAD_MS);
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
      for (const [i, run] of generatedToJudge) {
        const judged = await referenceBatch(started.session, run, manifest, reference!, quotedNames);
        if ('internal' in judged) settle(i, judged.internal);
        else run.judgements = judged;
      }
      await started.session.close();
      // A reference run that stopped its engine leaves the tests after it without expected rows.
      for (const i of toCompare) settle(i, { kind: 'internal', message: 'the exercise is broken: the reference solution could not be run on this test' });
    }
  }

  // 3. Each generated test's search goes on from its initial datasets: shrinking a difference
  //    takes rounds, each a new student engine for the round's datasets and then a new
  //    reference engine (never two at once: an engine takes 400 MiB).
  for (const i of order) {
    const run = generated.get(i);
    if (!run || outcomes[i] !== undefined) continue;
    const { check } = run;
    check.search.record(run.datasets, run.judgements ?? run.runs.map(withoutReference));
    const judge: Judge = async (datasets) => {
      const scripts = datasets.map((d) => check.script(d));
      const student = newStudentEngine();
      // Each round's datasets get the search's time of their own: the engines' starts are not the student's.
      const runs = await studentBatch(student, scripts, query!, Math.min(performance.now() + wantedMs(i), harnessDeadline - GENERATED_MARGIN_MS));
      await student.close();
      const round: GeneratedRun = { check, datasets, scripts, runs };
      if (!runs.some(needsReference)) return runs.map(withoutReference);
      const started = await PgSession.start(options(true));
      if (started.kind !== 'ready') throw new ExerciseDefect(`the reference engine did not start (${describeFailedStart(started)})`);
      try {
        const judged = await referenceBatch(started.session, round, manifest, reference!, quotedNames);
        if ('internal' in judged) throw new ExerciseDefect(judged.internal.message);
        return judged;
      } finally {
        await started.session.close();
      }
    };
    const from = performance.now();
    try {
      const outcome = await runGenerated(check, judge, {
        started: from,
        deadline: Math.min(from + wantedMs(i), harnessDeadline - GENERATED_MARGIN_MS),
        // A round starts two engines and judges its datasets: none starts unless the sandbox has time for one.
        lastRound: harnessDeadline - ROUND_RESERVE_MS,
      });
      const durationMs = run.runs.reduce((total, r) => total + (r?.durationMs ?? 0), 0);
      settle(i, { ...outcome, durationMs });
    } catch (err) {
      if (!(err instanceof ExerciseDefect)) throw err;
      log(`generated test: ${err.message}`);
      settle(i, { kind: 'internal', message: `the grader failed: ${err.message}` });
    }
  }

  const tests: TestResult[] = manifest.tests.map((test, i) => sqlTestResult(test, outcomes[i]!, 'postgres'));
  return summarize(tests, manifest.maxScore);
}

/** A generated test's datasets of one round, the student's run on each, and the judgements. */
interface GeneratedRun {
  check: GeneratedCheck;
  datasets: GenDataset[];
  scripts: string[];
  /** The student's run on each dataset; undefined where the batch stopped before it. */
  runs: Array<StudentRun | undefined>;
  judgements?: Judgement[];
}

/** How long the last dataset of a search may run past the search's budget. */
const GENERATED_MARGIN_MS = 1_000;
/** The sandbox's time a round of shrinking needs left to start: two engines' starts and its datasets, on a busy host. */
const ROUND_RESERVE_MS = 2 * LIMITS.exercise.postgresStartupMs;

/** A run the reference must answer too: rows to compare, or an error where the reference may answer. */
function needsReference(run: StudentRun | undefined): boolean {
  return run !== undefined && (run.kind === 'rows' || run.kind === 'runtime');
}

/** The judgement of a run the reference need not answer: a runaway, or no run at all. */
function withoutReference(run: StudentRun | undefined): Judgement {
  if (run === undefined || run.kind === 'rows') return { kind: 'unjudged' };
  return { kind: 'stop', outcome: run };
}

/** The student's query on each dataset in turn, until one runs away (or the time is up). */
async function studentBatch(engine: StudentEngine, scripts: string[], query: string, deadline: number): Promise<Array<StudentRun | undefined>> {
  const runs: Array<StudentRun | undefined> = [];
  for (const script of scripts) {
    if (performance.now() > deadline) break;
    const run = await engine.test({ dataset: script, query });
    runs.push(run);
    if (!needsReference(run)) break;
  }
  return runs;
}

/** The reference's rows on the datasets the student's query answered, each compared: the judgements. */
async function referenceBatch(session: PgSession, run: GeneratedRun, manifest: SqlQueryManifest, reference: string, quotedNames: ReadonlySet<string>): Promise<Judgement[] | { internal: Extract<Outcome, { kind: 'internal' }> }> {
  const judgements: Judgement[] = [];
  for (const [k, script] of run.scripts.entries()) {
    const student = run.runs[k];
    if (student === undefined) {
      judgements.push({ kind: 'unjudged' });
      continue;
    }
    if (student.kind !== 'rows' && student.kind !== 'runtime') {
      judgements.push(withoutReference(student));
      continue;
    }
    const context = `on a dataset of the generated test ${JSON.stringify(run.check.test.name)}`;
    const answered = await session.run({ dataset: script, query: reference }, manifest.limits.testTimeMs * 2, DATASET_LOAD_MS);
    const expected = referenceRows(answered, context);
    if (!('columns' in expected)) {
      log(`exercise defect: ${expected.message}`);
      return { internal: expected };
    }
    judgements.push(judgeRun(run.check, manifest, expected, student.kind === 'rows' ? { kind: 'rows', result: student.result } : student, quotedNames));
  }
  return judgements;
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
