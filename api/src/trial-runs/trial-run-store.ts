import { SandboxResult, TRIAL_RUN_KEEP_MS, type GradingMessage, type SubmittedFiles } from '@grader/contracts';
import type { Db } from '../store/database';
import type { SubmissionStatus } from '../store/submission-store';

/** A trial run as stored: the visible tests' grading of some files, for its owner only. */
export interface TrialRun {
  id: string;
  userId: string;
  exercise: string;
  exerciseVersion: number;
  files: SubmittedFiles;
  status: SubmissionStatus;
  /** The visible tests' points (what the run is out of). */
  maxScore: number;
  result: SandboxResult | null;
  /** Why the grader could not run it (staff's words; the student reads GRADER_FAILED_MESSAGE). */
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface Row {
  id: string;
  user_id: string;
  exercise_slug: string;
  exercise_version: number;
  files: string;
  status: SubmissionStatus;
  max_score: number;
  result: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const toTrialRun = (r: Row): TrialRun => ({
  id: r.id,
  userId: r.user_id,
  exercise: r.exercise_slug,
  exerciseVersion: r.exercise_version,
  files: JSON.parse(r.files) as SubmittedFiles,
  status: r.status,
  maxScore: r.max_score,
  result: r.result === null ? null : SandboxResult.parse(JSON.parse(r.result)),
  error: r.error,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/**
 * The table trial_runs. Written by the API (a new run) and by the recorder (its messages, each
 * idempotent as a submission's are); rows older than TRIAL_RUN_KEEP_MS are deleted as new ones
 * arrive, so the table holds about a day of trying.
 */
export class TrialRunStore {
  constructor(private readonly db: Db) {}

  insert(run: { id: string; userId: string; exercise: string; exerciseVersion: number; files: SubmittedFiles; maxScore: number }, now = new Date()): TrialRun {
    this.db.prepare(`DELETE FROM trial_runs WHERE created_at < ?`).run(new Date(now.getTime() - TRIAL_RUN_KEEP_MS).toISOString());
    const createdAt = now.toISOString();
    this.db
      .prepare(
        `INSERT INTO trial_runs (id, user_id, exercise_slug, exercise_version, files, status, max_score, created_at)
         VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)`,
      )
      .run(run.id, run.userId, run.exercise, run.exerciseVersion, JSON.stringify(run.files), run.maxScore, createdAt);
    return { ...run, status: 'queued', result: null, error: null, createdAt, startedAt: null, finishedAt: null };
  }

  get(id: string): TrialRun | undefined {
    const row = this.db.prepare(`SELECT * FROM trial_runs WHERE id = ?`).get(id) as Row | undefined;
    return row && toTrialRun(row);
  }

  /** Runs of this user still waiting or running. */
  countUnfinishedOf(userId: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM trial_runs WHERE user_id = ? AND status IN ('queued', 'running')`).get(userId) as { n: number }).n;
  }

  /** Removes a run whose job could not be queued: never a row without a job. */
  deleteQueued(id: string): void {
    this.db.prepare(`DELETE FROM trial_runs WHERE id = ? AND status = 'queued'`).run(id);
  }

  /** A worker's message about a trial run; true when it changed the row (a repeated delivery changes nothing). */
  record(message: GradingMessage): boolean {
    const at = message.at;
    switch (message.type) {
      case 'started':
        return this.db.prepare(`UPDATE trial_runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'`).run(at, message.submissionId).changes > 0;
      case 'graded':
        return (
          this.db
            .prepare(`UPDATE trial_runs SET status = 'graded', result = ?, error = NULL, started_at = COALESCE(started_at, ?), finished_at = ? WHERE id = ?`)
            .run(JSON.stringify(message.result), at, at, message.submissionId).changes > 0
        );
      case 'failed':
        return (
          this.db
            .prepare(`UPDATE trial_runs SET status = 'error', error = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')`)
            .run(message.reason, at, message.submissionId).changes > 0
        );
    }
  }

  /**
   * Runs still waiting or running after `olderThanMs` (their job lost with Redis, or their worker
   * gone for good): ended as the grader's failure so that the page stops waiting.
   */
  expireStuck(olderThanMs: number, now = new Date()): number {
    return this.db
      .prepare(`UPDATE trial_runs SET status = 'error', error = 'not run in time', finished_at = ? WHERE status IN ('queued', 'running') AND created_at < ?`)
      .run(now.toISOString(), new Date(now.getTime() - olderThanMs).toISOString()).changes;
  }
}
