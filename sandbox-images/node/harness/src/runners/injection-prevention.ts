import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, constants as fsConstants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LIMITS, pathProblem, testWallTimeMs, type ExerciseManifest, type TestResult, type Visibility } from '../contracts';
import { CONTAINER_LAYOUT, RUNNER_FILES } from '../container-layout';
import { callOutcome, markDatabaseErrorText, type CallOutcome } from '../injection/call-outcome';
import { fingerprint, UnreadableDatabase, type DatabaseFingerprint } from '../injection/fingerprint';
import { runGeneratedCheck } from '../injection/generated/check';
import { SessionStudent } from '../injection/generated/student-side';
import { judge, type Judgement } from '../injection/judge';
import { everywhere, interpretRunner } from '../injection/runner-outcome';
import { type InjectionRequest } from '../injection/runner-protocol';
import { installSqlTracer, type SqlTracer } from '../injection/sql-trace';
import { log } from '../log';
import { clearStudentFilesAsStudent } from '../process/clear-as-student';
import { runAsStudent } from '../process/run-as-student';
import { describeSyntaxErrors, findSyntaxErrors } from '../rest/source-check';
import { summarize } from '../result-summary';
import { buildDatabase, ExerciseDefect } from '../sql/dataset-database';
import { graderWorkDir, studentReadableDir, writeSubmission } from '../workspace';
import { testResultOf } from '../test-feedback';
import type { KindRunner } from './kind-runner';

type InjectionPreventionManifest = Extract<ExerciseManifest, { kind: 'injection-prevention' }>;
type InjectionTest = InjectionPreventionManifest['tests'][number];
type FixedTest = InjectionTest & { calls: NonNullable<InjectionTest['calls']> };
type GeneratedTest = InjectionTest & { generated: NonNullable<InjectionTest['generated']> };

/**
 * Kind injection-prevention: the student's data-access module (CommonJS, functions taking a
 * better-sqlite3 Database first) is judged by what it does, never by its text. For each test:
 *
 * 1. A fresh database from the exercise's script (plus the test's `setup` SQL), two copies.
 * 2. The reference solution's functions called here (trusted) on one copy: the expected
 *    outcomes, and the database as it should be afterwards.
 * 3. The student's functions called by the injection runner, a fresh process as uid 1001,
 *    on the other copy (root's file in a root-owned directory, writable but not replaceable).
 * 4. The student's database read here once that process is gone, and judge.ts compares.
 * 5. Every student process killed and the student's files cleared.
 *
 * A generated check (a test with `generated`) runs many inputs instead, through one runner
 * process for as many as it survives (injection/generated/check.ts), within its time budget
 * and what is left of the sandbox's: the tests after it keep their own time.
 */
export const runInjectionPrevention: KindRunner<InjectionPreventionManifest> = async (manifest, input) => {
  const started = performance.now();
  // The sandbox's wall time, less its overhead: what every test together may take (container-policy.ts).
  const harnessDeadline = started + manifest.tests.length * testWallTimeMs(manifest);
  const { module, database } = manifest.injection;
  const written = writeSubmission(input.submission);
  const modulePath = written.get(module);

  let common: Judgement | undefined;
  let reference: Record<string, unknown> | undefined;
  let baseDatabase: string | undefined;
  const syntaxErrors = findSyntaxErrors(input.submission);
  if (modulePath === undefined) common = everywhere('compile_error', `your submission has no file ${module}`);
  else if (syntaxErrors.length > 0) common = everywhere('compile_error', describeSyntaxErrors(syntaxErrors));
  else {
    try {
      reference = loadReference(manifest, input.exerciseFiles);
      baseDatabase = path.join(graderWorkDir('database'), 'base.sqlite');
      const script = input.exerciseFiles[database];
      if (script === undefined) throw new ExerciseDefect(`the exercise package has no database script ${database}`);
      buildDatabase(baseDatabase, script, database);
    } catch (err) {
      if (!(err instanceof ExerciseDefect)) throw err;
      log(`exercise defect: ${err.message}`);
      common = everywhere('internal_error', `the exercise is broken: ${err.message}`);
    }
  }

  const tests: TestResult[] = [];
  // A module that fails to load fails the same way in every test: say it once, spend no more time.
  let loadFailure: Judgement | undefined;
  for (const [index, test] of manifest.tests.entries()) {
    let judgement: Judgement;
    let durationMs: number | undefined;
    if (common) judgement = common;
    else if (loadFailure) judgement = loadFailure;
    else {
      const setup: TestSetup = { modulePath: modulePath!, reference: reference!, baseDatabase: baseDatabase!, tracer: harnessTracer() };
      const later = manifest.tests.length - index - 1;
      const run = isGenerated(test)
        ? await runGenerated(manifest, manifest.slug, test, index, setup, harnessDeadline - later * testWallTimeMs(manifest))
        : await runTest(manifest, test as FixedTest, index, setup);
      judgement = run.judgement;
      durationMs = run.durationMs;
      if (run.loadFailed) loadFailure = judgement;
    }
    tests.push(testResult(test, judgement, durationMs));
  }
  return summarize(tests, manifest.maxScore);
};

