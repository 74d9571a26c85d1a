import { LIMITS } from '@grader/contracts';
import { PeriodicSweep, type Logger } from '@grader/runtime';
import type { GradeQueue } from '../queue/grade-queue';
import type { ValidateQueue } from '../queue/validate-queue';
import type { RegradeStore } from './regrade-store';
import type { ValidationStore } from './validation-store';

/**
 * The Reconciler's counterpart for validations and regrades: a job that failed for good
 * without its worker saying so (a worker killed twice mid-run), or that Redis lost, would
 * leave a validation queued or a regrade batch unfinished forever. Such a validation is
 * recorded as errored; such a regrade as an error in its batch (the batch can then be applied).
 */
export class AuthoringReconciler {

  constructor(
    private readonly stores: { validations: ValidationStore; regrades: RegradeStore },
    private readonly queues: { validate: ValidateQueue; grade: GradeQueue },
    private readonly logger: Logger,
    /** Only rows older than this: one being queued right now is left alone. */
    private readonly graceMs: number = LIMITS.queue.reconcileGraceMs,
  ) {}

  async reconcileOnce(now = new Date()): Promise<{ validations: number; regrades: number }> {
    const before = new Date(now.getTime() - this.graceMs);
    const at = now.toISOString();
    let validations = 0;
    let regrades = 0;
    for (const v of this.stores.validations.listQueued(before)) {
      const { state, failedReason } = await this.queues.validate.stateOf(v.id);
      if (state !== 'missing' && state !== 'failed') continue;
      const reason = state === 'missing' ? 'the validation job was lost; validate again' : `validation failed after retries: ${failedReason ?? 'no reason recorded'}`;
      if (this.stores.validations.record(v.id, 'reconciler', at, { status: 'error', reason })) validations++;
    }
    for (const r of this.stores.regrades.listPending(before)) {
      const { state, failedReason } = await this.queues.grade.stateOf(r.submissionId, r.batchId);
      if (state !== 'missing' && state !== 'failed') continue;
      const reason = state === 'missing' ? 'the regrade job was lost' : `regrading failed after retries: ${failedReason ?? 'no reason recorded'}`;
      if (this.stores.regrades.recordFailure(r.batchId, r.submissionId, at, reason)) regrades++;
    }
    if (validations + regrades > 0) this.logger.warn({ validations, regrades }, 'recorded lost validation or regrade jobs as errors');
    return { validations, regrades };
  }

  private sweep: PeriodicSweep | undefined;

  start(intervalMs: number): void {
    this.sweep = new PeriodicSweep(() => this.reconcileOnce(), this.logger, 'authoring reconciliation failed');
    this.sweep.start(intervalMs);
  }

  async stop(): Promise<void> {
    await this.sweep?.stop();
  }
}
