import { randomUUID } from 'node:crypto';
import { newJoinCode } from '../auth/secrets';
import type { Db } from './database';

export interface Course {
  id: string;
  name: string;
  joinCode: string;
  createdAt: string;
}

/** Courses group students; a course's join code lets a student create their own account. */
export class CourseStore {
  constructor(private readonly db: Db) {}

  create(name: string, createdBy: string, now = new Date()): Course {
    const id = randomUUID();
    this.db
      .prepare(`INSERT INTO courses (id, name, join_code, created_by, created_at) VALUES (?, ?, ?, ?, ?)`)
      .run(id, name, newJoinCode(), createdBy, now.toISOString());
    return this.get(id)!;
  }

  get(id: string): Course | undefined {
    const row = this.db.prepare(`SELECT id, name, join_code AS joinCode, created_at AS createdAt FROM courses WHERE id = ?`).get(id);
    return row as Course | undefined;
  }

  findByJoinCode(code: string): Course | undefined {
    const row = this.db.prepare(`SELECT id, name, join_code AS joinCode, created_at AS createdAt FROM courses WHERE join_code = ?`).get(code.toUpperCase());
    return row as Course | undefined;
  }

  list(): Course[] {
    return this.db.prepare(`SELECT id, name, join_code AS joinCode, created_at AS createdAt FROM courses ORDER BY created_at`).all() as Course[];
  }

  addMember(courseId: string, userId: string, now = new Date()): void {
    this.db.prepare(`INSERT OR IGNORE INTO course_members (course_id, user_id, joined_at) VALUES (?, ?, ?)`).run(courseId, userId, now.toISOString());
  }
}
