import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LIMITS } from '../../contracts';
import { graderWorkDir } from '../../common/workspace';
import { readStudentFile } from './student-files';

/** Why the app's database could not be read: the test fails with this message (the student's doing). */
export class AppDatabaseProblem extends Error {}

export type Row = Record<string, unknown>;

/**
 * Reads the student's app's SQLite database as it is now, safely for the harness (root):
 * the file and its write-ahead log are opened without following a symbolic link, must be
 * regular files of the student's uid within LIMITS.exercise.appDatabaseBytes, and are copied
 * into the harness's own directory; `read` runs on the copy, with views dropped (a "table"
 * the test reads must be one), the schema untrusted (SQLite's trusted_schema off) and memory
 * mapping off, as SQLite advises for a database file from an attacker
 * (https://www.sqlite.org/security.html). Throws AppDatabaseProblem when it cannot. `workDir`:
 * where the copy is made (the harness's own by default), emptied afterwards.
 */
export function readAppDatabase<T>(databasePath: string, read: (db: Database.Database) => T, workDir?: string): T {
  const dir = workDir ?? graderWorkDir('app-database');
  const copy = path.join(dir, 'copy.db');
  try {
    copyOwnFile(databasePath, copy, true);
    copyOwnFile(`${databasePath}-wal`, `${copy}-wal`, false);
    let db: Database.Database | undefined;
    try {
      db = new Database(copy, { fileMustExist: true });
      db.pragma('trusted_schema = OFF');
      db.pragma('cell_size_check = ON');
      db.pragma('mmap_size = 0');
      const views = db.prepare("SELECT name FROM sqlite_master WHERE type = 'view'").pluck().all() as string[];
      for (const view of views) db.exec(`DROP VIEW ${quoted(view)}`);
      return read(db);
    } catch (err) {
      throw new AppDatabaseProblem(`the tests could not read your database: ${(err as Error).message}`);
    } finally {
      db?.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows of one query (the instructor's) on the app's database as it is now. */
export function queryAppDatabase(databasePath: string, sql: string, params: readonly unknown[] = []): Row[] {
  return readAppDatabase(databasePath, (db) => db.prepare(sql).all(...params) as Row[]);
}

/** Every text value in every table of the app's database (for "the password appears nowhere"). */
export function textsOfAppDatabase(databasePath: string): string[] {
  return readAppDatabase(databasePath, (db) => {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return tables.flatMap((table) =>
      (db.prepare(`SELECT * FROM ${quoted(table)}`).all() as Row[]).flatMap((row) =>
        Object.values(row).flatMap((value) => (typeof value === 'string' ? [value] : Buffer.isBuffer(value) ? [value.toString('utf8')] : [])),
      ),
    );
  });
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function copyOwnFile(from: string, to: string, required: boolean): void {
  const read = readStudentFile(from, LIMITS.exercise.appDatabaseBytes);
  if (read.kind === 'missing' && !required) return;
  if (read.kind === 'missing') throw new AppDatabaseProblem(`your app has no database at DATABASE_PATH (${from}) yet: create it there`);
  if (read.kind === 'refused' && read.why === 'symbolic-link') throw new AppDatabaseProblem(`DATABASE_PATH (${from}) is a symbolic link: keep the database in the file itself`);
  if (read.kind === 'refused') throw new AppDatabaseProblem(read.detail);
  writeFileSync(to, read.bytes, { mode: 0o600 });
}