interface TestSetup {
  modulePath: string;
  reference: Record<string, unknown>;
  baseDatabase: string;
  tracer: SqlTracer;
}

function isGenerated(test: InjectionTest): test is GeneratedTest {
  return test.generated !== undefined;
}

/** The harness's SQL tracer (on its own better-sqlite3): the reference's calls are observed as the student's are. */
function harnessTracer(): SqlTracer {
  const db = new Database(':memory:');
  try {
    return installSqlTracer(db, Database.SqliteError);
  } finally {
    db.close();
  }
}

/** How long the last input of a search may run past the search's budget, plus a runner's start. */
const GENERATED_MARGIN_MS = 1_000;

async function runGenerated(
  manifest: InjectionPreventionManifest,
  slug: string,
  test: GeneratedTest,
  index: number,
  setup: TestSetup,
  deadline: number,
): Promise<{ judgement: Judgement; durationMs?: number; loadFailed?: boolean }> {
  const started = performance.now();
  const { testTimeMs, memoryMb } = manifest.limits;
  const wanted = Math.min(test.generated.timeMs ?? LIMITS.generated.timeMs, LIMITS.generated.timeMsMax);
  // A slow submission may have used the sandbox's time up: the search gets what is left, the tests after it theirs.
  const budgetMs = Math.max(0, Math.min(wanted, deadline - started - testTimeMs - GENERATED_MARGIN_MS));
  const privateDir = graderWorkDir(`test-${index + 1}`);
  const shared = studentReadableDir(`injection-test-${index + 1}-`);
  shared.open();
  const student = new SessionStudent({
    module: setup.modulePath,
    moduleName: manifest.injection.module,
    dir: shared.dir,
    maxResultBytes: LIMITS.exercise.callResultBytes,
    outputBytes: LIMITS.exercise.outputBytes,
    lifetimeMs: budgetMs + 2 * testTimeMs + GENERATED_MARGIN_MS,
    testTimeMs,
    memoryMb,
    nonce: () => randomBytes(18).toString('base64url'),
  });
  try {
    const outcome = await runGeneratedCheck({ slug, test, manifest, reference: setup.reference, baseDatabase: setup.baseDatabase, workDir: privateDir, student, tracer: setup.tracer, budgetMs });
    log(`generated check ${JSON.stringify(test.name)}: ${outcome.runs} inputs, ${outcome.judgement.status}`);
    return { judgement: outcome.judgement, durationMs: Math.round(performance.now() - started), loadFailed: outcome.loadFailed };
  } catch (err) {
    if (err instanceof ExerciseDefect) {
      log(`exercise defect: ${err.message}`);
      return { judgement: everywhere('internal_error', `the exercise is broken: ${err.message}`) };
    }
    throw err;
  } finally {
    await student.close();
    await clearStudentFilesAsStudent();
    shared.remove();
    rmSync(privateDir, { recursive: true, force: true });
  }
}

async function runTest(
  manifest: InjectionPreventionManifest,
  test: FixedTest,
  index: number,
  setup: TestSetup,
): Promise<{ judgement: Judgement; durationMs?: number; loadFailed?: boolean }> {
  const { functions, secrets, module } = manifest.injection;
  const privateDir = graderWorkDir(`test-${index + 1}`);
  const shared = studentReadableDir(`injection-test-${index + 1}-`);
  try {
    // 1. Two copies of a fresh database, the test's setup applied to both.
    const referenceDatabase = path.join(privateDir, 'reference.sqlite');
    copyFileSync(setup.baseDatabase, referenceDatabase, fsConstants.COPYFILE_EXCL);
    if (test.setup) applySetup(referenceDatabase, test.setup, test.name);
    const studentDatabase = path.join(shared.dir, 'test.sqlite');
    copyFileSync(referenceDatabase, studentDatabase, fsConstants.COPYFILE_EXCL);
    // The file is the student's to write (the directory is not: no journal, no swapping the file).
    chmodSync(studentDatabase, 0o666);
    shared.open();

    // 2. The reference solution, here.
    const expectedOutcomes = await referenceOutcomes(setup.reference, test, functions, referenceDatabase, setup.tracer);
    const expectedDatabase = fingerprint(referenceDatabase);

    // 3. The student's functions, in the runner.
    const nonce = randomBytes(18).toString('base64url');
    const request: InjectionRequest = {
      nonce,
      module: setup.modulePath,
      database: studentDatabase,
      calls: test.calls.map((call) => ({
        fn: call.fn,
        args: (functions[call.fn] ?? []).map((p): InjectionRequest['calls'][number]['args'][number] => (p in call.args ? { value: call.args[p] } : {})),
      })),
      maxResultBytes: LIMITS.exercise.callResultBytes,
    };
    // Per call: its result, its error, and the SQL texts it prepared (20 at most, 1000 characters each).
    const channelBytes = LIMITS.exercise.outputBytes + test.calls.length * (LIMITS.exercise.callResultBytes + 4096 + 24_000) + 4096;
    const child = await runAsStudent({
      args: [path.join(CONTAINER_LAYOUT.runnerDir, RUNNER_FILES.injection)],
      cwd: CONTAINER_LAYOUT.studentHome,
      timeoutMs: manifest.limits.testTimeMs,
      stdoutCapBytes: channelBytes,
      stderrCapBytes: LIMITS.exercise.outputBytes,
      outputLimitBytes: channelBytes,
      env: { NODE_PATH: CONTAINER_LAYOUT.nodeModulesDir },
      stdin: 'pipe',
      onSpawn: (spawned) => spawned.stdin?.end(JSON.stringify(request)),
    });
    const durationMs = Math.round(child.durationMs);

    // 4. What the student's calls did.
    const read = interpretRunner(child, nonce, manifest);
    if (!('report' in read)) return { judgement: read.judgement, durationMs, loadFailed: read.loadFailed };
    const { report } = read;
    let actualDatabase: DatabaseFingerprint;
    try {
      actualDatabase = fingerprint(studentDatabase);
    } catch (err) {
      if (!(err instanceof UnreadableDatabase)) throw err;
      const message = `after your functions ran, the database file is no longer a database (${err.message})`;
      return { judgement: everywhere('tests_failed', message), durationMs };
    }
    const judgement = judge({ test, functions, secrets, module }, { outcomes: expectedOutcomes, database: expectedDatabase }, { outcomes: report.outcomes, database: actualDatabase });
    return { judgement, durationMs };
  } catch (err) {
    if (err instanceof ExerciseDefect) {
      log(`exercise defect: ${err.message}`);
      return { judgement: everywhere('internal_error', `the exercise is broken: ${err.message}`) };
    }
    throw err;
  } finally {
    // 5. Nothing of this test survives into the next.
    await clearStudentFilesAsStudent();
    shared.remove();
    rmSync(privateDir, { recursive: true, force: true });
  }
}

