import type { z } from 'zod';
import type { WebhookAttemptView } from '@grader/contracts';
import type { WebhookAttempt } from '../store/webhook-attempt-store';

/** One webhook attempt as its submission's owner sees it; `ok` is the 2xx rule spelled out. */
export function webhookAttemptView(a: WebhookAttempt): z.input<typeof WebhookAttemptView> {
  return {
    deliveryId: a.deliveryId,
    attempt: a.attempt,
    event: a.event,
    url: a.url,
    at: a.at,
    ok: a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300,
    statusCode: a.statusCode,
    error: a.error,
    durationMs: a.durationMs,
  };
}
