import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { LIMITS } from '@grader/contracts';
import { quietProducer, queueOptions } from './redis';
import { retryJobOptions, type RetryPolicy } from './retry-policy';

/**
 * The producer side of one of the deployment's work queues (grade, validate): retries are for
 * infrastructure failures only (a student's failure completes the job normally), and finished
 * jobs are kept a while so that a reconciler can tell "done" from "lost".
 *
 * @param keepCompleted how many completed jobs to keep at most (their age is bounded by LIMITS).
 */
export function producerQueue(name: string, connection: Redis, prefix: string, retry: RetryPolicy, keepCompleted: number): Queue {
  return quietProducer(
    new Queue(name, {
      ...queueOptions(connection, prefix),
      defaultJobOptions: {
        ...retryJobOptions(retry),
        removeOnComplete: { age: LIMITS.queue.keepCompletedGradeJobsSeconds, count: keepCompleted },
        removeOnFail: { age: LIMITS.queue.keepFailedJobsSeconds },
      },
    }),
  );
}
