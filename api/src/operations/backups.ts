import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, type Db } from '../store/database';
import { processesHolding } from './open-by';

/** One backup file: `grader-<UTC time>.sqlite` in the backup directory. */
export interface BackupFile {
  name: string;
  bytes: number;
  /** ISO time the backup was taken (from its name). */
  takenAt: string;
}

const NAME = /^grader-(\d{8}T\d{6}\d{3}Z)\.sqlite$/;

function nameAt(at: Date): string {
  return `grader-${at.toISOString().replace(/[-:.]/g, '')}.sqlite`;
}

function timeOf(name: string): string | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const s = m[1]!;
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
}

/**
 * Online backups of the grader's SQLite file with SQLite's backup API (better-sqlite3's
 * `db.backup`: pages are copied in steps while the API keeps reading and the recorder keeps
 * writing; the copy is a consistent snapshot), kept in `dir`, the oldest removed beyond `keep`.
 * A backup is written under a temporary name and renamed when complete, so a listed backup is
 * always whole.
 */
export class Backups {
  private running: Promise<BackupFile> | undefined;

  constructor(
    private readonly db: Db,
    readonly dir: string,
    private readonly keep: number,
  ) {}

  /** Takes one backup now (a second call while one runs gets the same one). Throws on a disk error. */
  take(): Promise<BackupFile> {
    this.running ??= this.backup().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The backups in `dir`, newest first. */
  list(): BackupFile[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .flatMap((name) => {
        const takenAt = timeOf(name);
        return takenAt ? [{ name, takenAt, bytes: fs.statSync(path.join(this.dir, name)).size }] : [];
      })
      .sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  }

  private async backup(): Promise<BackupFile> {
    // Copies of every account and webhook secret: the owner's alone, as the database is.
    fs.mkdirSync(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    fs.chmodSync(this.dir, PRIVATE_DIR_MODE);
    const at = new Date();
    const name = nameAt(at);
    const partial = path.join(this.dir, `.${name}.partial`);
    try {
      await this.db.backup(partial);
      fs.chmodSync(partial, PRIVATE_FILE_MODE);
      fs.renameSync(partial, path.join(this.dir, name));
    } finally {
      fs.rmSync(partial, { force: true });
    }
    for (const old of this.list().slice(this.keep)) fs.rmSync(path.join(this.dir, old.name), { force: true });
    return { name, takenAt: at.toISOString(), bytes: fs.statSync(path.join(this.dir, name)).size };
  }
}

/**
 * Puts a backup in place of the database file, for an operator with the API stopped
 * (`npm run restore -- <backup>`): checks the backup's integrity first, keeps the current file
 * beside it as `<file>.before-restore-<time>`, removes its WAL and shared-memory files (they
 * belong to the replaced file and would be replayed onto the backup), and copies the backup in
 * under a temporary name renamed into place. Throws, changing nothing, when another process of
 * this host holds the database open (the API still running) or the backup is not a sound SQLite
 * database.
 */
export function restoreBackup(backupFile: string, databaseFile: string, now = new Date()): { keptAs: string | undefined } {
  // A running API would go on writing to the file kept aside: what it wrote after the restore was lost (a newcomer's try).
  const holders = processesHolding(databaseFile);
  if (holders.length > 0) throw new Error(`${databaseFile} is open in process ${holders.join(', ')}: stop the API (and its workers) first`);
  const check = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${backupFile} is damaged: ${String(result)}`);
  } finally {
    check.close();
  }
  let keptAs: string | undefined;
  if (fs.existsSync(databaseFile)) {
    // A checkpoint folds the WAL into the file kept aside, so nothing written before the restore is
    // lost; a damaged file (often why one restores) cannot be checkpointed and is kept as it is.
    try {
      const current = new Database(databaseFile, { fileMustExist: true });
      try {
        current.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        current.close();
      }
    } catch {
      /* kept aside unchanged, its WAL with it */
    }
    keptAs = `${databaseFile}.before-restore-${now.toISOString().replace(/[-:.]/g, '')}`;
    fs.renameSync(databaseFile, keptAs);
    if (fs.existsSync(`${databaseFile}-wal`)) fs.renameSync(`${databaseFile}-wal`, `${keptAs}-wal`);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  const partial = `${databaseFile}.restoring`;
  fs.copyFileSync(backupFile, partial);
  fs.renameSync(partial, databaseFile);
  return { keptAs };
}
