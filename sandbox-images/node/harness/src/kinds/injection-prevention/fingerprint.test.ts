import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fingerprint, fingerprintChanges } from './fingerprint';

describe('fingerprint', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fingerprint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function database(name: string, sql: string): string {
    const file = path.join(dir, name);
    const db = new Database(file);
    db.exec(sql);
    db.close();
    return file;
  }

  const base = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE tokens (t TEXT); INSERT INTO users VALUES (1, 'a'), (2, 'b'); INSERT INTO tokens VALUES ('x');";

  it('is the same for the same rows in another order', () => {
    const a = fingerprint(database('a.sqlite', base));
    const b = fingerprint(database('b.sqlite', "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE tokens (t TEXT); INSERT INTO users VALUES (2, 'b'), (1, 'a'); INSERT INTO tokens VALUES ('x');"));
    expect(fingerprintChanges(a, b)).toEqual([]);
  });

  it('names dropped tables, lost rows and changed rows', () => {
    const a = fingerprint(database('a.sqlite', base));
    expect(fingerprintChanges(a, fingerprint(database('b.sqlite', `${base} DROP TABLE tokens;`)))).toEqual(['the table tokens was dropped']);
    expect(fingerprintChanges(a, fingerprint(database('c.sqlite', `${base} DELETE FROM users;`)))).toEqual(['the table users lost 2 rows']);
    expect(fingerprintChanges(a, fingerprint(database('d.sqlite', `${base} UPDATE users SET name = 'z';`)))).toEqual(['rows of the table users were changed']);
    expect(fingerprintChanges(a, fingerprint(database('e.sqlite', `${base} CREATE TABLE evil (x);`)))).toEqual(['a table evil was created']);
    expect(fingerprintChanges(a, fingerprint(database('f.sqlite', `${base} CREATE INDEX i ON users (name);`)))).toEqual(["the database's schema was changed"]);
  });
});
