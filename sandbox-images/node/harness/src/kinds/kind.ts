import type { z } from 'zod';
import type { Limits, SandboxInput, TestResult, Visibility, WarmProfile } from '../contracts';
import type { StudentRunner } from '../common/student-runner';

/**
 * An exercise kind, as the harness grades it: a plug-in. The generic test loop
 * (grade-tests.ts) does what every kind does the same way (write the student's files, run the
 * kind's precheck, go through the tests within the sandbox's time, turn a thrown
 * ExerciseDefect into the kind's internal outcome, summarise); a kind supplies only what
 * differs. Registering one is a line in registry.ts; "Adding a kind" in the image's README
 * lists the files a kind has.
 */
export interface Kind<M extends KindManifest = KindManifest, Ready = unknown, Outcome = unknown> {
  /** The manifest's `kind` this plug-in grades, e.g. `sql-query`. */
  readonly name: M['kind'];
  /**
   * The whole manifest schema of a kind that contracts/src/manifest/ does not know (zod only:
   * the kind's manifest.ts). Absent for the built-in kinds, which the shared ExerciseManifest
   * checks as the API does.
   */
  readonly manifest?: z.ZodType<M>;
  /** The student-side programs this kind starts, bundled into the image's runner directory. */
  readonly studentRunners: readonly StudentRunner[];
  /**
   * In a warm container started with GRADER_WARM_PROFILE=<profile> (worker/src/sandbox/warm-pool.ts),
   * before the input arrives: prepares what this kind's gradings of that profile need (the
   * TypeScript checker, say). Runs trusted code only; the harness reads the input after it
   * returns. A preparation that goes on after that (servers starting) returns a promise that
   * settles when it is over: fulfilled when ready, rejected when it failed.
   */
  warmUp?(profile: WarmProfile): void | Promise<void>;
  /**
   * Once per submission, after its files are written under /submission: either what every
   * test needs (`ready`), or the one outcome all tests get (`common`: no such file, a
   * syntax error). May throw ExerciseDefect: then every test gets `internal(...)`.
   */
  prepare(submission: KindSubmission<M>): Promise<Prepared<Ready, Outcome>> | Prepared<Ready, Outcome>;
  /**
   * The tests in the order they run (default: each alone, in manifest order): an index runs
   * alone through runTest, an array of indexes together through runGroup (one engine or
   * process for them all). Every test's deadline comes from its place in this order.
   */
  plan?(manifest: M): TestPlan;
  /** One test. May throw ExerciseDefect: that test gets `internal(...)`. */
  runTest(ready: Ready, test: PlannedTest<M>): Promise<TestRun<Outcome>>;
  /** Tests planned together (an array in plan()); required when plan() makes one. */
  runGroup?(ready: Ready, tests: Array<PlannedTest<M>>, clock: SandboxClock): Promise<Array<TestRun<Outcome>>>;
  /** Once every test has run (or failed): ends what prepare() started for them all (a process kept for the whole grading). */
  finish?(ready: Ready): Promise<void>;
  /** A test's entry in the result document from its outcome (the kind's feedback, by visibility). */
  resultOf(test: KindTest<M>, outcome: Outcome, durationMs: number | undefined, manifest: M): TestResult;
  /** The outcome of a test the harness could not grade: `message` is for staff ("the exercise is broken: …"). */
  internal(message: string): Outcome;
  /**
   * A sentence added to the submission's message once every test has its result (test-writing:
   * the kinds of bug the tests missed, hidden tests' included; injection-prevention: how many
   * tests an injection failed); none when absent or undefined. `outcomes[i]` is test i's outcome,
   * undefined for a test whose result a check rendered itself.
   */
  summaryNote?(manifest: M, results: readonly TestResult[], outcomes: ReadonlyArray<Outcome | undefined>): string | undefined;
}

/** What the loop needs of every kind's manifest: the fields contracts/src/manifest/ gives all kinds. */
export interface KindManifest {
  kind: string;
  slug: string;
  limits: Limits;
  maxScore: number;
  solution: Record<string, string>;
  tests: ReadonlyArray<{ name: string; points: number; visibility: Visibility }>;
}

export type KindTest<M extends KindManifest> = M['tests'][number];

/** A submission as prepare() sees it: the files already written, `written` mapping submitted path → file. */
export interface KindSubmission<M extends KindManifest> {
  manifest: M;
  input: SandboxInput;
  written: Map<string, string>;
}

export type Prepared<Ready, Outcome> = { ready: Ready } | { common: Outcome };

/** Indexes into manifest.tests: one runs alone, an array together. */
export type TestPlan = Array<number | number[]>;

export interface PlannedTest<M extends KindManifest> {
  test: KindTest<M>;
  /** Its index in manifest.tests. */
  index: number;
  /**
   * performance.now() by which it must be done: the sandbox's time less what every test
   * after it in the plan needs (a search that may take longer stops here).
   */
  deadline: number;
}

/**
 * What running a test gave: its outcome and time; or its result already rendered (a kind
 * whose checks make their own feedback). `decidesRest`: the same reason would decide every
 * test after it (a module that does not load, an app that never listens); they get this
 * outcome without running.
 */
export type TestRun<Outcome> = { outcome: Outcome; durationMs?: number; decidesRest?: boolean } | { result: TestResult };

/**
 * The sandbox's time as the worker sizes it (container-policy.ts): each test's slot (testSlotMs),
 * counted from the harness's start. `deadlineAfter(k)` leaves the k tests after it theirs.
 */
export interface SandboxClock {
  started: number;
  /** When the tests together must be done. */
  deadline: number;
  /** One test's wall time, ms. */
  testWallMs: number;
  deadlineAfter(later: number): number;
}
