import type { CodeDraftDocument } from '@grader/contracts';
import type { Db } from '../store/database';

interface Row {
  files: string;
  updatedAt: string;
}

/** Code in progress per (user, exercise): the table code_drafts. The last save wins. */
export class CodeDraftStore {
  constructor(private readonly db: Db) {}

  find(userId: string, exercise: string): CodeDraftDocument | undefined {
    const row = this.db
      .prepare(`SELECT files, updated_at AS updatedAt FROM code_drafts WHERE user_id = ? AND exercise_slug = ?`)
      .get(userId, exercise) as Row | undefined;
    return row && { exercise, files: JSON.parse(row.files) as Record<string, string>, updatedAt: row.updatedAt };
  }

  save(userId: string, exercise: string, files: Record<string, string>, now = new Date()): CodeDraftDocument {
    const updatedAt = now.toISOString();
    this.db
      .prepare(
        `INSERT INTO code_drafts (user_id, exercise_slug, files, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, exercise_slug) DO UPDATE SET files = excluded.files, updated_at = excluded.updated_at`,
      )
      .run(userId, exercise, JSON.stringify(files), updatedAt);
    return { exercise, files, updatedAt };
  }

  discard(userId: string, exercise: string): void {
    this.db.prepare(`DELETE FROM code_drafts WHERE user_id = ? AND exercise_slug = ?`).run(userId, exercise);
  }
}
