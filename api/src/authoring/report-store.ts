import type { Verdict } from '@grader/contracts';
import type { Db } from '../store/database';
import type { SubmissionStatus } from '../store/submission-store';

export interface SubmissionListItem {
  id: string;
  userId: string | null;
  username: string | null;
  exerciseVersion: number;
  status: SubmissionStatus;
  score: number | null;
  maxScore: number | null;
  verdict: Verdict | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ExerciseStatisticsData {
  /** Submissions of any status. */
  attempts: number;
  graded: number;
  distinctStudents: number;
  /** Per student with a graded submission: the best score and whether any submission had full marks. */
  best: Array<{ score: number; full: boolean }>;
  /** Per test name, across graded submissions of every version: how often it ran and failed. */
  tests: Array<{ name: string; ran: number; failed: number }>;
  /** Everyone who submitted (a deleted account is left out), by username. */
  students: Array<{ userId: string; username: string; displayName: string; attempts: number; bestScore: number | null }>;
}

export interface GradebookData {
  exercises: Array<{ slug: string; title: string; maxScore: number }>;
  students: Array<{ id: string; username: string; displayName: string }>;
  /** `${userId} ${slug}` → best graded score. */
  best: Map<string, number>;
}

/** Read-only queries for instructors: listings, statistics and the gradebook, straight from SQLite. */
export class ReportStore {
  constructor(private readonly db: Db) {}

  /** A page of an exercise's submissions, newest first; the cursor is the last row's (created_at, id). */
  listSubmissions(filter: {
    exercise: string;
    status?: SubmissionStatus;
    userId?: string;
    verdict?: Verdict;
    after?: { createdAt: string; id: string };
    limit: number;
  }): SubmissionListItem[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    add('s.exercise_slug = ?', filter.exercise);
    if (filter.status) add('s.status = ?', filter.status);
    if (filter.userId) add('s.user_id = ?', filter.userId);
    if (filter.verdict) add('s.verdict = ?', filter.verdict);
    if (filter.after) add('(s.created_at, s.id) < (?, ?)', filter.after.createdAt, filter.after.id);
    return this.db
      .prepare(
        `SELECT s.id, s.user_id AS userId, u.username, s.exercise_version AS exerciseVersion, s.status, s.score, s.max_score AS maxScore,
                s.verdict, s.created_at AS createdAt, s.finished_at AS finishedAt
         FROM submissions s LEFT JOIN users u ON u.id = s.user_id
         WHERE ${where.join(' AND ')} ORDER BY s.created_at DESC, s.id DESC LIMIT ?`,
      )
      .all(...params, filter.limit) as SubmissionListItem[];
  }

  statistics(exercise: string): ExerciseStatisticsData {
    const counts = this.db
      .prepare(
        `SELECT count(*) AS attempts, count(CASE WHEN status = 'graded' THEN 1 END) AS graded, count(DISTINCT user_id) AS distinctStudents
         FROM submissions WHERE exercise_slug = ?`,
      )
      .get(exercise) as { attempts: number; graded: number; distinctStudents: number };
    const best = (
      this.db
        .prepare(
          `SELECT max(score) AS score, max(score >= max_score) AS full FROM submissions
           WHERE exercise_slug = ? AND status = 'graded' AND user_id IS NOT NULL GROUP BY user_id`,
        )
        .all(exercise) as Array<{ score: number; full: number }>
    ).map((r) => ({ score: r.score, full: r.full === 1 }));
    // The stored result holds every test, hidden ones included: staff may see their names.
    const tests = this.db
      .prepare(
        `SELECT json_extract(t.value, '$.name') AS name, count(*) AS ran,
                count(CASE WHEN json_extract(t.value, '$.status') <> 'passed' THEN 1 END) AS failed
         FROM submissions s, json_each(s.result, '$.tests') t
         WHERE s.exercise_slug = ? AND s.status = 'graded' AND s.result IS NOT NULL
         GROUP BY name`,
      )
      .all(exercise) as Array<{ name: string; ran: number; failed: number }>;
    const students = this.db
      .prepare(
        `SELECT u.id AS userId, u.username, u.display_name AS displayName, count(*) AS attempts,
                max(CASE WHEN s.status = 'graded' THEN s.score END) AS bestScore
         FROM submissions s JOIN users u ON u.id = s.user_id
         WHERE s.exercise_slug = ? GROUP BY u.id ORDER BY u.username`,
      )
      .all(exercise) as ExerciseStatisticsData['students'];
    return { ...counts, best, tests, students };
  }

  gradebook(filter: { courseId?: string }): GradebookData {
    const exercises = (
      this.db
        .prepare(
          `SELECT e.slug, v.manifest FROM exercises e JOIN exercise_versions v ON v.slug = e.slug AND v.version = e.current_version
           WHERE e.status IN ('published', 'archived') ORDER BY e.slug`,
        )
        .all() as Array<{ slug: string; manifest: string }>
    ).map((e) => {
      const manifest = JSON.parse(e.manifest) as { maxScore: number; title: string };
      return { slug: e.slug, title: manifest.title, maxScore: manifest.maxScore };
    });
    const students = (
      filter.courseId
        ? this.db
            .prepare(
              `SELECT u.id, u.username, u.display_name AS displayName FROM users u JOIN course_members m ON m.user_id = u.id
               WHERE m.course_id = ? AND u.role = 'student' ORDER BY u.username`,
            )
            .all(filter.courseId)
        : this.db.prepare(`SELECT id, username, display_name AS displayName FROM users WHERE role = 'student' ORDER BY username`).all()
    ) as GradebookData['students'];
    const best = new Map<string, number>();
    const rows = this.db
      .prepare(`SELECT user_id AS userId, exercise_slug AS slug, max(score) AS score FROM submissions WHERE status = 'graded' AND user_id IS NOT NULL GROUP BY user_id, exercise_slug`)
      .all() as Array<{ userId: string; slug: string; score: number }>;
    for (const r of rows) best.set(`${r.userId} ${r.slug}`, r.score);
    return { exercises, students, best };
  }
}
