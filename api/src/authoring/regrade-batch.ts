import { LIMITS } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { AppError, Errors } from '../http/app-error';
import type { GradeQueue } from '../queue/grade-queue';
import type { Db } from '../store/database';
import type { ExerciseStore } from '../store/exercise-store';
import type { RegradeBatch, RegradeStore } from './regrade-store';
import type { SubmissionStore } from '../store/submission-store';

export interface RegradeDeps {
  db: Db;
  exercises: ExerciseStore;
  submissions: SubmissionStore;
  regrades: RegradeStore;
  gradeQueue: GradeQueue;
  logger: Logger;
}

/**
 * Starts a regrade of an exercise's graded submissions against its current version: by
 * default those graded against an older version, or all of them. Their new grades go to the
 * batch (a preview) and change nothing for students until the batch is applied.
 */
export async function startRegrade(deps: RegradeDeps, input: { slug: string; all: boolean; userId: string }): Promise<{ batch: RegradeBatch; submissions: number }> {
  const exercise = deps.exercises.findPublished(input.slug);
  if (!exercise) throw Errors.notFound(`Published exercise "${input.slug}"`);
  const open = deps.regrades.openBatchOf(input.slug);
  if (open) {
    throw new AppError('regrade_in_progress', `Regrade ${open.id} of this exercise is still open; apply or discard it first.`);
  }
  const ids = deps.db
    .prepare(
      `SELECT id FROM submissions WHERE exercise_slug = ? AND status = 'graded' ${input.all ? '' : 'AND exercise_version <> ?'} ORDER BY created_at LIMIT ?`,
    )
    .all(...(input.all ? [input.slug] : [input.slug, exercise.version]), LIMITS.regrade.batchSubmissions + 1)
    .map((r) => (r as { id: string }).id);
  if (ids.length === 0) {
    throw new AppError('nothing_to_regrade', `No graded submission of "${input.slug}" ${input.all ? 'exists' : `was graded against a version other than ${exercise.version}`}.`);
  }
  if (ids.length > LIMITS.regrade.batchSubmissions) {
    throw new AppError('regrade_too_large', `More than ${LIMITS.regrade.batchSubmissions} submissions would be regraded at once.`);
  }

  const batch = deps.regrades.create({ exercise: input.slug, targetVersion: exercise.version, createdBy: input.userId, submissionIds: ids });
  try {
    await deps.gradeQueue.enqueueRegrades(batch.id, exercise, ids.map((id) => deps.submissions.get(id)!));
  } catch (err) {
    // Jobs already added finish into a batch that no longer exists: the recorder ignores them.
    deps.regrades.deleteBatch(batch.id);
    deps.logger.error({ err, batchId: batch.id }, 'could not queue a regrade; batch removed');
    throw Errors.queueUnavailable();
  }
  deps.logger.info({ batchId: batch.id, exercise: input.slug, version: exercise.version, submissions: ids.length }, 'regrade started');
  return { batch, submissions: ids.length };
}
