import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { LIMITS } from '@grader/contracts';
import { queueOptions, type Logger } from '@grader/runtime';
import { logDeliveryFailures } from '../queue/delivery-queue';
import type { UserStore } from '../store/user-store';
import type { WebhookAttemptStore } from '../store/webhook-attempt-store';
import { AddressRefusedError } from './address-policy';
import { signWebhook } from './signature';
import type { WebhookClient } from './webhook-client';
import { WEBHOOK_QUEUE, WebhookJob } from './webhook-queue';

export interface WebhookDelivererDeps {
  connection: Redis;
  prefix: string;
  users: UserStore;
  attempts: WebhookAttemptStore;
  client: WebhookClient;
  logger: Logger;
}

/**
 * Sends one attempt of a delivery and records it. An attempt succeeds on a 2xx answer only:
 * a 4xx fails like a 5xx (and is retried), because a receiver that is being deployed or
 * misconfigured for a moment often answers 404 or 401, and a lost grade costs more than a
 * repeated one. A refused address is not retried: it will be refused again.
 */
export async function deliverWebhook(deps: Omit<WebhookDelivererDeps, 'connection' | 'prefix'>, job: WebhookJob, attempt: number): Promise<void> {
  const user = deps.users.get(job.userId);
  if (!user) throw new UnrecoverableError(`user ${job.userId} no longer exists`);
  const timestamp = Math.floor(Date.now() / 1000);
  const at = new Date().toISOString();
  const outcome = await deps.client.post(job.url, job.body, {
    'Content-Type': 'application/json',
    'X-Grader-Event': job.event,
    'X-Grader-Delivery': job.deliveryId,
    'X-Grader-Timestamp': String(timestamp),
    'X-Grader-Signature': signWebhook(user.webhookSecret, timestamp, job.body),
  });
  const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  deps.attempts.record({
    deliveryId: job.deliveryId,
    attempt,
    submissionId: job.submissionId,
    event: job.event,
    url: job.url,
    at,
    statusCode: outcome.statusCode,
    error: outcome.error ? outcome.error.message.slice(0, LIMITS.webhooks.errorChars) : null,
    durationMs: outcome.durationMs,
  });
  if (ok) return;
  if (outcome.error instanceof AddressRefusedError) throw new UnrecoverableError(outcome.error.message);
  throw new Error(outcome.error ? outcome.error.message : `the receiver answered ${outcome.statusCode}`);
}

/** The consumer side, in the API process (which owns the SQLite file the attempts go to). */
export function startWebhookDeliverer(deps: WebhookDelivererDeps): Worker {
  const { logger } = deps;
  const worker = new Worker(
    WEBHOOK_QUEUE,
    async (job) => {
      const parsed = WebhookJob.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError('malformed webhook job');
      await deliverWebhook(deps, parsed.data, job.attemptsMade + 1);
    },
    { ...queueOptions(deps.connection, deps.prefix), concurrency: LIMITS.webhooks.concurrency },
  );
  logDeliveryFailures(worker, logger, 'webhook delivery');
  return worker;
}
