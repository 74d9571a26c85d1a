import { LIMITS } from './limits';
import type { ExerciseManifest } from './manifest';

/**
 * The manifest a trial run is graded against: the exercise's visible tests only (a student may
 * see those whole anyway), maxScore their points. Known-wrong and alternative solutions are
 * left out: the sandbox grades one submission and never reads them. Undefined when the exercise
 * has no visible test worth a point: then there is nothing to try, and the API refuses.
 *
 * The idea is LeetCode's "Run" beside "Submit" and CodeRunner's Precheck: feedback on the
 * examples without spending a graded attempt or seeing anything hidden.
 */
export function visibleTestsManifest(manifest: ExerciseManifest): ExerciseManifest | undefined {
  const tests = (manifest.tests as ReadonlyArray<ExerciseManifest['tests'][number]>).filter((t) => t.visibility === 'visible');
  const maxScore = tests.reduce((sum, t) => sum + t.points, 0);
  if (tests.length === 0 || maxScore === 0) return undefined;
  const { knownWrong: _knownWrong, alternatives: _alternatives, ...rest } = manifest;
  return { ...rest, tests, maxScore } as ExerciseManifest;
}

/** A trial run's job id in the grade queue: apart from submissions' (their ids) and regrades'. */
export const trialRunJobId = (id: string): string => `trial-${id}`;

/** How long a trial run's result is kept for its owner to read, milliseconds: a working session. */
export const TRIAL_RUN_KEEP_MS = LIMITS.fairUse.trialRunKeepHours * 3_600_000;
