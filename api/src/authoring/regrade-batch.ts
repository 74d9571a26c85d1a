import type { Queue } from 'bullmq';
import { LIMITS, type GradeJob } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { AppError, Errors } from '../http/app-error';
import { enqueueRegrades } from '../queue/regrade-jobs';
import type { Db } from '../store/database';
import type { ExerciseStore } from '../store/exercise-store';
import type { RegradeBatch, RegradeStore } from './regrade-store';
import type { SubmissionStore } from '../store/submission-store';

export interface RegradeDeps {
  db: Db;
  exercises: ExerciseStore;
  submissions: SubmissionStore;
  regrades: RegradeStore;
  gradeQueue: Queue;
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
    throw new AppError(409, 'regrade_in_progress', 'Conflict', `Regrade ${open.id} of this exercise is still open; apply or discard it first.`);
  }
  const ids = deps.db
    .prepare(
      `SELECT id FROM submissions WHERE exercise_slug = ? AND status = 'graded' ${input.all ? '' : 'AND exercise_version <> ?'} ORDER BY created_at LIMIT ?`,
    )
    .all(...(input.all ? [input.slug] : [input.slug, exercise.version]), LIMITS.regrade.batchSubmissions + 1)
    .map((r) => (r as { id: string }).id);
  if (ids.length === 0) {
    throw new AppError(422, 'nothing_to_regrade', 'Nothing to regrade', `No graded submission of "${input.slug}" ${input.all ? 'exists' : `was graded against a version other than ${exercise.version}`}.`);
  }
  if (ids.length > LIMITS.regrade.batchSubmissions) {
    throw new AppError(422, 'regrade_too_large', 'Regrade too large', `More than ${LIMITS.regrade.batchSubmissions} submissions would be regraded at once.`);
  }

  const batch = deps.regrades.create({ exercise: input.slug, targetVersion: exercise.version, createdBy: input.userId, submissionIds: ids });
  const jobs: GradeJob[] = ids.map((submissionId) => ({
    submissionId,
    exercise: { slug: exercise.slug, version: exercise.version, bundleHash: exercise.bundleHash },
    files: deps.submissions.get(submissionId)!.files,
    regradeBatch: batch.id,
  }));
  try {
    await enqueueRegrades(deps.gradeQueue, jobs);
  } catch (err) {
    // Jobs already added finish into a batch that no longer exists: the recorder ignores them.
    deps.regrades.deleteBatch(batch.id);
    deps.logger.error({ err, batchId: batch.id }, 'could not queue a regrade; batch removed');
    throw Errors.queueUnavailable();
  }
  deps.logger.info({ batchId: batch.id, exercise: input.slug, version: exercise.version, submissions: ids.length }, 'regrade started');
  return { batch, submissions: ids.length };
}
