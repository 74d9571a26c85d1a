import { LIMITS } from '@grader/contracts';
import { jobFailureReason, PeriodicSweep, type Logger } from '@grader/runtime';
import type { GradeQueue } from '../queue/grade-queue';
import type { ExerciseStore } from '../store/exercise-store';
import type { SubmissionStore } from '../store/submission-store';
import type { ChangeNotifier } from '../submissions/change-notifier';

/**
 * Keeps SQLite and the queue telling the same story:
 * - a queued submission whose job is missing (the API died between insert and enqueue,
 *   or Redis lost data) is queued again: no row without a job;
 * - a submission whose job failed for good without the worker saying so (a worker
 *   crashed, the job stalled too often) is marked as an error for staff, never as a zero.
 */
export class Reconciler {

  constructor(
    private readonly store: SubmissionStore,
    private readonly exercises: ExerciseStore,
    private readonly queue: GradeQueue,
    private readonly logger: Logger,
    /** Only look at submissions older than this, so a submission being inserted right now is left alone. */
    private readonly graceMs: number = LIMITS.queue.reconcileGraceMs,
    /** Told of each failure recorded here, like the recorder's writes: streams end, webhooks go out. */
    private readonly notifier?: ChangeNotifier,
  ) {}

  async reconcileOnce(now = new Date()): Promise<{ requeued: number; failed: number }> {
    let requeued = 0;
    let failed = 0;
    for (const submission of this.store.listUnfinished(new Date(now.getTime() - this.graceMs))) {
      const { state, failedReason, attemptsMade } = await this.queue.stateOf(submission.id);
      if (state === 'missing') {
        const version = this.exercises.findVersion(submission.exercise, submission.exerciseVersion);
        if (!version) continue;
        await this.queue.enqueue(submission, version);
        requeued++;
        this.logger.warn({ submissionId: submission.id }, 'submission had no job; queued again');
      } else if (state === 'failed') {
        const reason = jobFailureReason(failedReason, attemptsMade ?? 0);
        if (this.store.recordFailure(submission.id, 'reconciler', now.toISOString(), reason)) {
          failed++;
          await this.notifier?.recorded(submission.id, { changed: true, outcome: true });
        }
      }
    }
    return { requeued, failed };
  }

  private sweep: PeriodicSweep | undefined;

  start(intervalMs: number): void {
    this.sweep = new PeriodicSweep(() => this.reconcileOnce(), this.logger, 'reconciliation failed');
    this.sweep.start(intervalMs, { immediately: true });
  }

  async stop(): Promise<void> {
    await this.sweep?.stop();
  }
}
