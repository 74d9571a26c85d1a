import type { ExerciseManifest } from '@grader/contracts';
import { storedPackage } from './stored-package';
import type { Db } from './database';

export interface ExerciseVersion {
  slug: string;
  version: number;
  status: 'draft' | 'published' | 'archived';
  bundleHash: string;
  manifest: ExerciseManifest;
  files: Record<string, string>;
  createdAt: string;
}

interface VersionRow {
  slug: string;
  version: number;
  status: ExerciseVersion['status'];
  bundle_hash: string;
  manifest: string;
  files: string;
  created_at: string;
}

function toVersion(row: VersionRow): ExerciseVersion {
  return {
    slug: row.slug,
    version: row.version,
    status: row.status,
    bundleHash: row.bundle_hash,
    ...storedPackage(row),
    createdAt: row.created_at,
  };
}

const CURRENT = `
  SELECT v.slug, v.version, e.status, v.bundle_hash, v.manifest, v.files, v.created_at
  FROM exercises e JOIN exercise_versions v ON v.slug = e.slug AND v.version = e.current_version`;

export class ExerciseStore {
  constructor(private readonly db: Db) {}

  /** The current version of every published exercise, by slug. */
  listPublished(): ExerciseVersion[] {
    const rows = this.db.prepare(`${CURRENT} WHERE e.status = 'published' ORDER BY v.slug`).all() as VersionRow[];
    return rows.map(toVersion);
  }

  findPublished(slug: string): ExerciseVersion | undefined {
    const row = this.db.prepare(`${CURRENT} WHERE e.status = 'published' AND e.slug = ?`).get(slug) as VersionRow | undefined;
    return row && toVersion(row);
  }

  findVersion(slug: string, version: number): ExerciseVersion | undefined {
    const row = this.db
      .prepare(
        `SELECT v.slug, v.version, e.status, v.bundle_hash, v.manifest, v.files, v.created_at
         FROM exercise_versions v JOIN exercises e ON e.slug = v.slug WHERE v.slug = ? AND v.version = ?`,
      )
      .get(slug, version) as VersionRow | undefined;
    return row && toVersion(row);
  }

  findByBundleHash(hash: string): ExerciseVersion | undefined {
    const row = this.db
      .prepare(
        `SELECT v.slug, v.version, e.status, v.bundle_hash, v.manifest, v.files, v.created_at
         FROM exercise_versions v JOIN exercises e ON e.slug = v.slug WHERE v.bundle_hash = ? LIMIT 1`,
      )
      .get(hash) as VersionRow | undefined;
    return row && toVersion(row);
  }

  /** A bundle by content hash for the workers: a version's, or else a draft's (drafts are validated before they become versions). */
  findBundle(hash: string): { manifest: unknown; files: Record<string, string> } | undefined {
    const version = this.findByBundleHash(hash);
    if (version) return { manifest: version.manifest, files: version.files };
    // A draft's manifest exactly as stored, since the hash was computed over it (parsing again could add defaults).
    const draft = this.db.prepare(`SELECT manifest, files FROM exercise_drafts WHERE bundle_hash = ? LIMIT 1`).get(hash) as { manifest: string; files: string } | undefined;
    return draft && { manifest: JSON.parse(draft.manifest) as unknown, files: JSON.parse(draft.files) as Record<string, string> };
  }

  /** Every exercise whatever its status, with its current version and how many it has had: the instructors' catalogue. */
  listAll(): Array<{ slug: string; status: ExerciseVersion['status']; currentVersion: number; versions: number; title: string; maxScore: number; updatedAt: string }> {
    const rows = this.db
      .prepare(
        `SELECT e.slug, e.status, e.current_version AS currentVersion, e.updated_at AS updatedAt, v.manifest,
                (SELECT count(*) FROM exercise_versions x WHERE x.slug = e.slug) AS versions
         FROM exercises e JOIN exercise_versions v ON v.slug = e.slug AND v.version = e.current_version ORDER BY e.slug`,
      )
      .all() as Array<{ slug: string; status: ExerciseVersion['status']; currentVersion: number; updatedAt: string; manifest: string; versions: number }>;
    return rows.map(({ manifest, ...row }) => {
      const m = JSON.parse(manifest) as { title: string; maxScore: number };
      return { ...row, title: m.title, maxScore: m.maxScore };
    });
  }

