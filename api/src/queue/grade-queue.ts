import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { GradeJob, LIMITS, QUEUES, queueOptions } from '@grader/shared';

const DAY_SECONDS = 24 * 3600;

/** The producer side of the grade queue. The job id is the submission id: adding it twice queues it once. */
export class GradeQueue {
  readonly queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(QUEUES.grade, {
      ...queueOptions(connection, prefix),
      defaultJobOptions: {
        // Retries are for infrastructure failures only; a student's failure completes the job normally.
        attempts: LIMITS.queue.attempts,
        backoff: { type: 'exponential', delay: LIMITS.queue.backoffMs },
        // Kept a while so the reconciler can tell "done" from "lost".
        removeOnComplete: { age: DAY_SECONDS, count: 50_000 },
        removeOnFail: { age: 7 * DAY_SECONDS },
      },
    });
  }

  async enqueue(job: GradeJob): Promise<void> {
    const payload = GradeJob.parse(job);
    await this.queue.add('grade', payload, { jobId: payload.submissionId });
  }

  /** BullMQ's state for a submission's job, or 'missing' when Redis has no such job. */
  async stateOf(submissionId: string): Promise<{ state: string; failedReason?: string }> {
    const job = await this.queue.getJob(submissionId);
    if (!job) return { state: 'missing' };
    return { state: await job.getState(), failedReason: job.failedReason };
  }

  /** Jobs not yet picked up by a worker. */
  waitingCount(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  async activeWorkers(): Promise<number> {
    return (await this.queue.getWorkers()).length;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
