import { randomUUID } from 'node:crypto';
import { SandboxResult, type SubmissionStatusName, type Verdict } from '@grader/contracts';
import type { Db } from '../store/database';

export type BatchState = 'open' | 'applied' | 'discarded';
/** A regraded submission's status: a submission's. */
export type RegradeStatus = SubmissionStatusName;

export interface RegradeBatch {
  id: string;
  exercise: string;
  targetVersion: number;
  state: BatchState;
  createdBy: string;
  createdAt: string;
  closedBy: string | null;
  closedAt: string | null;
}

export interface Regrade {
  batchId: string;
  submissionId: string;
  userId: string | null;
  username: string | null;
  old: { version: number; score: number | null; maxScore: number | null; verdict: Verdict | null };
  status: RegradeStatus;
  new: { score: number | null; maxScore: number | null; verdict: Verdict | null };
  error: string | null;
  finishedAt: string | null;
  outcome: 'applied' | 'stale' | 'not_graded' | null;
}

interface BatchRow {
  id: string;
  exercise_slug: string;
  target_version: number;
  state: BatchState;
  created_by: string;
  created_at: string;
  closed_by: string | null;
  closed_at: string | null;
}

interface RegradeRow {
  batch_id: string;
  submission_id: string;
  user_id: string | null;
  username: string | null;
  old_version: number;
  old_score: number | null;
  old_max_score: number | null;
  old_verdict: Verdict | null;
  status: RegradeStatus;
  new_score: number | null;
  new_max_score: number | null;
  new_verdict: Verdict | null;
  error: string | null;
  finished_at: string | null;
  outcome: Regrade['outcome'];
}

const toBatch = (row: BatchRow): RegradeBatch => ({
  id: row.id,
  exercise: row.exercise_slug,
  targetVersion: row.target_version,
  state: row.state,
  createdBy: row.created_by,
  createdAt: row.created_at,
  closedBy: row.closed_by,
  closedAt: row.closed_at,
});

const toRegrade = (row: RegradeRow): Regrade => ({
  batchId: row.batch_id,
  submissionId: row.submission_id,
  userId: row.user_id,
  username: row.username,
  old: { version: row.old_version, score: row.old_score, maxScore: row.old_max_score, verdict: row.old_verdict },
  status: row.status,
  new: { score: row.new_score, maxScore: row.new_max_score, verdict: row.new_verdict },
  error: row.error,
  finishedAt: row.finished_at,
  outcome: row.outcome,
});

export type ApplyResult =
  | { ok: true; counts: { applied: number; changed: number; stale: number; notGraded: number } }
  | { ok: false; reason: 'closed' }
  | { ok: false; reason: 'unfinished'; pending: number };

/** Whether a regrade's new grade differs from the old one in anything a student sees. */
export function gradeChanged(r: Regrade): boolean {
  return r.status === 'graded' && (r.new.score !== r.old.score || r.new.maxScore !== r.old.maxScore || r.new.verdict !== r.old.verdict);
}

const REGRADE_SELECT = `
  SELECT r.*, s.user_id, u.username FROM regrades r
  JOIN submissions s ON s.id = r.submission_id LEFT JOIN users u ON u.id = s.user_id`;

/**
 * Regrade batches: a preview of new grades kept apart from the submissions until applied.
 * Recording a worker's message is idempotent and only touches an open batch.
 */
export class RegradeStore {
  constructor(private readonly db: Db) {}