/** The reference solution's module, required from the harness's private copy of the package. */
function loadReference(manifest: InjectionPreventionManifest, files: Record<string, string>): Record<string, unknown> {
  const dir = graderWorkDir('package');
  for (const [file, text] of Object.entries(files)) {
    const problem = pathProblem(file);
    if (problem) throw new ExerciseDefect(`the exercise file name ${JSON.stringify(file)} ${problem}`);
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, text, { mode: 0o600 });
  }
  const entry = manifest.solution[manifest.injection.module];
  if (entry === undefined || !(entry in files)) throw new ExerciseDefect(`the exercise package has no reference solution for ${manifest.injection.module}`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(dir, entry)) as unknown;
    if ((typeof exported !== 'object' && typeof exported !== 'function') || exported === null) throw new Error(`it exports ${typeof exported}`);
    return exported as Record<string, unknown>;
  } catch (err) {
    throw new ExerciseDefect(`the reference solution failed to load: ${(err as Error).message}`);
  }
}

async function referenceOutcomes(reference: Record<string, unknown>, test: FixedTest, functions: Record<string, string[]>, databasePath: string, tracer: SqlTracer): Promise<CallOutcome[]> {
  const db = new Database(databasePath, { fileMustExist: true });
  db.defaultSafeIntegers(false);
  try {
    const outcomes: CallOutcome[] = [];
    for (const call of test.calls) {
      const fn = reference[call.fn];
      if (typeof fn !== 'function') throw new ExerciseDefect(`the reference solution does not export ${call.fn}`);
      const args = (functions[call.fn] ?? []).map((p) => call.args[p]);
      tracer.begin();
      const outcome = await callOutcome(fn, [db, ...args], LIMITS.exercise.callResultBytes, (err) => tracer.isDatabaseError(err));
      outcomes.push(markDatabaseErrorText(outcome, tracer.end().engineErrors));
    }
    const bad = outcomes.find((o) => o.kind === 'unserializable');
    if (bad) throw new ExerciseDefect(`the reference solution returned a value that is not JSON on test ${JSON.stringify(test.name)}`);
    return outcomes;
  } finally {
    db.close();
  }
}

function applySetup(databasePath: string, sql: string, testName: string): void {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.exec(sql);
  } catch (err) {
    throw new ExerciseDefect(`the setup of test ${JSON.stringify(testName)} failed: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

/** The judgement's message for the test's visibility; expected and actual only for a failing visible test (and for staff). */
function testResult(test: InjectionTest, judgement: Judgement, durationMs: number | undefined): TestResult {
  const feedbackAt = (visibility: Visibility) => {
    const showOutputs = visibility === 'visible' && judgement.status !== 'passed';
    return {
      status: judgement.status,
      verdict: judgement.verdict,
      message: visibility === 'visible' ? judgement.visible : visibility === 'name-only' ? judgement.nameOnly : judgement.hidden,
      ...(showOutputs && judgement.expected !== undefined && { expected: judgement.expected }),
      ...(showOutputs && judgement.actual !== undefined && { actual: judgement.actual }),
    };
  };
  return testResultOf(test, feedbackAt, durationMs);
}
