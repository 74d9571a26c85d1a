import { UnrecoverableError, type Job } from 'bullmq';
import { GradeJob, LIMITS, type SandboxResult } from '@grader/contracts';
import { harnessCrashReason, jobFailureReason } from '@grader/runtime';
import { GradingService, type GradingDeps } from './grading-service';

export interface GradeProcessorDeps extends GradingDeps {
  publisher: {
    started(submissionId: string, regradeBatch?: string): Promise<void>;
    graded(submissionId: string, result: SandboxResult, regradeBatch?: string): Promise<void>;
    failed(submissionId: string, reason: string, regradeBatch?: string): Promise<void>;
  };
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
    const { submissionId, exercise, files, regradeBatch } = grading.payloadOf(job, GradeJob, 'grade');
    const log = deps.logger.child({ submissionId, exercise: exercise.slug, attempt: job.attemptsMade + 1, ...(regradeBatch ? { regradeBatch } : {}) });
    try {
      await deps.publisher.started(submissionId, regradeBatch);
      const run = await grading.run(await grading.bundle(exercise.bundleHash), files, submissionId);
      if (run.result.verdict === 'internal_error') {
        // The harness itself failed on some test (a broken exercise, a spawn it could not make):
        // the score would be the grader's failure, not the student's, so it is not a grade.
        // Not retried either: the same submission would meet the same failure.
        log.error({ message: run.result.message, durationMs: run.durationMs }, 'harness reported an internal error');
        await deps.publisher.failed(submissionId, `The grader failed: ${run.result.message}`.slice(0, LIMITS.text.reasonChars), regradeBatch);
        throw new UnrecoverableError(`internal error in the harness: ${run.result.message}`.slice(0, LIMITS.text.errorChars));
      }
      await deps.publisher.graded(submissionId, run.result, regradeBatch);
      log.info({ verdict: run.result.verdict, score: run.result.score, durationMs: run.durationMs }, 'graded');
      return { verdict: run.result.verdict, score: run.result.score, durationMs: run.durationMs };
    } catch (err) {
      return grading.failed(err, job, log, {
        what: 'grading',
        harnessReason: harnessCrashReason,
        retriesSpentReason: jobFailureReason,
        publish: (reason) => deps.publisher.failed(submissionId, reason, regradeBatch),
      });
    }
  };
}
