import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { executeQuery, QUERY_REFUSALS } from './execute-query';

describe('executeQuery', () => {
  let dir: string;
  let db: Database.Database;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'execute-query-'));
    const file = path.join(dir, 'test.sqlite');
    const writer = new Database(file);
    writer.exec("CREATE TABLE t(id INTEGER, name TEXT, data BLOB, r REAL); INSERT INTO t VALUES (1, 'a', x'00ff', 1.5), (2, 'b', NULL, 1e999);");
    writer.close();
    db = new Database(file, { readonly: true, fileMustExist: true });
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the column names and the rows, with blobs and infinities tagged', () => {
    expect(executeQuery(db, 'SELECT id, name, data, r FROM t ORDER BY id', 100)).toEqual({
      kind: 'ok',
      columns: ['id', 'name', 'data', 'r'],
      rows: [
        [1, 'a', { blob: '00ff' }, 1.5],
        [2, 'b', null, { real: 'Infinity' }],
      ],
    });
  });

  it('reports a syntax error at the prepare stage with SQLite’s message', () => {
    expect(executeQuery(db, 'SELEC 1', 100)).toMatchObject({ kind: 'error', stage: 'prepare', message: 'near "SELEC": syntax error' });
  });

  it('refuses more than one statement', () => {
    expect(executeQuery(db, 'SELECT 1; SELECT 2', 100)).toMatchObject({ kind: 'error', stage: 'prepare', code: QUERY_REFUSALS.multipleStatements });
  });

  it('allows a trailing semicolon and comment', () => {
    expect(executeQuery(db, 'SELECT 1 AS one; -- the end', 100)).toEqual({ kind: 'ok', columns: ['one'], rows: [[1]] });
  });

  it('calls a blank or comment-only query empty', () => {
    expect(executeQuery(db, '  \n', 100)).toMatchObject({ code: QUERY_REFUSALS.empty });
    expect(executeQuery(db, '-- nothing', 100)).toMatchObject({ code: QUERY_REFUSALS.empty });
  });

  it('refuses ATTACH, which SQLite counts as read-only, because it returns no rows', () => {
    const target = path.join(dir, 'attached.sqlite');
    expect(executeQuery(db, `ATTACH DATABASE '${target}' AS x`, 100)).toMatchObject({ kind: 'error', stage: 'check', code: QUERY_REFUSALS.notAReader });
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a write that returns rows (RETURNING)', () => {
    expect(executeQuery(db, 'DELETE FROM t RETURNING id', 100)).toMatchObject({ kind: 'error', stage: 'check', code: QUERY_REFUSALS.notReadOnly });
  });

  it('refuses pragmas that change settings', () => {
    expect(executeQuery(db, 'PRAGMA user_version = 5', 100)).toMatchObject({ kind: 'error', stage: 'check' });
  });

  it('stops after the row limit without computing the rest', () => {
    const endless = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x FROM r';
    expect(executeQuery(db, endless, 10)).toEqual({ kind: 'too-many-rows', limit: 10 });
  });

  it('returns exactly the limit when the result has that many rows', () => {
    const output = executeQuery(db, 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r LIMIT 10) SELECT x FROM r', 10);
    expect(output.kind === 'ok' && output.rows.length).toBe(10);
  });

  it('reports a failure while running at the run stage', () => {
    expect(executeQuery(db, 'SELECT abs(-9223372036854775808)', 100)).toMatchObject({ kind: 'error', stage: 'run', message: 'integer overflow' });
  });
});