  /** An exercise's versions, oldest first, without their files. */
  listVersions(slug: string): Array<{ version: number; bundleHash: string; title: string; maxScore: number; createdAt: string }> {
    const rows = this.db
      .prepare(`SELECT version, bundle_hash AS bundleHash, manifest, created_at AS createdAt FROM exercise_versions WHERE slug = ? ORDER BY version`)
      .all(slug) as Array<{ version: number; bundleHash: string; manifest: string; createdAt: string }>;
    return rows.map(({ manifest, ...row }) => {
      const m = JSON.parse(manifest) as { title: string; maxScore: number };
      return { ...row, title: m.title, maxScore: m.maxScore };
    });
  }

  /** Archives a published exercise (students no longer see it or submit to it) or publishes an archived one again. */
  setStatus(slug: string, status: 'published' | 'archived', now = new Date()): boolean {
    return this.db.prepare(`UPDATE exercises SET status = ?, updated_at = ? WHERE slug = ?`).run(status, now.toISOString(), slug).changes > 0;
  }

  /** The status of an exercise of any status, or undefined when there is none. */
  statusOf(slug: string): ExerciseVersion['status'] | undefined {
    return (this.db.prepare(`SELECT status FROM exercises WHERE slug = ?`).get(slug) as { status: ExerciseVersion['status'] } | undefined)?.status;
  }

  /** Whether the exercise ever had this content: start-up leaves alone a folder it has already published. */
  hasVersionWithHash(slug: string, hash: string): boolean {
    return this.db.prepare(`SELECT 1 FROM exercise_versions WHERE slug = ? AND bundle_hash = ?`).get(slug, hash) !== undefined;
  }

  /**
   * Publishes this content as the exercise's current version. Content that equals the
   * current version changes nothing (start-up loads the same folders every time);
   * different content becomes a new version, so earlier grades keep pointing at theirs.
   */
  publish(input: { manifest: ExerciseManifest; files: Record<string, string>; bundleHash: string }, now = new Date()): { version: number; created: boolean } {
    return this.db.transaction(() => {
      const slug = input.manifest.slug;
      const at = now.toISOString();
      const current = this.db
        .prepare(
          `SELECT e.current_version AS version, v.bundle_hash AS hash, e.status FROM exercises e
           JOIN exercise_versions v ON v.slug = e.slug AND v.version = e.current_version WHERE e.slug = ?`,
        )
        .get(slug) as { version: number; hash: string; status: string } | undefined;
      if (current && current.hash === input.bundleHash) {
        if (current.status !== 'published') {
          this.db.prepare(`UPDATE exercises SET status = 'published', updated_at = ? WHERE slug = ?`).run(at, slug);
        }
        return { version: current.version, created: false };
      }
      const version = (current?.version ?? 0) + 1;
      if (!current) {
        this.db
          .prepare(`INSERT INTO exercises (slug, status, current_version, created_at, updated_at) VALUES (?, 'published', ?, ?, ?)`)
          .run(slug, version, at, at);
      }
      this.db
        .prepare(`INSERT INTO exercise_versions (slug, version, bundle_hash, manifest, files, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(slug, version, input.bundleHash, JSON.stringify(input.manifest), JSON.stringify(input.files), at);
      this.db.prepare(`UPDATE exercises SET current_version = ?, status = 'published', updated_at = ? WHERE slug = ?`).run(version, at, slug);
      return { version, created: true };
    })();
  }
}
