import { chownSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { STUDENT } from '../../container-layout';
import { AppDatabaseProblem, readAppDatabase } from './app-database';

const asRoot = process.getuid?.() === 0;
let dir: string;
let work: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'app-db-'));
  work = mkdtempSync(path.join(os.tmpdir(), 'app-db-work-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

function studentDatabase(name: string, sql: string, wal = false): string {
  const file = path.join(dir, name);
  const db = new Database(file);
  if (wal) db.pragma('journal_mode = WAL');
  db.exec(sql);
  if (!wal) db.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chownSync(f, STUDENT.uid, STUDENT.gid);
    } catch {
      /* no WAL */
    }
  }
  return file;
}

const rows = (file: string, sql: string) => readAppDatabase(file, (db) => db.prepare(sql).all(), work);

(asRoot ? describe : describe.skip)("the app's database, read as the harness (root) reads it", () => {
  it('reads a copy, the write-ahead log included, and leaves no copy behind', () => {
    const file = studentDatabase('app.db', "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO users (email) VALUES ('ada@example.com');", true);
    expect(rows(file, 'SELECT email FROM users')).toEqual([{ email: 'ada@example.com' }]);
    expect(existsSync(work)).toBe(false);
  });

  it('drops views: a "table" the tests read must be one', () => {
    const file = studentDatabase('app.db', "CREATE TABLE real (h TEXT); CREATE VIEW users AS SELECT '$2b$10$fake' AS password_hash;");
    expect(() => rows(file, 'SELECT password_hash FROM users')).toThrow(/no such table: users/);
  });

  it('refuses a symbolic link, and reads nothing through it', () => {
    const secret = path.join(work, '..', `grader-secret-${process.pid}`);
    writeFileSync(secret, 'hidden test data');
    const link = path.join(dir, 'app.db');
    symlinkSync(secret, link);
    try {
      expect(() => rows(link, 'SELECT 1')).toThrow(/symbolic link/);
    } finally {
      rmSync(secret, { force: true });
    }
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const fifo = path.join(dir, 'app.db');
    execFileSync('mkfifo', [fifo]);
    chownSync(fifo, STUDENT.uid, STUDENT.gid);
    expect(() => rows(fifo, 'SELECT 1')).toThrow(/not a regular file/);
  });

  it("refuses a file that is not the student's", () => {
    const file = path.join(dir, 'app.db');
    new Database(file).close();
    expect(() => rows(file, 'SELECT 1')).toThrow(AppDatabaseProblem);
    expect(() => rows(file, 'SELECT 1')).toThrow(/not a file your app made/);
  });

  it('says so when there is no database yet', () => {
    expect(() => rows(path.join(dir, 'missing.db'), 'SELECT 1')).toThrow(/no database at DATABASE_PATH/);
  });
});
