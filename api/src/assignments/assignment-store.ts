import { randomUUID } from 'node:crypto';
import type { LatePolicy } from '@grader/contracts';
import type { Db } from '../store/database';

export interface StoredAssignment {
  id: string;
  courseId: string;
  title: string;
  exercises: string[];
  opensAt: string;
  dueAt: string;
  late: LatePolicy;
  maxSubmissions: number | null;
  counts: 'best' | 'last';
  revealTestsAfterDue: boolean;
  createdAt: string;
}

export interface StoredExtension {
  assignmentId: string;
  userId: string;
  dueAt: string;
  grantedAt: string;
}

/** One member's graded or pending submission to an assignment, as the gradebook reads it. */
export interface AssignmentSubmissionRow {
  id: string;
  userId: string;
  exercise: string;
  status: string;
  score: number | null;
  /** The stored result (JSON), for the tests it failed. */
  result: string | null;
  daysLate: number;
  penaltyPercent: number;
  createdAt: string;
}

interface AssignmentRow {
  id: string;
  course_id: string;
  title: string;
  opens_at: string;
  due_at: string;
  late: string;
  max_submissions: number | null;
  counts: 'best' | 'last';
  reveal_tests_after_due: number;
  created_at: string;
}

/** Assignments, their exercises and extensions in SQLite. */
export class AssignmentStore {
  constructor(private readonly db: Db) {}

