import { randomUUID } from 'node:crypto';
import { CandidateReport, reportPassed, type ValidationOutcome } from '@grader/contracts';
import { z } from 'zod';
import type { Db } from '../store/database';

export type ValidationStatus = 'queued' | 'passed' | 'failed' | 'error';

export interface Validation {
  id: string;
  draftId: string;
  bundleHash: string;
  status: ValidationStatus;
  /** Every candidate's report once complete; null while queued or when it errored. */
  candidates: CandidateReport[] | null;
  error: string | null;
  workerId: string | null;
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
}

interface Row {
  id: string;
  draft_id: string;
  bundle_hash: string;
  status: ValidationStatus;
  report: string | null;
  error: string | null;
  worker_id: string | null;
  requested_by: string;
  created_at: string;
  finished_at: string | null;
}

const Candidates = z.array(CandidateReport);

const toValidation = (row: Row): Validation => ({
  id: row.id,
  draftId: row.draft_id,
  bundleHash: row.bundle_hash,
  status: row.status,
  candidates: row.report === null ? null : Candidates.parse(JSON.parse(row.report)),
  error: row.error,
  workerId: row.worker_id,
  requestedBy: row.requested_by,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
});

/** Validations of drafts. Recording one is idempotent: the first outcome a worker reports stands. */
export class ValidationStore {
  constructor(private readonly db: Db) {}

  insert(input: { draftId: string; bundleHash: string; requestedBy: string }, now = new Date()): Validation {
    const id = randomUUID();
    this.db
      .prepare(`INSERT INTO exercise_validations (id, draft_id, bundle_hash, status, requested_by, created_at) VALUES (?, ?, ?, 'queued', ?, ?)`)
      .run(id, input.draftId, input.bundleHash, input.requestedBy, now.toISOString());
    return this.get(id)!;
  }

  /** Undo an insert whose job could not be queued. */
  deleteQueued(id: string): void {
    this.db.prepare(`DELETE FROM exercise_validations WHERE id = ? AND status = 'queued'`).run(id);
  }

  get(id: string): Validation | undefined {
    const row = this.db.prepare(`SELECT * FROM exercise_validations WHERE id = ?`).get(id) as Row | undefined;
    return row && toValidation(row);
  }

  /** The draft's most recent validation: the one publishing looks at. */
  latestOf(draftId: string): Validation | undefined {
    const row = this.db
      .prepare(`SELECT * FROM exercise_validations WHERE draft_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`)
      .get(draftId) as Row | undefined;
    return row && toValidation(row);
  }

  listOf(draftId: string): Validation[] {
    return (this.db.prepare(`SELECT * FROM exercise_validations WHERE draft_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 50`).all(draftId) as Row[]).map(toValidation);
  }

  /** Records what a worker reported; a repeated delivery, or a late one after an error was recorded, changes nothing. */
  record(id: string, workerId: string, at: string, outcome: ValidationOutcome): boolean {
    if (outcome.status === 'error') {
      return (
        this.db
          .prepare(`UPDATE exercise_validations SET status = 'error', error = ?, worker_id = ?, finished_at = ? WHERE id = ? AND status = 'queued'`)
          .run(outcome.reason, workerId, at, id).changes > 0
      );
    }
    const status: ValidationStatus = reportPassed(outcome.candidates) ? 'passed' : 'failed';
    return (
      this.db
        .prepare(`UPDATE exercise_validations SET status = ?, report = ?, worker_id = ?, finished_at = ? WHERE id = ? AND status = 'queued'`)
        .run(status, JSON.stringify(outcome.candidates), workerId, at, id).changes > 0
    );
  }

  /** Validations still waiting, created before `before`: the API checks their jobs are alive. */
  listQueued(before: Date): Validation[] {
    return (this.db.prepare(`SELECT * FROM exercise_validations WHERE status = 'queued' AND created_at < ? ORDER BY created_at LIMIT 100`).all(before.toISOString()) as Row[]).map(
      toValidation,
    );
  }
}
