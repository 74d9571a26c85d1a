import type { WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { LIMITS } from '@grader/contracts';
import { queueOptions, retryBackoffStrategy, type Config } from '@grader/runtime';

/**
 * The options of every BullMQ consumer of this worker (grade and validate queues alike), so
 * that lock, stall and retry policy are one policy.
 */
export function consumerOptions(connection: Redis, config: Config, name: string, concurrency: number): WorkerOptions {
  return {
    ...queueOptions(connection, config.queuePrefix),
    concurrency,
    name,
    // A dead worker's job goes back to the queue once its lock lapses and the stalled check sees it.
    lockDuration: config.jobLockMs,
    stalledInterval: config.jobLockMs,
    // A job whose worker keeps dying is retried a few times; then it fails as "stalled" and the
    // reconciler records a grader error saying so, which staff can queue again.
    maxStalledCount: LIMITS.queue.stalledRestarts,
    settings: { backoffStrategy: retryBackoffStrategy(config.retry) },
  };
}