  /** A new open batch holding every given submission with its current grade; returns the batch and the submissions' ids. */
  create(input: { exercise: string; targetVersion: number; createdBy: string; submissionIds: readonly string[] }, now = new Date()): RegradeBatch {
    const id = randomUUID();
    const at = now.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO regrade_batches (id, exercise_slug, target_version, state, created_by, created_at) VALUES (?, ?, ?, 'open', ?, ?)`)
        .run(id, input.exercise, input.targetVersion, input.createdBy, at);
      const insert = this.db.prepare(
        `INSERT INTO regrades (batch_id, submission_id, old_version, old_score, old_max_score, old_verdict, status)
         SELECT ?, id, exercise_version, score, max_score, verdict, 'queued' FROM submissions WHERE id = ?`,
      );
      for (const submissionId of input.submissionIds) insert.run(id, submissionId);
    })();
    return this.getBatch(id)!;
  }

  /** Removes a batch none of whose jobs could be queued. */
  deleteBatch(id: string): void {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM regrades WHERE batch_id = ?`).run(id);
      this.db.prepare(`DELETE FROM regrade_batches WHERE id = ? AND state = 'open'`).run(id);
    })();
  }

  getBatch(id: string): RegradeBatch | undefined {
    const row = this.db.prepare(`SELECT * FROM regrade_batches WHERE id = ?`).get(id) as BatchRow | undefined;
    return row && toBatch(row);
  }

  openBatchOf(exercise: string): RegradeBatch | undefined {
    const row = this.db.prepare(`SELECT * FROM regrade_batches WHERE exercise_slug = ? AND state = 'open' LIMIT 1`).get(exercise) as BatchRow | undefined;
    return row && toBatch(row);
  }

  listBatches(exercise: string): RegradeBatch[] {
    return (this.db.prepare(`SELECT * FROM regrade_batches WHERE exercise_slug = ? ORDER BY created_at DESC LIMIT 100`).all(exercise) as BatchRow[]).map(toBatch);
  }

  regradesOf(batchId: string): Regrade[] {
    return (this.db.prepare(`${REGRADE_SELECT} WHERE r.batch_id = ? ORDER BY s.created_at, r.submission_id`).all(batchId) as RegradeRow[]).map(toRegrade);
  }

  /** Regrades still waiting in open batches, made before `before`: the API checks their jobs are alive. */
  listPending(before: Date): Array<{ batchId: string; submissionId: string }> {
    return this.db
      .prepare(
        `SELECT r.batch_id AS batchId, r.submission_id AS submissionId FROM regrades r JOIN regrade_batches b ON b.id = r.batch_id
         WHERE b.state = 'open' AND r.status IN ('queued', 'running') AND b.created_at < ? LIMIT 500`,
      )
      .all(before.toISOString()) as Array<{ batchId: string; submissionId: string }>;
  }

  markRunning(batchId: string, submissionId: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE regrades SET status = 'running' WHERE batch_id = ? AND submission_id = ? AND status = 'queued'
             AND batch_id IN (SELECT id FROM regrade_batches WHERE state = 'open')`,
        )
        .run(batchId, submissionId).changes > 0
    );
  }

  recordGrade(batchId: string, submissionId: string, at: string, result: SandboxResult): boolean {
    return (
      this.db
        .prepare(
          `UPDATE regrades SET status = 'graded', new_score = ?, new_max_score = ?, new_verdict = ?, new_result = ?, error = NULL, finished_at = ?
           WHERE batch_id = ? AND submission_id = ? AND batch_id IN (SELECT id FROM regrade_batches WHERE state = 'open')`,
        )
        .run(result.score, result.maxScore, result.verdict, JSON.stringify(result), at, batchId, submissionId).changes > 0
    );
  }

  /** Never overwrites a grade: a late failure report of a job that did grade is stale. */
  recordFailure(batchId: string, submissionId: string, at: string, reason: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE regrades SET status = 'error', error = ?, finished_at = ?
           WHERE batch_id = ? AND submission_id = ? AND status IN ('queued', 'running')
             AND batch_id IN (SELECT id FROM regrade_batches WHERE state = 'open')`,
        )
        .run(reason, at, batchId, submissionId).changes > 0
    );
  }

  /**
   * Applies a finished batch in one transaction: each regraded submission takes its new grade
   * and version, and its old grade goes to grade_history. A submission whose grade moved
   * since the batch was made (another batch applied) is left alone and marked stale.
   */
  apply(batchId: string, userId: string, now = new Date()): ApplyResult {
    const at = now.toISOString();
    return this.db.transaction((): ApplyResult => {
      const batch = this.getBatch(batchId);
      if (!batch || batch.state !== 'open') return { ok: false, reason: 'closed' };
      const pending = this.db.prepare(`SELECT count(*) AS n FROM regrades WHERE batch_id = ? AND status IN ('queued', 'running')`).get(batchId) as { n: number };
      if (pending.n > 0) return { ok: false, reason: 'unfinished', pending: pending.n };
      const counts = { applied: 0, changed: 0, stale: 0, notGraded: 0 };
      const rows = this.db
        .prepare(
          `SELECT r.*, s.status AS current_status, s.exercise_version AS current_version, s.score AS current_score, s.verdict AS current_verdict,
                  s.max_score AS current_max_score, s.result AS current_result, s.finished_at AS current_finished_at
           FROM regrades r JOIN submissions s ON s.id = r.submission_id WHERE r.batch_id = ?`,
        )
        .all(batchId) as Array<
        RegradeRow & {
          new_result: string | null;
          current_status: string;
          current_version: number;
          current_score: number | null;
          current_verdict: string | null;
          current_max_score: number | null;
          current_result: string | null;
          current_finished_at: string | null;
        }
      >;
      const setOutcome = this.db.prepare(`UPDATE regrades SET outcome = ? WHERE batch_id = ? AND submission_id = ?`);
      const history = this.db.prepare(
        `INSERT INTO grade_history (submission_id, exercise_version, score, max_score, verdict, result, graded_at, replaced_at, replaced_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const update = this.db.prepare(
        `UPDATE submissions SET exercise_version = ?, score = ?, max_score = ?, verdict = ?, result = ?, finished_at = ? WHERE id = ?`,
      );
      for (const r of rows) {
        if (r.status !== 'graded') {
          setOutcome.run('not_graded', batchId, r.submission_id);
          counts.notGraded++;
          continue;
        }
        const moved =
          r.current_status !== 'graded' || r.current_version !== r.old_version || r.current_score !== r.old_score || r.current_verdict !== r.old_verdict;
        if (moved) {
          setOutcome.run('stale', batchId, r.submission_id);
          counts.stale++;
          continue;
        }
        history.run(r.submission_id, r.current_version, r.current_score, r.current_max_score, r.current_verdict, r.current_result, r.current_finished_at, at, batchId);
        update.run(batch.targetVersion, r.new_score, r.new_max_score, r.new_verdict, r.new_result, r.finished_at ?? at, r.submission_id);
        setOutcome.run('applied', batchId, r.submission_id);
        counts.applied++;
        if (gradeChanged(toRegrade({ ...r, user_id: null, username: null }))) counts.changed++;
      }
      this.db.prepare(`UPDATE regrade_batches SET state = 'applied', closed_by = ?, closed_at = ? WHERE id = ?`).run(userId, at, batchId);
      return { ok: true, counts };
    })();
  }

  discard(batchId: string, userId: string, now = new Date()): boolean {
    return (
      this.db
        .prepare(`UPDATE regrade_batches SET state = 'discarded', closed_by = ?, closed_at = ? WHERE id = ? AND state = 'open'`)
        .run(userId, now.toISOString(), batchId).changes > 0
    );
  }

  /** A submission's earlier grades, newest first. */
  historyOf(submissionId: string): Array<{ exerciseVersion: number; score: number | null; maxScore: number | null; verdict: Verdict | null; gradedAt: string | null; replacedAt: string; replacedBy: string }> {
    return this.db
      .prepare(
        `SELECT exercise_version AS exerciseVersion, score, max_score AS maxScore, verdict, graded_at AS gradedAt, replaced_at AS replacedAt, replaced_by AS replacedBy
         FROM grade_history WHERE submission_id = ? ORDER BY replaced_at DESC`,
      )
      .all(submissionId) as ReturnType<RegradeStore['historyOf']>;
  }
}
