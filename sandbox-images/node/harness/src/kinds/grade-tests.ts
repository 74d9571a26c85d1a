import { LIMITS, testSlotMs, testWallTimeMs, type ExerciseManifest, type SandboxInput, type SandboxResult, type TestResult } from '../contracts';
import { ExerciseDefect } from '../common/exercise-defect';
import { summarize } from '../common/result-summary';
import { writeSubmission } from '../common/workspace';
import { log } from '../log';
import type { Kind, KindManifest, PlannedTest, Prepared, SandboxClock, TestRun } from './kind';

/**
 * The one test loop every kind runs through:
 *
 * 1. The sandbox's clock starts: the tests together have the wall time the worker gave the
 *    container, less its overhead (each test's wall time, testWallTimeMs).
 * 2. The student's files are written under /submission.
 * 3. The kind's precheck (prepare): an outcome for every test at once, or what they need.
 * 4. The tests, in the kind's plan, each with the deadline that leaves the tests after it
 *    their own time; a test whose run decides the rest (decidesRest) gives them its outcome.
 *    An ExerciseDefect thrown while preparing or running is logged for staff and becomes the
 *    kind's internal outcome.
 * 5. The kind's finish (what prepare started for every test ends), whatever happened above.
 * 6. The summary: verdict, score and message of the whole submission from the tests' results,
 *    in manifest order.
 *
 * Resolves with the whole result document; anything else thrown is the harness's failure
 * (main.ts reports it as an internal error).
 */
export async function gradeTests<M extends KindManifest, Ready, Outcome>(kind: Kind<M, Ready, Outcome>, manifest: M, input: SandboxInput): Promise<SandboxResult> {
  const clock = sandboxClock(manifest);
  const written = writeSubmission(input.submission);
  const prepared = await prepare(kind, manifest, input, written);
  // Set when one outcome stands for every test still to run: the precheck's, or a deciding test's.
  let decided: { outcome: Outcome } | undefined = 'common' in prepared ? { outcome: prepared.common } : undefined;
  const results: Array<TestResult | undefined> = new Array<TestResult | undefined>(manifest.tests.length);
  const outcomes: Array<Outcome | undefined> = new Array<Outcome | undefined>(manifest.tests.length);
  const plan = kind.plan?.(manifest) ?? manifest.tests.map((_, index) => index);
  let later = manifest.tests.length;
  try {
    for (const step of plan) {
      const together = Array.isArray(step);
      const planned: Array<PlannedTest<M>> = (together ? step : [step]).map((index) => ({ test: manifest.tests[index]!, index, deadline: clock.deadlineAfter(--later) }));
      if (decided) {
        for (const { test, index } of planned) {
          results[index] = kind.resultOf(test, decided.outcome, undefined, manifest);
          outcomes[index] = decided.outcome;
        }
        continue;
      }
      const runs = await runPlanned(kind, (prepared as { ready: Ready }).ready, planned, together, clock);
      runs.forEach((run, k) => {
        const { test, index } = planned[k]!;
        if ('result' in run) {
          results[index] = run.result;
          return;
        }
        results[index] = kind.resultOf(test, run.outcome, run.durationMs, manifest);
        outcomes[index] = run.outcome;
        if (run.decidesRest) decided = { outcome: run.outcome };
      });
    }
  } finally {
    if ('ready' in prepared) await kind.finish?.(prepared.ready);
  }
  const missing = results.findIndex((r) => r === undefined);
  if (missing >= 0) throw new Error(`the ${kind.name} plan left test ${missing + 1} out`);
  const summary = summarize(results as TestResult[], manifest.maxScore);
  const note = kind.summaryNote?.(manifest, results as TestResult[], outcomes);
  return note ? { ...summary, message: `${summary.message}; ${note}`.slice(0, LIMITS.text.resultMessageChars) } : summary;
}

/**
 * The sandbox's time from now (performance.now()): each test's slot as the worker sizes the
 * container's time (testSlotMs, shared with worker/src/sandbox/container-policy.ts: its wall
 * time as far as a busy host may stretch it). The container's own kill comes
 * LIMITS.sandbox.overheadMs after this deadline.
 */
export function sandboxClock(manifest: KindManifest): SandboxClock {
  const started = performance.now();
  // A plug-in kind contracts/src/manifest/ does not know gets the common rule (its limits' testTimeMs), as in the worker.
  const testWallMs = testWallTimeMs(manifest as ExerciseManifest);
  const slotMs = testSlotMs(manifest as ExerciseManifest);
  const deadline = started + manifest.tests.length * slotMs;
  return { started, deadline, testWallMs, deadlineAfter: (tests) => deadline - tests * slotMs };
}

async function prepare<M extends KindManifest, Ready, Outcome>(kind: Kind<M, Ready, Outcome>, manifest: M, input: SandboxInput, written: Map<string, string>): Promise<Prepared<Ready, Outcome>> {
  try {
    return await kind.prepare({ manifest, input, written });
  } catch (err) {
    return { common: defectOutcome(kind, err) };
  }
}

/** A test planned alone through the kind's runTest; tests planned together through its runGroup. */
async function runPlanned<M extends KindManifest, Ready, Outcome>(kind: Kind<M, Ready, Outcome>, ready: Ready, planned: Array<PlannedTest<M>>, together: boolean, clock: SandboxClock): Promise<Array<TestRun<Outcome>>> {
  try {
    if (!together) return [await kind.runTest(ready, planned[0]!)];
    if (!kind.runGroup) throw new Error(`the ${kind.name} kind plans tests together but has no runGroup`);
    return await kind.runGroup(ready, planned, clock);
  } catch (err) {
    const outcome = defectOutcome(kind, err);
    return planned.map(() => ({ outcome }));
  }
}

/** An ExerciseDefect as the kind's internal outcome; anything else is rethrown. */
function defectOutcome<Outcome>(kind: Kind<KindManifest, unknown, Outcome>, err: unknown): Outcome {
  if (!(err instanceof ExerciseDefect)) throw err;
  log(`exercise defect: ${err.message}`);
  return kind.internal(`the exercise is broken: ${err.message}`);
}
