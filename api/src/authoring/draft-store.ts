import { randomUUID } from 'node:crypto';
import type { ExerciseManifest } from '@grader/contracts';
import { storedPackage } from '../store/stored-package';
import type { ExercisePackage } from '../exercises/exercise-package';
import type { Db } from '../store/database';

export type DraftState = 'draft' | 'published' | 'discarded';

export interface Draft {
  id: string;
  slug: string;
  state: DraftState;
  bundleHash: string;
  manifest: ExerciseManifest;
  files: Record<string, string>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedVersion: number | null;
  publishedAt: string | null;
}

interface Row {
  id: string;
  slug: string;
  state: DraftState;
  bundle_hash: string;
  manifest: string;
  files: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  published_version: number | null;
  published_at: string | null;
}

const toDraft = (row: Row): Draft => ({
  id: row.id,
  slug: row.slug,
  state: row.state,
  bundleHash: row.bundle_hash,
  ...storedPackage(row),
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  publishedVersion: row.published_version,
  publishedAt: row.published_at,
});

/** Exercise drafts: packages that parsed, waiting to be validated and published. */
export class DraftStore {
  constructor(private readonly db: Db) {}

  create(pkg: ExercisePackage, createdBy: string, now = new Date()): Draft {
    const id = randomUUID();
    const at = now.toISOString();
    this.db
      .prepare(
        `INSERT INTO exercise_drafts (id, slug, state, bundle_hash, manifest, files, created_by, created_at, updated_at)
         VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, pkg.manifest.slug, pkg.bundleHash, JSON.stringify(pkg.manifest), JSON.stringify(pkg.files), createdBy, at, at);
    return this.get(id)!;
  }

  get(id: string): Draft | undefined {
    const row = this.db.prepare(`SELECT * FROM exercise_drafts WHERE id = ?`).get(id) as Row | undefined;
    return row && toDraft(row);
  }

  /** Drafts, newest first; only those still being prepared unless `all`. */
  list(filter: { slug?: string; all?: boolean }): Draft[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.slug) {
      where.push('slug = ?');
      params.push(filter.slug);
    }
    if (!filter.all) where.push(`state = 'draft'`);
    const sql = `SELECT * FROM exercise_drafts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id DESC LIMIT 200`;
    return (this.db.prepare(sql).all(...params) as Row[]).map(toDraft);
  }

  /** Replaces a draft's content; only a draft still being prepared changes. */
  replace(id: string, pkg: ExercisePackage, now = new Date()): boolean {
    return (
      this.db
        .prepare(`UPDATE exercise_drafts SET bundle_hash = ?, manifest = ?, files = ?, updated_at = ? WHERE id = ? AND state = 'draft'`)
        .run(pkg.bundleHash, JSON.stringify(pkg.manifest), JSON.stringify(pkg.files), now.toISOString(), id).changes > 0
    );
  }

  markPublished(id: string, version: number, now = new Date()): boolean {
    const at = now.toISOString();
    return (
      this.db
        .prepare(`UPDATE exercise_drafts SET state = 'published', published_version = ?, published_at = ?, updated_at = ? WHERE id = ? AND state = 'draft'`)
        .run(version, at, at, id).changes > 0
    );
  }

  discard(id: string, now = new Date()): boolean {
    return this.db.prepare(`UPDATE exercise_drafts SET state = 'discarded', updated_at = ? WHERE id = ? AND state = 'draft'`).run(now.toISOString(), id).changes > 0;
  }
}
