import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Backups, restoreBackup } from './backups';
import { openDatabase } from '../store/database';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grader-backups-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function count(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function addUser(db: ReturnType<typeof openDatabase>, name: string): void {
  db.prepare("INSERT INTO users (id, username, display_name, role, webhook_secret, created_at) VALUES (?, ?, ?, 'student', 's', '2026-12-02T00:00:00.000Z')").run(name, name, name);
}

describe('online backups of the database', () => {
  it('copies the live database, WAL included, into a whole file named by its time', async () => {
    const db = openDatabase(path.join(dir, 'grader.sqlite'));
    addUser(db, 'ada');
    const backups = new Backups(db, path.join(dir, 'backups'), 3);
    const taken = await backups.take();
    expect(taken.name).toMatch(/^grader-\d{8}T\d{9}Z\.sqlite$/);
    expect(backups.list()).toEqual([expect.objectContaining({ name: taken.name, bytes: taken.bytes })]);
    expect(count(path.join(backups.dir, taken.name))).toBe(1);
    expect(fs.readdirSync(backups.dir).filter((n) => n.includes('partial'))).toEqual([]);
    db.close();
  });

  it("keeps the database, its WAL and every backup the owner's alone (they hold secrets)", async () => {
    const file = path.join(dir, 'grader.sqlite');
    const db = openDatabase(file);
    addUser(db, 'ada');
    const backups = new Backups(db, path.join(dir, 'backups'), 3);
    const taken = await backups.take();
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect({ database: mode(file), wal: mode(`${file}-wal`), backups: mode(backups.dir), backup: mode(path.join(backups.dir, taken.name)) }).toEqual({ database: 0o600, wal: 0o600, backups: 0o700, backup: 0o600 });
    db.close();
  });

  it('keeps the newest ones up to its limit', async () => {
    const db = openDatabase(path.join(dir, 'grader.sqlite'));
    const backups = new Backups(db, path.join(dir, 'backups'), 2);
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      names.push((await backups.take()).name);
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct times in the names
    }
    expect(backups.list().map((b) => b.name)).toEqual([names[3], names[2]]);
    db.close();
  });
});

describe('restoring a backup', () => {
  it('puts the backup in place of the database, keeping the replaced file and dropping its WAL', async () => {
    const file = path.join(dir, 'grader.sqlite');
    const db = openDatabase(file);
    addUser(db, 'ada');
    const backups = new Backups(db, path.join(dir, 'backups'), 3);
    const taken = await backups.take();
    addUser(db, 'grace'); // written after the backup, in the WAL
    db.close();
    const { keptAs } = restoreBackup(path.join(backups.dir, taken.name), file);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(count(file)).toBe(1);
    expect(count(keptAs!)).toBe(2);
    const reopened = openDatabase(file);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('refuses while another process holds the database open (the API still running), and changes nothing', async () => {
    const file = path.join(dir, 'grader.sqlite');
    const db = openDatabase(file);
    addUser(db, 'ada');
    const taken = await new Backups(db, path.join(dir, 'backups'), 3).take();
    db.close();
    // A running API: another process with the file open.
    const holder = spawn(process.execPath, ['-e', `const D = require('better-sqlite3'); const d = new D(${JSON.stringify(file)}); d.prepare('SELECT 1').get(); console.log('open'); setInterval(() => {}, 1000);`], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.once('data', () => resolve());
        holder.once('exit', (code) => reject(new Error(`the holder exited (${code})`)));
      });
      expect(() => restoreBackup(path.join(dir, 'backups', taken.name), file)).toThrow(new RegExp(`is open in process ${holder.pid}: stop the API`));
      expect(fs.readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('refuses a file that is not a sound database and changes nothing', () => {
    const file = path.join(dir, 'grader.sqlite');
    const db = openDatabase(file);
    addUser(db, 'ada');
    db.close();
    const bogus = path.join(dir, 'bogus.sqlite');
    fs.writeFileSync(bogus, 'not a database at all, just text'.repeat(200));
    expect(() => restoreBackup(bogus, file)).toThrow();
    expect(count(file)).toBe(1);
    expect(fs.readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
  });
});
