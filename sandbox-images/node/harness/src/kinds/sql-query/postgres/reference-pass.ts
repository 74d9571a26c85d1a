import { ExerciseDefect } from '../../../common/exercise-defect';
import { log } from '../../../log';
import { compareResults } from '../compare-results';
import { runGenerated, type Judge } from '../generated/generated-test';
import { DATASET_LOAD_MS, GENERATED_MARGIN_MS, needsReference, referenceBatch, referenceRows, ROUND_RESERVE_MS, studentBatch, withoutReference, type GeneratedRun } from './batches';
import type { PostgresGrading, StudentRows } from './grade-postgres';
import { describeFailedStart } from './student-engine';

/**
 * Step 2 of a PostgreSQL grading: the expected rows, from the reference solution in a
 * trusted engine of its own, started only when some test has rows to compare (a query that
 * never parses needs none); each fixed test compared, each generated test's initial
 * datasets judged.
 */
export async function compareWithReference(grading: PostgresGrading, studentRows: StudentRows): Promise<void> {
  const { manifest, input, reference, outcomes } = grading;
  const toCompare = manifest.tests.map((_, i) => i).filter((i) => studentRows[i] !== undefined);
  const generatedToJudge = [...grading.generated.entries()].filter(([i, run]) => outcomes[i] === undefined && run.runs.some(needsReference));
  if (toCompare.length === 0 && generatedToJudge.length === 0) return;
  const started = await grading.startReferenceEngine();
  if (started.kind !== 'ready') {
    const why = `the reference engine did not start (${describeFailedStart(started)})`;
    log(why);
    for (const i of [...toCompare, ...generatedToJudge.map(([i]) => i)]) grading.settle(i, { kind: 'internal', message: `the grader failed: ${why}` });
    return;
  }
  for (const i of toCompare) {
    const test = manifest.tests[i]!;
    const context = `on test ${JSON.stringify(test.name)} (dataset ${test.dataset})`;
    // The reference gets more time than the student: on a busy host it must not be the one that fails.
    const run = await started.session.run({ dataset: input.exerciseFiles[test.dataset!]!, query: reference }, manifest.limits.testTimeMs * 2, DATASET_LOAD_MS);
    const expected = referenceRows(run, context);
    if (!('columns' in expected)) {
      log(`exercise defect: ${expected.message}`);
      grading.settle(i, expected);
      if (run.kind !== 'response') break;
      continue;
    }
    const { result: actual, durationMs } = studentRows[i]!;
    const comparison = compareResults(expected, actual, { ...manifest.sql, quotedNames: grading.quotedNames });
    grading.settle(i, comparison.equal ? { kind: 'passed', durationMs } : { kind: 'wrong', difference: comparison.difference, expected, actual, durationMs });
  }
  for (const [i, run] of generatedToJudge) {
    const judged = await referenceBatch(started.session, run, manifest, reference, grading.quotedNames);
    if ('internal' in judged) grading.settle(i, judged.internal);
    else run.judgements = judged;
  }
  await started.session.close();
  // A reference run that stopped its engine leaves the tests after it without expected rows.
  for (const i of toCompare) grading.settle(i, { kind: 'internal', message: 'the exercise is broken: the reference solution could not be run on this test' });
}

/**
 * Step 3: each generated test's search goes on from its initial datasets. Shrinking a
 * difference takes rounds, each a new student engine for the round's datasets and then a new
 * reference engine (one after the other, as in the first pass).
 */
export async function shrinkGenerated(grading: PostgresGrading): Promise<void> {
  const { deadline } = grading.clock;
  for (const i of grading.order) {
    const run = grading.generated.get(i);
    if (!run || grading.outcomes[i] !== undefined) continue;
    run.check.search.record(run.datasets, run.judgements ?? run.runs.map(withoutReference));
    const from = performance.now();
    try {
      const outcome = await runGenerated(run.check, roundJudge(grading, i, run), {
        started: from,
        deadline: Math.min(from + grading.wantedMs(i), deadline - GENERATED_MARGIN_MS),
        // A round starts two engines and judges its datasets: none starts unless the sandbox has time for one.
        lastRound: deadline - ROUND_RESERVE_MS,
      });
      const durationMs = run.runs.reduce((total, r) => total + (r?.durationMs ?? 0), 0);
      grading.settle(i, { ...outcome, durationMs });
    } catch (err) {
      if (!(err instanceof ExerciseDefect)) throw err;
      log(`generated test: ${err.message}`);
      grading.settle(i, { kind: 'internal', message: `the grader failed: ${err.message}` });
    }
  }
}

/** One round of a generated test's search: the student's engine on its datasets, then the reference's where needed. */
function roundJudge(grading: PostgresGrading, i: number, run: GeneratedRun): Judge {
  const { check } = run;
  return async (datasets) => {
    const scripts = datasets.map((d) => check.request(d));
    const student = grading.newStudentEngine();
    // Each round's datasets get the search's time of their own: the engines' starts are not the student's.
    const runs = await studentBatch(student, scripts, grading.query!, Math.min(performance.now() + grading.wantedMs(i), grading.clock.deadline - GENERATED_MARGIN_MS), check.search);
    await student.close();
    const round: GeneratedRun = { check, datasets, scripts, runs };
    if (!runs.some(needsReference)) return runs.map(withoutReference);
    const started = await grading.startReferenceEngine();
    if (started.kind !== 'ready') throw new ExerciseDefect(`the reference engine did not start (${describeFailedStart(started)})`);
    try {
      const judged = await referenceBatch(started.session, round, grading.manifest, grading.reference, grading.quotedNames);
      if ('internal' in judged) throw new ExerciseDefect(judged.internal.message);
      return judged;
    } finally {
      await started.session.close();
    }
  };
}
