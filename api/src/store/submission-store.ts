import { LRUCache } from 'lru-cache';
import { LIMITS, SandboxResult, type SubmissionStatusName, type SubmittedFiles, type Verdict } from '@grader/contracts';
import type { Db } from './database';

export type SubmissionStatus = SubmissionStatusName;
export { isFinal } from '@grader/contracts/src/api/predicates';

export interface Submission {
  id: string;
  /** Who submitted; null only for rows from before accounts existed. */
  userId: string | null;
  exercise: string;
  exerciseVersion: number;
  files: SubmittedFiles;
  status: SubmissionStatus;
  score: number | null;
  maxScore: number | null;
  verdict: Verdict | null;
  /** The harness's full result document (all tests, hidden ones included): staff eyes only. */
  result: SandboxResult | null;
  /** Why grading failed, for staff, when status is error. */
  error: string | null;
  workerId: string | null;
  /** Where the final state is POSTed (a webhook), if the client asked. */
  callbackUrl: string | null;
  /** The assignment it was submitted to, with its lateness decided at the accept (api/src/assignments/). */
  assignment: SubmissionAssignment | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A submission's place in an assignment: started days past the submitter's due date, and what that cost. */
export interface SubmissionAssignment {
  id: string;
  daysLate: number;
  penaltyPercent: number;
}

interface Row {
  id: string;
  user_id: string | null;
  exercise_slug: string;
  exercise_version: number;
  files: string;
  status: SubmissionStatus;
  score: number | null;
  max_score: number | null;
  verdict: Verdict | null;
  result: string | null;
  error: string | null;
  worker_id: string | null;
  callback_url: string | null;
  assignment_id: string | null;
  days_late: number | null;
  penalty_percent: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** Results already parsed and validated, by their stored text (LIMITS.store.parsedResultChars says why). */
const parsedResults = new LRUCache<string, SandboxResult>({
  maxSize: LIMITS.store.parsedResultChars,
  sizeCalculation: (_result, text) => Math.max(1, text.length),
});

/**
 * The stored text of a result, parsed and validated with SandboxResult (as at every read before),
 * once per distinct text: equal text gives the same object, which is frozen all the way down
 * so that no reader can change what the next one gets.
 */
function resultOf(text: string): SandboxResult {
  let result = parsedResults.get(text);
  if (result === undefined) {
    result = deepFreeze(SandboxResult.parse(JSON.parse(text)));
    parsedResults.set(text, result);
  }
  return result;
}

/** Whether two rows of the table hold the same values in every column. */
function sameRow(a: Row, b: Row): boolean {
  for (const key in a) if (a[key as keyof Row] !== b[key as keyof Row]) return false;
  return true;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function toSubmission(row: Row): Submission {
  return {
    id: row.id,
    userId: row.user_id,
    exercise: row.exercise_slug,
    exerciseVersion: row.exercise_version,
    files: JSON.parse(row.files) as SubmittedFiles,
    status: row.status,
    score: row.score,
    maxScore: row.max_score,
    verdict: row.verdict,
    result: row.result === null ? null : resultOf(row.result),
    error: row.error,
    workerId: row.worker_id,
    callbackUrl: row.callback_url,
    assignment: row.assignment_id === null ? null : { id: row.assignment_id, daysLate: row.days_late ?? 0, penaltyPercent: row.penalty_percent ?? 0 },
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/**
 * Submissions in SQLite. Every state change is a single conditional UPDATE, so a message
 * delivered twice (BullMQ delivers at least once) records the same thing once.
 */
export class SubmissionStore {
  /**
   * The submissions read lately, each with the row it was made from: while a row is unchanged,
   * get() gives the same frozen Submission again, so that what is made from it (a status read's
   * JSON: routes/submissions.ts) can be kept by its identity. The row itself is read every time,
   * so a change made anywhere (the recorder, another host's API) is seen at the next read.
   */
  private readonly recent = new LRUCache<string, { row: Row; submission: Submission }>({ max: LIMITS.store.recentSubmissions });

  constructor(private readonly db: Db) {}

  insert(
    input: {
      id: string;
      userId: string;
      exercise: string;
      exerciseVersion: number;
      files: SubmittedFiles;
      maxScore: number;
      callbackUrl?: string;
      assignment?: SubmissionAssignment;
    },
    now = new Date(),
  ): Submission {
    this.db
      .prepare(
        `INSERT INTO submissions (id, user_id, exercise_slug, exercise_version, files, status, max_score, callback_url, assignment_id, days_late, penalty_percent, created_at)
         VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.id,
        input.userId,
        input.exercise,
        input.exerciseVersion,
        JSON.stringify(input.files),
        input.maxScore,
        input.callbackUrl ?? null,
        input.assignment?.id ?? null,
        input.assignment?.daysLate ?? null,
        input.assignment?.penaltyPercent ?? null,
        now.toISOString(),
      );
    return this.get(input.id)!;
  }

  /** Undo an insert whose job could not be queued: no row without a job. */
  deleteQueued(id: string): void {
    // Only ever called inside a transaction that first removes the row's idempotency key.
    this.db.prepare(`DELETE FROM submissions WHERE id = ? AND status = 'queued'`).run(id);
  }

  /** The submission of this id, frozen: the same object while its row is unchanged (`recent`). */
  get(id: string): Submission | undefined {
    const row = this.db.prepare(`SELECT * FROM submissions WHERE id = ?`).get(id) as Row | undefined;
    if (!row) {
      this.recent.delete(id);
      return undefined;
    }
    const known = this.recent.get(id);
    if (known && sameRow(known.row, row)) return known.submission;
    const submission = deepFreeze(toSubmission(row));
    this.recent.set(id, { row, submission });
    return submission;
  }

  /**
   * A page of submissions, newest first. The cursor is the last row's (created_at, id),
   * so pages stay stable while new submissions arrive.
   */
  list(filter: { userId?: string; exercise?: string; status?: SubmissionStatus; after?: { createdAt: string; id: string }; limit: number }): Submission[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (filter.userId) add('user_id = ?', filter.userId);
    if (filter.exercise) add('exercise_slug = ?', filter.exercise);
    if (filter.status) add('status = ?', filter.status);
    if (filter.after) add('(created_at, id) < (?, ?)', filter.after.createdAt, filter.after.id);
    const sql = `SELECT * FROM submissions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, filter.limit) as Row[]).map(toSubmission);
  }

  /** How many of a user's submissions wait for a grade: the per-user queue cap counts these. */
  countUnfinishedOf(userId: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM submissions WHERE user_id = ? AND status IN ('queued', 'running')`).get(userId) as { n: number }).n;
  }

  /** Submissions still waiting for a grade, oldest first, created before `before`. */
  listUnfinished(before: Date, limit = 500): Submission[] {
    const rows = this.db
      .prepare(`SELECT * FROM submissions WHERE status IN ('queued', 'running') AND created_at < ? ORDER BY created_at LIMIT ?`)
      .all(before.toISOString(), limit) as Row[];
    return rows.map(toSubmission);
  }

  /** What the metrics need of a submission before a worker's message changes it: its exercise's kind and its times. */
  gradingContext(id: string): { kind: string; createdAt: string; startedAt: string | null } | undefined {
    return this.db
      .prepare(
        `SELECT json_extract(v.manifest, '$.kind') AS kind, s.created_at AS createdAt, s.started_at AS startedAt
           FROM submissions s JOIN exercise_versions v ON v.slug = s.exercise_slug AND v.version = s.exercise_version WHERE s.id = ?`,
      )
      .get(id) as { kind: string; createdAt: string; startedAt: string | null } | undefined;
  }

  markRunning(id: string, workerId: string, at: string): boolean {
    return (
      this.db
        .prepare(`UPDATE submissions SET status = 'running', started_at = ?, worker_id = ? WHERE id = ? AND status = 'queued'`)
        .run(at, workerId, id).changes > 0
    );
  }

  /** Records a grade; a repeated delivery writes the same values again. */
  recordGrade(id: string, workerId: string, at: string, result: SandboxResult): boolean {
    return (
      this.db
        .prepare(
          `UPDATE submissions SET status = 'graded', score = ?, max_score = ?, verdict = ?, result = ?, error = NULL,
             worker_id = ?, started_at = COALESCE(started_at, ?), finished_at = ?
           WHERE id = ?`,
        )
        .run(result.score, result.maxScore, result.verdict, JSON.stringify(result), workerId, at, at, id).changes > 0
    );
  }

  /** Records that the grader could not grade. Never overwrites a grade: a late failure report of a job that did grade is stale. */
  recordFailure(id: string, workerId: string, at: string, reason: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE submissions SET status = 'error', verdict = 'internal_error', score = NULL, error = ?, worker_id = ?, finished_at = ?
           WHERE id = ? AND status IN ('queued', 'running')`,
        )
        .run(reason, workerId, at, id).changes > 0
    );
  }

  /** Submissions that ended in a grader error, oldest first. */
  listErrored(filter: { exercise?: string }, limit: number): Submission[] {
    const rows = filter.exercise
      ? this.db.prepare(`SELECT * FROM submissions WHERE status = 'error' AND exercise_slug = ? ORDER BY created_at LIMIT ?`).all(filter.exercise, limit)
      : this.db.prepare(`SELECT * FROM submissions WHERE status = 'error' ORDER BY created_at LIMIT ?`).all(limit);
    return (rows as Row[]).map(toSubmission);
  }

  /** An errored submission back to queued, as if just submitted; false when it is not in error. */
  resetForRequeue(id: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE submissions SET status = 'queued', score = NULL, verdict = NULL, result = NULL, error = NULL,
             worker_id = NULL, started_at = NULL, finished_at = NULL
           WHERE id = ? AND status = 'error'`,
        )
        .run(id).changes > 0
    );
  }

  /** Undoes resetForRequeue when the new job could not be queued: the row is again the error it was. */
  restoreError(id: string, before: Submission): void {
    this.db
      .prepare(
        `UPDATE submissions SET status = 'error', verdict = ?, error = ?, worker_id = ?, started_at = ?, finished_at = ?
         WHERE id = ? AND status = 'queued'`,
      )
      .run(before.verdict, before.error, before.workerId, before.startedAt, before.finishedAt, id);
  }

  count(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM submissions`).get() as { n: number }).n;
  }
}
