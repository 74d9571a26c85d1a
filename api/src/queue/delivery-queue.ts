import { Queue, UnrecoverableError, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { LIMITS } from '@grader/contracts';
import { isRedisConnectionError, queueOptions, quietProducer, type Logger } from '@grader/runtime';

/**
 * A queue of deliveries to another system (webhooks, LTI scores), produced and consumed in the
 * API process: retried with exponential backoff from `backoffMs`, and kept long enough after
 * success that a result message delivered again finds its job (same id) and queues nothing new.
 */
export function deliveryQueue(name: string, connection: Redis, prefix: string, options: { attempts: number; backoffMs: number }): Queue {
  return quietProducer(
    new Queue(name, {
      ...queueOptions(connection, prefix),
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs },
        removeOnComplete: { age: LIMITS.webhooks.keepDeliveredSeconds },
        removeOnFail: { age: LIMITS.webhooks.keepFailedSeconds },
      },
    }),
  );
}

/** Logs a delivery worker's failed attempts (info: will retry; warn: gave up) and its own errors, `what` naming the deliveries. */
export function logDeliveryFailures(worker: Worker, logger: Logger, what: string): void {
  worker.on('failed', (job, err) => {
    const final = job && (err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
    logger[final ? 'warn' : 'info']({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, final ? `${what} gave up` : `${what} failed; will retry`);
  });
  worker.on('error', (err) => !isRedisConnectionError(err) && logger.error({ err }, `${what} worker error`));
}
