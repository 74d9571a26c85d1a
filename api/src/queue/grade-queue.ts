import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { censusOf, GradeJob, QUEUES, workerHealthKey, type WorkerCensus } from '@grader/contracts';
import { DEFAULT_RETRY_POLICY, queueOptions, retryJobOptions, type RetryPolicy, quietProducer } from '@grader/runtime';

const DAY_SECONDS = 24 * 3600;

/** The producer side of the grade queue. The job id is the submission id: adding it twice queues it once. */
export class GradeQueue {
  readonly queue: Queue;

  /** `retry`: how infrastructure failures are retried (see retry-policy.ts); a deployment's config sets it. */
  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    this.queue = quietProducer(
      new Queue(QUEUES.grade, {
        ...queueOptions(connection, prefix),
        defaultJobOptions: {
          // Retries are for infrastructure failures only; a student's failure completes the job normally.
          ...retryJobOptions(retry),
          // Kept a while so the reconciler can tell "done" from "lost".
          removeOnComplete: { age: DAY_SECONDS, count: 50_000 },
          removeOnFail: { age: 7 * DAY_SECONDS },
        },
      }),
    );
  }

  async enqueue(job: GradeJob): Promise<void> {
    const payload = GradeJob.parse(job);
    await this.queue.add('grade', payload, { jobId: payload.submissionId });
  }

  /** BullMQ's state for a submission's job, or 'missing' when Redis has no such job. */
  async stateOf(submissionId: string): Promise<{ state: string; failedReason?: string; attemptsMade?: number }> {
    const job = await this.queue.getJob(submissionId);
    if (!job) return { state: 'missing' };
    return { state: await job.getState(), failedReason: job.failedReason, attemptsMade: job.attemptsMade };
  }

  /** Removes a submission's job, whatever its state but active; nothing when there is none. */
  async removeJob(submissionId: string): Promise<void> {
    await this.queue.remove(submissionId);
  }

  /** Jobs not yet picked up by a worker. */
  waitingCount(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  /**
   * The workers that reported recently, and which of them can grade now (see worker-health.ts).
   * Reports of workers that stopped are removed on the way.
   */
  async workerCensus(): Promise<WorkerCensus> {
    const redis = this.connection;
    const key = workerHealthKey(this.prefix);
    const census = censusOf(await redis.hgetall(key));
    if (census.stale.length > 0) await redis.hdel(key, ...census.stale);
    return census;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
