/**
 * The PostgreSQL runner, bundled as in the image and driven through its line protocol, on the
 * host's PostgreSQL 15 (Debian's, as in the image: provisioning installs it): its cluster made
 * here, as in the image's build, by a uid that is not root (PostgreSQL refuses root).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { QUERY_REFUSALS } from '../execute-query';
import { lineAndColumn } from '../postgres/pg-execute';
import { PG_LINE_PREFIX, PG_LOADED, PG_READY, type PgResponse } from '../postgres/pg-protocol';

const REPO_ROOT = path.resolve(__dirname, '../../../../../../..');
const OUT_DIR = path.join(REPO_ROOT, '.build', 'test-pg-runner');

let runner: ChildProcessWithoutNullStreams;
let workDir: string;
/** Root (as CI runs) runs the runner as nobody: PostgreSQL refuses to run as root. */
const NOBODY = 65_534;
const asServerUser = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
let lines: AsyncIterator<string>;

async function nextLine(): Promise<string> {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) throw new Error('the runner ended');
    if (value.startsWith(PG_LINE_PREFIX)) return value.slice(PG_LINE_PREFIX.length);
  }
}

/** Sends one request; the LOADED line comes first unless the dataset fails. */
async function ask(dataset: string, query: string, schema?: string): Promise<PgResponse> {
  runner.stdin.write(`${JSON.stringify({ dataset, query, schema })}\n`);
  let line = await nextLine();
  if (line === PG_LOADED) line = await nextLine();
  return JSON.parse(line) as PgResponse;
}

const TABLE = `CREATE TABLE t (id integer PRIMARY KEY, name text, price numeric(8,2), ok boolean, day date, data bytea);
  INSERT INTO t VALUES (1, 'a', 12.50, true, '2024-03-01', '\\x00ff'), (2, 'b', NULL, false, NULL, NULL);
  CREATE SEQUENCE s;`;

beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = path.join(OUT_DIR, 'pg-runner.js');
  await build({ entryPoints: [path.join(__dirname, 'pg-runner.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  workDir = mkdtempSync(path.join(tmpdir(), 'pg-runner-test-'));
  chmodSync(workDir, 0o777);
  const cluster = path.join(workDir, 'cluster');
  const made = spawnSync(process.execPath, [outfile, '--make-cluster', cluster], { ...asServerUser, stdio: ['ignore', 'inherit', 'inherit'] });
  expect(made.status).toBe(0);
  runner = spawn(process.execPath, [outfile, cluster, '10', workDir], { ...asServerUser, stdio: ['pipe', 'pipe', 'pipe'] });
  lines = createInterface({ input: runner.stdout })[Symbol.asyncIterator]();
  expect(await nextLine()).toBe(PG_READY);
}, 60_000);

afterAll(async () => {
  const ended = new Promise((resolve) => runner.once('exit', resolve));
  runner.stdin.end();
  await ended;
  rmSync(workDir, { recursive: true, force: true });
});

describe('the PostgreSQL runner', () => {
  it('returns column names and rows, values normalised by type', async () => {
    expect(await ask(TABLE, 'SELECT id, name, price, ok, day, data, count(*) OVER () AS n FROM t ORDER BY id')).toEqual({
      kind: 'ok',
      columns: ['id', 'name', 'price', 'ok', 'day', 'data', 'n'],
      rows: [
        [1, 'a', 12.5, true, '2024-03-01', { blob: '00ff' }, 2],
        [2, 'b', null, false, null, null, 2],
      ],
    });
  });

  it('starts each request from an empty database', async () => {
    expect(await ask('SELECT 1;', 'SELECT * FROM t')).toMatchObject({ kind: 'error', stage: 'prepare', code: '42P01', message: 'relation "t" does not exist (line 1, column 15)' });
  });

  it('allows a trailing semicolon and comment', async () => {
    expect(await ask('', 'SELECT 1 AS one; -- the end')).toEqual({ kind: 'ok', columns: ['one'], rows: [[1]] });
  });

  it('reports a syntax error with its line and column in the student’s text', async () => {
    expect(await ask(TABLE, 'SELECT *\nFORM t')).toMatchObject({ kind: 'error', stage: 'prepare', code: '42601', message: 'syntax error at or near "FORM" (line 2, column 1)' });
  });

  it('refuses more than one statement, and an empty query', async () => {
    expect(await ask(TABLE, 'SELECT 1; DROP TABLE t')).toMatchObject({ code: QUERY_REFUSALS.multipleStatements });
    expect(await ask(TABLE, ' -- nothing\n;')).toMatchObject({ code: QUERY_REFUSALS.empty });
  });

  it('refuses statements that are not queries, without running them', async () => {
    expect(await ask(TABLE, 'DELETE FROM t')).toMatchObject({ stage: 'check', code: QUERY_REFUSALS.notReadOnly });
    expect(await ask(TABLE, 'DELETE FROM t RETURNING id')).toMatchObject({ stage: 'check', code: QUERY_REFUSALS.notReadOnly });
    expect(await ask(TABLE, 'WITH gone AS (DELETE FROM t RETURNING id) SELECT * FROM gone')).toMatchObject({ code: QUERY_REFUSALS.notReadOnly });
    expect(await ask(TABLE, 'SHOW search_path')).toMatchObject({ stage: 'check', code: QUERY_REFUSALS.notAReader });
    expect(await ask(TABLE, 'EXPLAIN SELECT * FROM t')).toMatchObject({ stage: 'check', code: QUERY_REFUSALS.notAReader });
    expect(await ask(TABLE, "COPY t TO '/tmp/x'")).toMatchObject({ stage: 'check', code: QUERY_REFUSALS.notReadOnly });
    expect(await ask(TABLE, 'SET ROLE postgres')).toMatchObject({ stage: 'check' });
    expect(await ask(TABLE, "DO $$ BEGIN DELETE FROM t; END $$")).toMatchObject({ stage: 'check' });
    expect(await ask(TABLE, 'SELECT $1::int')).toMatchObject({ code: QUERY_REFUSALS.parameters });
  });

  it('fails functions that write: the transaction is read-only, and the role may not', async () => {
    expect(await ask(TABLE, "SELECT nextval('s')")).toMatchObject({ kind: 'error', stage: 'run', message: expect.stringMatching(/read-only transaction|permission denied/) });
    expect(await ask(TABLE, "SELECT set_config('transaction_read_only', 'off', true)")).toMatchObject({ kind: 'error', stage: 'run' });
  });

  it('runs the query as a role that may only read: no way back to the superuser, no server files', async () => {
    expect(await ask(TABLE, 'SELECT current_user AS u, session_user AS s')).toEqual({ kind: 'ok', columns: ['u', 's'], rows: [['student', 'student']] });
    expect(await ask(TABLE, "SELECT set_config('role', 'grader', false)")).toMatchObject({ kind: 'error', stage: 'run', code: '42501' });
    expect(await ask(TABLE, "SELECT set_config('session_authorization', 'grader', false)")).toMatchObject({ kind: 'error', stage: 'run', code: '42501' });
    expect(await ask(TABLE, "SELECT pg_read_file('PG_VERSION')")).toMatchObject({ kind: 'error', code: '42501' });
    expect(await ask(TABLE, "SELECT pg_ls_dir('.')")).toMatchObject({ kind: 'error', code: '42501' });
  });

  it('refuses the functions that write large objects, which a read-only transaction lets through', async () => {
    expect(await ask(TABLE, "SELECT lo_from_bytea(0, 'x'::bytea)")).toMatchObject({ kind: 'error', code: '42501' });
    expect(await ask(TABLE, 'SELECT lo_create(0)')).toMatchObject({ kind: 'error', code: '42501' });
  });

  it("takes an error the server reports only at the transaction's end as the query's (a huge value past temp_file_limit)", async () => {
    expect(await ask('', "SELECT repeat('z', 50000000) AS z")).toMatchObject({ kind: 'error', stage: 'run', code: '53400' });
    expect(await ask('', 'SELECT 1 AS x')).toEqual({ kind: 'ok', columns: ['x'], rows: [[1]] });
  });

  it('lets the query read tables and views of any schema the dataset makes', async () => {
    const dataset = 'CREATE SCHEMA shop; CREATE TABLE shop.item (n int); INSERT INTO shop.item VALUES (7); CREATE VIEW v AS SELECT n * 2 AS m FROM shop.item;';
    expect(await ask(dataset, 'SELECT i.n, v.m FROM shop.item i, v')).toEqual({ kind: 'ok', columns: ['n', 'm'], rows: [[7, 14]] });
  });

  it('sees the rows of a dataset that leaves its transaction open', async () => {
    expect(await ask('BEGIN; CREATE TABLE t (n int); INSERT INTO t VALUES (1);', 'SELECT n FROM t')).toEqual({ kind: 'ok', columns: ['n'], rows: [[1]] });
  });

  it('keeps a shared schema while the same one follows, each request seeing only its own rows', async () => {
    const schema = 'CREATE TABLE g (n int PRIMARY KEY);';
    expect(await ask('INSERT INTO g VALUES (1), (2);', 'SELECT count(*) AS c FROM g', schema)).toEqual({ kind: 'ok', columns: ['c'], rows: [[2]] });
    expect(await ask('INSERT INTO g VALUES (2);', 'SELECT n FROM g', schema)).toEqual({ kind: 'ok', columns: ['n'], rows: [[2]] });
    expect(await ask('', 'SELECT count(*) AS c FROM g', schema)).toEqual({ kind: 'ok', columns: ['c'], rows: [[0]] });
  });

  it('empties the database when a request without that schema follows', async () => {
    await ask('INSERT INTO g VALUES (1);', 'SELECT n FROM g', 'CREATE TABLE g (n int);');
    expect(await ask('', 'SELECT * FROM g')).toMatchObject({ kind: 'error', code: '42P01' });
    await ask('', 'SELECT 1 AS x', 'CREATE TABLE g (n int);');
    expect(await ask('', 'SELECT * FROM g', 'CREATE TABLE h (n int);')).toMatchObject({ kind: 'error', code: '42P01' });
  });

  it('empties the database after a dataset that committed itself', async () => {
    expect(await ask('CREATE TABLE c (n int); COMMIT; INSERT INTO c VALUES (1);', 'SELECT n FROM c')).toEqual({ kind: 'ok', columns: ['n'], rows: [[1]] });
    expect(await ask('', 'SELECT * FROM c')).toMatchObject({ kind: 'error', code: '42P01' });
  });

  it('reports an error while running at the run stage', async () => {
    expect(await ask(TABLE, 'SELECT 1 / 0')).toMatchObject({ kind: 'error', stage: 'run', code: '22012', message: 'division by zero' });
    expect(await ask(TABLE, 'SELECT 10 / (id - 1) FROM t')).toMatchObject({ kind: 'error', stage: 'run', code: '22012' });
  });

  it('stops at the row limit without computing the rest', async () => {
    // Ten billion rows if computed to the end; the cursor stops after the eleventh.
    expect(await ask('', 'SELECT a.x FROM generate_series(1, 100000) a(x) CROSS JOIN generate_series(1, 100000) b(y)')).toEqual({ kind: 'too-many-rows', limit: 10 });
  });

  it('reports a dataset that fails as the dataset’s fault', async () => {
    expect(await ask('CREATE TABLE (', 'SELECT 1')).toMatchObject({ kind: 'dataset-error' });
    expect(await ask(TABLE, 'SELECT count(*) AS n FROM t')).toEqual({ kind: 'ok', columns: ['n'], rows: [[2]] });
  });
});

describe('lineAndColumn', () => {
  it('counts lines and characters from 1', () => {
    expect(lineAndColumn('SELECT\n  x', 10)).toBe('line 2, column 3');
    expect(lineAndColumn('é x', 3)).toBe('line 1, column 3');
  });
});
