/**
 * The SQLite runner's session mode (a generated test's datasets, one request at a time),
 * bundled as in the image and driven through the PostgreSQL runner's line protocol.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { PG_LINE_PREFIX, PG_LOADED, PG_READY, type PgResponse } from '../postgres/pg-protocol';

const REPO_ROOT = path.resolve(__dirname, '../../../../../../..');
const OUT_DIR = path.join(REPO_ROOT, '.build', 'test-sql-runner');

let runner: ChildProcessWithoutNullStreams;
let lines: AsyncIterator<string>;

async function nextLine(): Promise<string> {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) throw new Error('the runner ended');
    if (value.startsWith(PG_LINE_PREFIX)) return value.slice(PG_LINE_PREFIX.length);
  }
}

async function ask(dataset: string, query: string): Promise<PgResponse> {
  runner.stdin.write(`${JSON.stringify({ dataset, query })}\n`);
  let line = await nextLine();
  if (line === PG_LOADED) line = await nextLine();
  return JSON.parse(line) as PgResponse;
}

beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = path.join(OUT_DIR, 'sql-runner.js');
  await build({ entryPoints: [path.join(__dirname, 'sql-runner.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning', nodePaths: [path.join(REPO_ROOT, 'node_modules')] });
  runner = spawn(process.execPath, [outfile, '--session', '3'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') } });
  lines = createInterface({ input: runner.stdout })[Symbol.asyncIterator]();
  expect(await nextLine()).toBe(PG_READY);
}, 60_000);

afterAll(() => {
  runner.kill('SIGKILL');
});

const TABLE = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'a'), (2, NULL);";

describe('the SQLite runner in session mode', () => {
  it('builds each dataset and runs the query on it', async () => {
    expect(await ask(TABLE, 'SELECT id, name FROM t ORDER BY id')).toEqual({ kind: 'ok', columns: ['id', 'name'], rows: [[1, 'a'], [2, null]] });
  });

  it('starts each request from an empty database', async () => {
    expect(await ask('SELECT 1;', 'SELECT * FROM t')).toMatchObject({ kind: 'error', stage: 'prepare', message: 'no such table: t' });
  });

  it('gives the query a read-only database', async () => {
    expect(await ask(TABLE, 'INSERT INTO t VALUES (3, 1) RETURNING id')).toMatchObject({ kind: 'error', stage: 'check' });
  });

  it('holds the query to the row limit', async () => {
    expect(await ask(TABLE, 'SELECT 1 FROM t, t AS u')).toEqual({ kind: 'too-many-rows', limit: 3 });
  });

  it('says when a dataset fails to load, and goes on', async () => {
    expect(await ask('CREATE TABLE;', 'SELECT 1')).toMatchObject({ kind: 'dataset-error' });
    expect(await ask(TABLE, 'SELECT count(*) AS n FROM t')).toEqual({ kind: 'ok', columns: ['n'], rows: [[2]] });
  });
});
