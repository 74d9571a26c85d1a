import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { LIMITS } from '@grader/contracts';
import { deliveryQueue } from '../queue/delivery-queue';
import { submissionView } from '../presenters/submission-view';
import type { Submission } from '../store/submission-store';
import type { WebhookEvent } from '../store/webhook-attempt-store';

/** Queue of webhook deliveries, produced and consumed in the API process; prefixed like the others. */
export const WEBHOOK_QUEUE = 'webhooks';

/** One delivery: everything but the secret, which is read when sending so a rotated secret applies. */
export const WebhookJob = z.object({
  /** X-Grader-Delivery: the same for every attempt, so a receiver can drop repeats. */
  deliveryId: z.uuid(),
  submissionId: z.uuid(),
  /** Whose webhook secret signs it. */
  userId: z.string(),
  event: z.enum(['submission.graded', 'submission.error']),
  url: z.url(),
  /** The JSON of GET /api/submissions/:id at the moment grading ended, sent byte for byte. */
  body: z.string(),
});
export type WebhookJob = z.infer<typeof WebhookJob>;

export function eventOf(status: 'graded' | 'error'): WebhookEvent {
  return status === 'graded' ? 'submission.graded' : 'submission.error';
}

/** The producer side. The job id is submission + event, so queueing the same outcome twice sends it once. */
export class WebhookQueue {
  readonly queue: Queue;

  constructor(connection: Redis, prefix: string, backoffMs: number) {
    this.queue = deliveryQueue(WEBHOOK_QUEUE, connection, prefix, { attempts: LIMITS.webhooks.attempts, backoffMs });
  }

  /** Queues the webhook of a submission that reached graded or error; nothing when it has no callback URL. */
  async enqueueFinal(submission: Submission): Promise<void> {
    if (!submission.callbackUrl || !submission.userId) return;
    if (submission.status !== 'graded' && submission.status !== 'error') return;
    const event = eventOf(submission.status);
    const job = WebhookJob.parse({
      deliveryId: randomUUID(),
      submissionId: submission.id,
      userId: submission.userId,
      event,
      url: submission.callbackUrl,
      body: JSON.stringify(submissionView(submission)),
    });
    await this.queue.add(event, job, { jobId: `${submission.id}-${submission.status}` });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
