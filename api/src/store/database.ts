import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LIMITS } from '@grader/contracts';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/** The grader's SQLite file in a data directory (GRADER_DATA_DIR). */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'grader.sqlite');
}

/** Where online backups of it go (store/backups.ts). */
export function backupDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/**
 * Modes of the database, its WAL and backups, and their directories: they hold password hashes,
 * webhook secrets and every submission, so no other user of the host may read them (the
 * files were 0644, a newcomer found).
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Opens (creating if needed) the SQLite file, the owner's alone, and brings its schema up to date. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    // Created empty with the owner's mode first: SQLite gives its WAL and shared-memory files the same.
    fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  }
  const db = new Database(file);
  cacheStatements(db, LIMITS.store.preparedStatements);
  // WAL lets readers (HTTP requests) proceed while the recorder writes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`The database schema (version ${current}) is newer than this program (${MIGRATIONS.length}).`);
  }
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}

/**
 * Makes `db.prepare` hand back the statement already prepared for the same text (the least
 * recently used one goes beyond `capacity`), so that the stores can keep writing
 * `db.prepare(sql).get(...)` at the point of use and pay SQLite's compilation once. Safe with
 * better-sqlite3 because a statement runs to completion synchronously and no store changes a
 * statement's mode (pluck, raw, expand, safeIntegers would stick to the shared statement:
 * database.test.ts fails if one does).
 */
function cacheStatements(db: Db, capacity: number): void {
  const prepare = db.prepare.bind(db);
  const prepared = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    let statement = prepared.get(source);
    if (statement) prepared.delete(source);
    else statement = prepare(source);
    prepared.set(source, statement); // most recently used last
    if (prepared.size > capacity) prepared.delete(prepared.keys().next().value!);
    return statement;
  }) as Db['prepare'];
}
