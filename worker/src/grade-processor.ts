import { UnrecoverableError, type Job } from 'bullmq';
import { GradeJob, LIMITS, visibleTestsManifest, type ExerciseBundle, type SandboxResult, type SandboxTiming } from '@grader/contracts';
import { harnessCrashReason, jobFailureReason } from '@grader/runtime';
import { GradingService, type GradingDeps } from './grading-service';

export interface GradeProcessorDeps extends GradingDeps {
  publisher: {
    started(submissionId: string, tags?: MessageTags): Promise<void>;
    graded(submissionId: string, result: SandboxResult, tags?: MessageTags, sandbox?: SandboxTiming): Promise<void>;
    failed(submissionId: string, reason: string, tags?: MessageTags): Promise<void>;
  };
  /** Gradings in flight now (the heartbeat reports it). */
  inFlight?: { count: number };
}

/** What a grading's messages carry beyond the submission: its regrade batch, or that it is the canary's or a trial run's. */
export interface MessageTags {
  regradeBatch?: string;
  canary?: true;
  trial?: true;
}

/**
 * A trial run grades the visible tests only: the bundle with its manifest cut down
 * (visibleTestsManifest); undefined when there is none (the API refuses such a trial run).
 */
function bundleToGrade(bundle: ExerciseBundle, trial: boolean): ExerciseBundle | undefined {
  if (!trial) return bundle;
  const manifest = visibleTestsManifest(bundle.manifest);
  return manifest && { ...bundle, manifest };
}

/**
 * Grades one job, a submission's or a regrade's (see GradingService for how failures are sorted).
 * A result the harness produced is published as a grade whatever the student's code did, unless
 * the harness reported its own failure (internal_error): then a grader error, never retried,
 * never a zero and never full marks.
 */
export function gradeProcessor(deps: GradeProcessorDeps) {
  const grading = new GradingService(deps);
  return async (job: Job): Promise<{ verdict: string; score: number; durationMs: number }> => {
    // A regrade's messages carry its batch, so the recorder keeps them apart from the live grade.
    const { submissionId, exercise, files, regradeBatch, canary, trial } = grading.payloadOf(job, GradeJob, 'grade');
    const tags: MessageTags = { ...(regradeBatch ? { regradeBatch } : {}), ...(canary ? { canary } : {}), ...(trial ? { trial } : {}) };
    const log = deps.logger.child({ submissionId, exercise: exercise.slug, attempt: job.attemptsMade + 1, ...tags });
    if (deps.inFlight) deps.inFlight.count += 1;
    try {
      await deps.publisher.started(submissionId, tags);
      const bundle = bundleToGrade(await grading.bundle(exercise.bundleHash), trial === true);
      if (!bundle) {
        const reason = `A trial run of ${exercise.slug}, which has no visible test.`;
        await deps.publisher.failed(submissionId, reason, tags);
        throw new UnrecoverableError(reason);
      }
      const run = await grading.run(bundle, files, submissionId);
      if (run.result.verdict === 'internal_error') {
        // The harness itself failed on some test (a broken exercise, a spawn it could not make):
        // the score would be the grader's failure, not the student's, so it is not a grade.
        // Not retried either: the same submission would meet the same failure.
        log.error({ message: run.result.message, durationMs: run.durationMs }, 'harness reported an internal error');
        await deps.publisher.failed(submissionId, `The grader failed: ${run.result.message}`.slice(0, LIMITS.text.reasonChars), tags);
        throw new UnrecoverableError(`internal error in the harness: ${run.result.message}`.slice(0, LIMITS.text.errorChars));
      }
      const timing = run.warm !== undefined && run.readyMs !== undefined ? { warm: run.warm, readyMs: run.readyMs } : undefined;
      await deps.publisher.graded(submissionId, run.result, tags, timing);
      log.info({ verdict: run.result.verdict, score: run.result.score, durationMs: run.durationMs }, 'graded');
      return { verdict: run.result.verdict, score: run.result.score, durationMs: run.durationMs };
    } catch (err) {
      return grading.failed(err, job, log, {
        what: 'grading',
        harnessReason: harnessCrashReason,
        retriesSpentReason: jobFailureReason,
        publish: (reason) => deps.publisher.failed(submissionId, reason, tags),
      });
    } finally {
      if (deps.inFlight) deps.inFlight.count -= 1;
    }
  };
}
