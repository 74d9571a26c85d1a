import { UnrecoverableError, type Job } from 'bullmq';
import { GradeJob, SANDBOX_PROTOCOL, type ExerciseBundle, type SandboxInput, type SandboxResult } from '@grader/contracts';
import { harnessCrashReason, jobFailureReason, type Logger } from '@grader/runtime';
import { isLastAttempt } from './job-attempts';
import { SandboxProtocolError } from './sandbox/errors';

export interface GradeProcessorDeps {
  bundles: { get(hash: string): Promise<ExerciseBundle> };
  publisher: {
    started(submissionId: string, regradeBatch?: string): Promise<void>;
    graded(submissionId: string, result: SandboxResult, regradeBatch?: string): Promise<void>;
    failed(submissionId: string, reason: string, regradeBatch?: string): Promise<void>;
  };
  runSandbox(request: { image: string; input: Omit<SandboxInput, 'nonce'>; submissionId: string }): Promise<{ result: SandboxResult; durationMs: number }>;
  imagePrefix: string;
  logger: Logger;
}

/**
 * Grades one job. Three outcomes, kept apart on purpose:
 * - the sandbox produced a result (whatever the student's code did): published as a grade;
 * - the harness produced no valid result, or reported its own failure (internal_error):
 *   published as a grader error, never retried, never a zero and never full marks;
 * - the infrastructure failed (engine, image, API): thrown so BullMQ retries with backoff,
 *   and published as a grader error once the retries are spent.
 */
export function gradeProcessor(deps: GradeProcessorDeps) {
  return async (job: Job): Promise<{ verdict: string; score: number; durationMs: number }> => {
    const parsed = GradeJob.safeParse(job.data);
    if (!parsed.success) {
      deps.logger.error({ jobId: job.id, issues: parsed.error.issues.slice(0, 5) }, 'malformed grade job');
      throw new UnrecoverableError('malformed grade job');
    }
    // A regrade's messages carry its batch, so the recorder keeps them apart from the live grade.
    const { submissionId, exercise, files, regradeBatch } = parsed.data;
    const log = deps.logger.child({ submissionId, exercise: exercise.slug, attempt: job.attemptsMade + 1, ...(regradeBatch ? { regradeBatch } : {}) });
    try {
      await deps.publisher.started(submissionId, regradeBatch);
      const bundle = await deps.bundles.get(exercise.bundleHash);
      const input: Omit<SandboxInput, 'nonce'> = {
        protocol: SANDBOX_PROTOCOL,
        manifest: bundle.manifest,
        exerciseFiles: bundle.files,
        submission: files,
      };
      const run = await deps.runSandbox({ image: `${deps.imagePrefix}${bundle.manifest.runtime}`, input, submissionId });
      if (run.result.verdict === 'internal_error') {
        // The harness itself failed on some test (a broken exercise, a spawn it could not make):
        // the score would be the grader's failure, not the student's, so it is not a grade.
        // Not retried either: the same submission would meet the same failure.
        log.error({ message: run.result.message, durationMs: run.durationMs }, 'harness reported an internal error');
        await deps.publisher.failed(submissionId, `The grader failed: ${run.result.message}`.slice(0, 4000), regradeBatch);
        throw new UnrecoverableError(`internal error in the harness: ${run.result.message}`.slice(0, 500));
      }
      await deps.publisher.graded(submissionId, run.result, regradeBatch);
      log.info({ verdict: run.result.verdict, score: run.result.score, durationMs: run.durationMs }, 'graded');
      return { verdict: run.result.verdict, score: run.result.score, durationMs: run.durationMs };
    } catch (err) {
      const message = (err as Error).message;
      if (err instanceof UnrecoverableError) throw err;
      if (err instanceof SandboxProtocolError) {
        log.error({ err: message }, 'harness gave no valid result');
        await deps.publisher.failed(submissionId, harnessCrashReason(message), regradeBatch);
        throw new UnrecoverableError(message);
      }
      if (isLastAttempt(job)) {
        log.error({ err: message }, 'grading failed; no attempts left');
        await deps.publisher.failed(submissionId, jobFailureReason(message, job.attemptsMade + 1), regradeBatch).catch(() => undefined);
      } else {
        log.warn({ err: message }, 'grading failed; will retry');
      }
      throw err;
    }
  };
}
