import type { Db } from './database';

export type WebhookEvent = 'submission.graded' | 'submission.error';

/** One try at delivering a webhook: the receiver's status code, or why there was none. */
export interface WebhookAttempt {
  deliveryId: string;
  /** 1 for the first try, counting up across retries of the same delivery. */
  attempt: number;
  submissionId: string;
  event: WebhookEvent;
  url: string;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const COLUMNS = `delivery_id AS deliveryId, attempt, submission_id AS submissionId, event, url, at,
  status_code AS statusCode, error, duration_ms AS durationMs`;

/** The log of webhook attempts, written by the delivery worker in the API process. */
export class WebhookAttemptStore {
  constructor(private readonly db: Db) {}

  /** Idempotent per (delivery, attempt): BullMQ may run one attempt twice after a lost lock. */
  record(a: WebhookAttempt): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO webhook_attempts (delivery_id, attempt, submission_id, event, url, at, status_code, error, duration_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.deliveryId, a.attempt, a.submissionId, a.event, a.url, a.at, a.statusCode, a.error, a.durationMs);
  }

  /** A submission's attempts, oldest first. */
  listFor(submissionId: string): WebhookAttempt[] {
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM webhook_attempts WHERE submission_id = ? ORDER BY at, delivery_id, attempt`)
      .all(submissionId) as WebhookAttempt[];
  }
}
