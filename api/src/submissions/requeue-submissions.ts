import { REQUEUE_BATCH_MAX } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { Errors } from '../http/app-error';
import type { GradeQueue } from '../queue/grade-queue';
import type { ExerciseStore } from '../store/exercise-store';
import type { Submission, SubmissionStore } from '../store/submission-store';

export interface RequeueDeps {
  submissions: SubmissionStore;
  exercises: ExerciseStore;
  queue: GradeQueue;
  logger: Logger;
}

/**
 * Queues again a submission that ended in a grader error (an outage outlasted its retries, a
 * worker kept dying): the old job is removed, the row goes back to `queued` with its error
 * cleared, and a new job is queued under the same id. If queueing fails the row is put back as
 * it was, so it is never left queued without a job. Throws 404 when there is no such
 * submission, 409 (`not_requeueable`) when it is not in error, 503 when Redis is unreachable.
 */
export async function requeueSubmission(deps: RequeueDeps, id: string): Promise<Submission> {
  const before = deps.submissions.get(id);
  if (!before) throw Errors.notFound(`Submission "${id}"`);
  if (before.status !== 'error') throw Errors.notRequeueable(before.status);
  const version = deps.exercises.findVersion(before.exercise, before.exerciseVersion);
  if (!version) throw Errors.notFound(`Version ${before.exerciseVersion} of exercise "${before.exercise}"`);

  // The failed job keeps the id; BullMQ ignores an add under an id it still holds.
  await deps.queue.removeJob(id);
  if (!deps.submissions.resetForRequeue(id)) throw Errors.notRequeueable(deps.submissions.get(id)?.status ?? 'gone');
  try {
    await deps.queue.enqueue(before, version);
  } catch (err) {
    deps.submissions.restoreError(id, before);
    throw err;
  }
  deps.logger.info({ submissionId: id, previousError: before.error }, 'submission queued again by staff');
  return deps.submissions.get(id)!;
}

/**
 * Queues again every submission in error, optionally of one exercise, oldest first, up to
 * REQUEUE_BATCH_MAX. Stops at the first infrastructure failure (the rest stay in error) and
 * rethrows it when nothing was queued. Resolves with the ids queued.
 */
export async function requeueErrored(deps: RequeueDeps, filter: { exercise?: string }): Promise<string[]> {
  const queued: string[] = [];
  for (const submission of deps.submissions.listErrored(filter, REQUEUE_BATCH_MAX)) {
    try {
      await requeueSubmission(deps, submission.id);
      queued.push(submission.id);
    } catch (err) {
      if (queued.length === 0) throw err;
      deps.logger.warn({ err: (err as Error).message, queued: queued.length }, 'bulk re-queue stopped early');
      break;
    }
  }
  return queued;
}
