import { UnrecoverableError, Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { LIMITS } from '@grader/contracts';
import { queueOptions, type Logger } from '@grader/runtime';
import { deliveryQueue, logDeliveryFailures } from '../queue/delivery-queue';
import { countedSubmission } from '../assignments/assignment-views';
import type { AssignmentStore } from '../assignments/assignment-store';
import { adjustedScore } from '../assignments/deadlines';
import type { Db } from '../store/database';
import type { Submission, SubmissionStore } from '../store/submission-store';
import type { LtiStore } from './lti-store';
import { PlatformRefused, type PlatformClient } from './platform-client';

/** Queue of scores to send to LTI platforms, produced and consumed in the API process; prefixed like the others. */
export const LTI_SCORE_QUEUE = 'lti-scores';

const ScoreJob = z.object({ submissionId: z.uuid() });

/**
 * The producer: a graded submission of a learner who launched a link to its exercise gets its
 * platform's score sent. The job id is the submission's, so a result message delivered twice
 * sends once; what is sent is read when sending (the counted score then, not this submission's).
 */
export class LtiScoreQueue {
  readonly queue: Queue;

  constructor(
    connection: Redis,
    prefix: string,
    backoffMs: number,
    private readonly lti: LtiStore,
  ) {
    this.queue = deliveryQueue(LTI_SCORE_QUEUE, connection, prefix, { attempts: LIMITS.lti.scoreAttempts, backoffMs });
  }

  async enqueueGraded(submission: Submission): Promise<void> {
    if (submission.status !== 'graded' || !submission.userId) return;
    if (this.lti.gradeDestinations(submission.userId, submission.exercise, submission.assignment?.id ?? null).length === 0) return;
    await this.queue.add('score', { submissionId: submission.id }, { jobId: `${submission.id}-graded` });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

export interface ScoreDelivererDeps {
  db: Db;
  lti: LtiStore;
  submissions: SubmissionStore;
  assignments: AssignmentStore;
  client: PlatformClient;
  logger: Logger;
}

/**
 * The learner's score for the exercise as the platform should show it now: for an assignment,
 * its counted submission after the late penalty (best or last, as the gradebook); on its own,
 * their best graded submission outside assignments.
 */
export function currentScore(deps: Pick<ScoreDelivererDeps, 'db' | 'assignments'>, submission: Submission): number | undefined {
  const { userId, exercise } = submission;
  if (!userId) return undefined;
  if (submission.assignment) {
    const assignment = deps.assignments.get(submission.assignment.id);
    const counted = assignment && countedSubmission(assignment.counts, deps.assignments.submissionsOf(assignment.id, userId, exercise));
    return counted ? adjustedScore(counted.score!, counted.penaltyPercent) : undefined;
  }
  const row = deps.db
    .prepare(`SELECT MAX(score) AS best FROM submissions WHERE user_id = ? AND exercise_slug = ? AND assignment_id IS NULL AND status = 'graded'`)
    .get(userId, exercise) as { best: number | null };
  return row.best ?? undefined;
}

/** Sends the current score of a graded submission's learner to every line item they launched for it. */
export async function sendScores(deps: ScoreDelivererDeps, submissionId: string): Promise<void> {
  const submission = deps.submissions.get(submissionId);
  if (!submission?.userId || submission.maxScore === null) throw new UnrecoverableError(`submission ${submissionId} has no graded learner`);
  const score = currentScore(deps, submission);
  if (score === undefined) return;
  for (const destination of deps.lti.gradeDestinations(submission.userId, submission.exercise, submission.assignment?.id ?? null)) {
    const platform = deps.lti.platform(destination.platformId);
    if (!platform) continue;
    await deps.client.postScore(platform, destination.lineItemUrl, {
      userId: destination.subject,
      scoreGiven: score,
      scoreMaximum: submission.maxScore,
      timestamp: new Date().toISOString(),
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
  }
}

/** The consumer side, in the API process (it reads the SQLite file). */
export function startScoreDeliverer(deps: ScoreDelivererDeps & { connection: Redis; prefix: string }): Worker {
  const { logger } = deps;
  const worker = new Worker(
    LTI_SCORE_QUEUE,
    async (job) => {
      const parsed = ScoreJob.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError('malformed LTI score job');
      try {
        await sendScores(deps, parsed.data.submissionId);
      } catch (err) {
        throw err instanceof PlatformRefused ? new UnrecoverableError(err.message) : err;
      }
    },
    { ...queueOptions(deps.connection, deps.prefix), concurrency: LIMITS.webhooks.concurrency },
  );
  logDeliveryFailures(worker, logger, 'LTI score passback');
  return worker;
}