  create(input: Omit<StoredAssignment, 'id' | 'createdAt'>, createdBy: string, now = new Date()): StoredAssignment {
    const id = randomUUID();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO assignments (id, course_id, title, opens_at, due_at, late, max_submissions, counts, reveal_tests_after_due, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.courseId, input.title, input.opensAt, input.dueAt, JSON.stringify(input.late), input.maxSubmissions, input.counts, input.revealTestsAfterDue ? 1 : 0, createdBy, now.toISOString());
      const addExercise = this.db.prepare(`INSERT INTO assignment_exercises (assignment_id, position, exercise_slug) VALUES (?, ?, ?)`);
      input.exercises.forEach((slug, position) => addExercise.run(id, position, slug));
    })();
    return this.get(id)!;
  }

  get(id: string): StoredAssignment | undefined {
    const row = this.db.prepare(`SELECT * FROM assignments WHERE id = ?`).get(id) as AssignmentRow | undefined;
    return row && this.toAssignment(row);
  }

  listByCourse(courseId: string): StoredAssignment[] {
    const rows = this.db.prepare(`SELECT * FROM assignments WHERE course_id = ? ORDER BY due_at, created_at`).all(courseId) as AssignmentRow[];
    return rows.map((row) => this.toAssignment(row));
  }

  /** Every course's assignments, by due date. */
  listAll(): StoredAssignment[] {
    return (this.db.prepare(`SELECT * FROM assignments ORDER BY due_at, id`).all() as AssignmentRow[]).map((r) => this.toAssignment(r));
  }

  isMember(courseId: string, userId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM course_members WHERE course_id = ? AND user_id = ?`).get(courseId, userId) !== undefined;
  }

  /** The assignments of the user's courses that hold the exercise. */
  assignmentsHolding(exercise: string, userId: string): StoredAssignment[] {
    const rows = this.db
      .prepare(
        `SELECT a.* FROM assignments a JOIN assignment_exercises x ON x.assignment_id = a.id JOIN course_members m ON m.course_id = a.course_id
         WHERE x.exercise_slug = ? AND m.user_id = ?`,
      )
      .all(exercise, userId) as AssignmentRow[];
    return rows.map((row) => this.toAssignment(row));
  }

  /** The courses a user is a member of, by name. */
  coursesOf(userId: string): Array<{ id: string; name: string }> {
    return this.db
      .prepare(`SELECT c.id, c.name FROM course_members m JOIN courses c ON c.id = m.course_id WHERE m.user_id = ? ORDER BY c.name COLLATE NOCASE, c.id`)
      .all(userId) as Array<{ id: string; name: string }>;
  }

  /** The course's student members, by username. */
  students(courseId: string): Array<{ id: string; username: string; displayName: string }> {
    return this.db
      .prepare(
        `SELECT u.id, u.username, u.display_name AS displayName FROM course_members m JOIN users u ON u.id = m.user_id
         WHERE m.course_id = ? AND u.role = 'student' ORDER BY u.username COLLATE NOCASE`,
      )
      .all(courseId) as Array<{ id: string; username: string; displayName: string }>;
  }

  extension(assignmentId: string, userId: string): StoredExtension | undefined {
    return this.db
      .prepare(`SELECT assignment_id AS assignmentId, user_id AS userId, due_at AS dueAt, granted_at AS grantedAt FROM assignment_extensions WHERE assignment_id = ? AND user_id = ?`)
      .get(assignmentId, userId) as StoredExtension | undefined;
  }

  extensions(assignmentId: string): StoredExtension[] {
    return this.db
      .prepare(`SELECT assignment_id AS assignmentId, user_id AS userId, due_at AS dueAt, granted_at AS grantedAt FROM assignment_extensions WHERE assignment_id = ?`)
      .all(assignmentId) as StoredExtension[];
  }

  /** Gives (or replaces) one student's own due date. */
  grantExtension(assignmentId: string, userId: string, dueAt: string, grantedBy: string, now = new Date()): StoredExtension {
    this.db
      .prepare(
        `INSERT INTO assignment_extensions (assignment_id, user_id, due_at, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (assignment_id, user_id) DO UPDATE SET due_at = excluded.due_at, granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
      )
      .run(assignmentId, userId, dueAt, grantedBy, now.toISOString());
    return this.extension(assignmentId, userId)!;
  }

  /**
   * A user's submissions to the assignment per exercise, as the limit counts them: every one but
   * those the grader failed on (status error), which never cost the student anything.
   */
  submissionCounts(assignmentId: string, userId: string): Record<string, number> {
    const rows = this.db
      .prepare(`SELECT exercise_slug AS exercise, COUNT(*) AS n FROM submissions WHERE assignment_id = ? AND user_id = ? AND status != 'error' GROUP BY exercise_slug`)
      .all(assignmentId, userId) as Array<{ exercise: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.exercise, r.n]));
  }

  /** Every submission to the assignment, oldest first. */
  submissions(assignmentId: string): AssignmentSubmissionRow[] {
    return this.db
      .prepare(
        `SELECT id, user_id AS userId, exercise_slug AS exercise, status, score, result, COALESCE(days_late, 0) AS daysLate,
                COALESCE(penalty_percent, 0) AS penaltyPercent, created_at AS createdAt
         FROM submissions WHERE assignment_id = ? ORDER BY created_at, id`,
      )
      .all(assignmentId) as AssignmentSubmissionRow[];
  }

  /** One student's submissions to one exercise of the assignment, oldest first (without their results). */
  submissionsOf(assignmentId: string, userId: string, exercise: string): Array<Omit<AssignmentSubmissionRow, 'result'>> {
    return this.db
      .prepare(
        `SELECT id, user_id AS userId, exercise_slug AS exercise, status, score, COALESCE(days_late, 0) AS daysLate,
                COALESCE(penalty_percent, 0) AS penaltyPercent, created_at AS createdAt
         FROM submissions WHERE assignment_id = ? AND user_id = ? AND exercise_slug = ? ORDER BY created_at, id`,
      )
      .all(assignmentId, userId, exercise) as Array<Omit<AssignmentSubmissionRow, 'result'>>;
  }

  private toAssignment(row: AssignmentRow): StoredAssignment {
    const exercises = this.db.prepare(`SELECT exercise_slug AS slug FROM assignment_exercises WHERE assignment_id = ? ORDER BY position`).all(row.id) as Array<{ slug: string }>;
    return {
      id: row.id,
      courseId: row.course_id,
      title: row.title,
      exercises: exercises.map((e) => e.slug),
      opensAt: row.opens_at,
      dueAt: row.due_at,
      late: JSON.parse(row.late) as LatePolicy,
      maxSubmissions: row.max_submissions,
      counts: row.counts,
      revealTestsAfterDue: row.reveal_tests_after_due === 1,
      createdAt: row.created_at,
    };
  }
}
