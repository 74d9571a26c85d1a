import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { LIMITS, QUEUES, ValidateJob } from '@grader/contracts';
import { DEFAULT_RETRY_POLICY, producerQueue, type RetryPolicy } from '@grader/runtime';

/** The producer side of the validate queue. The job id is the validation id. */
export class ValidateQueue {
  readonly queue: Queue;

  /** `retry`: how infrastructure failures are retried (see retry-policy.ts); a deployment's config sets it. */
  constructor(connection: Redis, prefix: string, retry: RetryPolicy = DEFAULT_RETRY_POLICY) {
    this.queue = producerQueue(QUEUES.validate, connection, prefix, retry, LIMITS.queue.keepCompletedValidateJobs);
  }

  async enqueue(job: ValidateJob): Promise<void> {
    const payload = ValidateJob.parse(job);
    await this.queue.add('validate', payload, { jobId: payload.validationId });
  }

  /** BullMQ's state for a validation's job, or 'missing' when Redis has no such job. */
  async stateOf(validationId: string): Promise<{ state: string; failedReason?: string }> {
    const job = await this.queue.getJob(validationId);
    if (!job) return { state: 'missing' };
    return { state: await job.getState(), failedReason: job.failedReason };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
