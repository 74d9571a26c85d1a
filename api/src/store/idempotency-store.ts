import type { Db } from './database';

/** Idempotency keys of POST /api/submissions: (user, key) → the request's hash and the submission it created. */
export class IdempotencyStore {
  constructor(private readonly db: Db) {}

  find(userId: string, key: string): { requestHash: string; submissionId: string } | undefined {
    return this.db
      .prepare(`SELECT request_hash AS requestHash, submission_id AS submissionId FROM idempotency_keys WHERE user_id = ? AND key = ?`)
      .get(userId, key) as { requestHash: string; submissionId: string } | undefined;
  }

  remember(userId: string, key: string, requestHash: string, submissionId: string, now = new Date()): void {
    this.db
      .prepare(`INSERT INTO idempotency_keys (user_id, key, request_hash, submission_id, created_at) VALUES (?, ?, ?, ?, ?)`)
      .run(userId, key, requestHash, submissionId, now.toISOString());
  }

  forgetSubmission(submissionId: string): void {
    this.db.prepare(`DELETE FROM idempotency_keys WHERE submission_id = ?`).run(submissionId);
  }
}
