/**
 * The injection runner, bundled as in the image and driven through its protocol as the harness
 * does (here as the harness's own user, outside a container): a fixed test's one request, and a
 * generated check's session of cases on one Database object. What it reports of the SQL the
 * calls prepared and of where their errors came from is what taint and the SQL-error check judge.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { InjectionSession, type SessionEvent } from '../generated/session';
import { resetDatabase } from '../generated/student-side';
import type { CallOutcome, RunnerReport } from '../call-outcome';
import { INJECTION_REPORT_MARKER, type InjectionCallRequest, type InjectionRequest } from '../runner-protocol';
import { CappedOutput } from '../../../common/process/capped-output';
import type { StudentProcessOutcome, StudentProcessRequest } from '../../../common/process/run-as-student';

const REPO_ROOT = path.resolve(__dirname, '../../../../../../..');
const OUT_DIR = path.join(REPO_ROOT, '.build', 'test-injection-runner');
const RUNNER = path.join(OUT_DIR, 'injection-runner.js');
const ENV = { NODE_PATH: path.join(REPO_ROOT, 'node_modules') };

/** runAsStudent's contract with this machine's Node, as the harness's user: enough for the protocol. */
function launch(request: StudentProcessRequest): Promise<StudentProcessOutcome> {
  const stdout = new CappedOutput(request.stdoutCapBytes);
  const stderr = new CappedOutput(request.stderrCapBytes);
  const started = performance.now();
  const child = spawn(process.execPath, request.args, { cwd: request.cwd, env: { ...process.env, ...request.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let timedOut = false;
  let stopped = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, request.timeoutMs);
  request.signal?.addEventListener('abort', () => {
    stopped = true;
    child.kill('SIGKILL');
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    request.onStdout?.(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  request.onSpawn?.(child);
  return new Promise((resolve) =>
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, timedOut, stopped, outputLimitExceeded: false, memoryKilled: false, processLimitHit: false, stdout, stderr, durationMs: performance.now() - started });
    }),
  );
}

let dir: string;
let base: string;

const MODULE = `
const cache = {};
exports.byRole = (db, role) => db.prepare('SELECT id FROM users WHERE role = ? ORDER BY id').all(role);
exports.pasted = (db, role) => db.prepare("SELECT id FROM users WHERE role = '" + role + "'").all();
exports.own = () => { throw new Error('Malformed role: syntax error near "OR"'); };
exports.rethrown = (db, role) => { try { return db.prepare("SELECT id FROM users WHERE role = '" + role + "'").all(); } catch (e) { throw new Error('lookup failed: ' + e.message); } };
exports.returnsError = (db, role) => { try { return db.prepare("SELECT id FROM users WHERE role = '" + role + "'").all(); } catch (e) { return { error: e.message }; } };
exports.stacked = (db, sql) => db.prepare(sql).all();
exports.cached = (db, role) => (cache.s ??= db.prepare('SELECT count(*) AS n FROM users WHERE role = ?')).get(role).n;
exports.remove = (db) => db.prepare('DELETE FROM users').run().changes;
exports.count = (db) => db.prepare('SELECT count(*) AS n FROM users').get().n;
exports.own_db = (db, role) => { const Db = require('better-sqlite3'); const mine = new Db(db.name); try { return mine.prepare("SELECT count(*) AS n FROM users WHERE role = '" + role + "'").get().n; } finally { mine.close(); } };
exports.hangs = () => new Promise(() => undefined);
`;

beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  await build({ entryPoints: [path.join(__dirname, 'injection-runner.ts')], outfile: RUNNER, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'injection-runner-'));
  writeFileSync(path.join(dir, 'repository.js'), MODULE);
  base = path.join(dir, 'base.sqlite');
  const db = new Database(base);
  db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, role TEXT); INSERT INTO users (role) VALUES ('admin'), ('customer'), ('customer');");
  db.close();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const call = (fn: string, ...args: unknown[]): InjectionCallRequest => ({ fn, args: args.map((value) => ({ value })) });

function session(): InjectionSession {
  resetDatabase(base, path.join(dir, 'case.sqlite'), 0);
  return new InjectionSession({ module: path.join(dir, 'repository.js'), database: path.join(dir, 'case.sqlite'), nonce: 'n0nce', maxResultBytes: 65536, outputBytes: 65536, lifetimeMs: 60_000, runnerPath: RUNNER, cwd: dir, env: ENV, trusted: true, launch });
}

let cases = 0;
async function runCase(s: InjectionSession, calls: InjectionCallRequest[], markers: string[] = ['zqmark']): Promise<Extract<RunnerReport, { kind: 'calls' }>> {
  resetDatabase(base, path.join(dir, 'case.sqlite'), ++cases);
  const event = await s.run({ calls, markers }, 10_000);
  if (event.kind !== 'report' || event.report.kind !== 'calls') throw new Error(`no report: ${JSON.stringify(event)}`);
  return event.report;
}

describe('the injection runner in a session', () => {
  let s: InjectionSession;
  beforeAll(async () => {
    s = session();
    expect(await s.loaded(20_000)).toEqual({ kind: 'loaded' });
  }, 30_000);
  afterAll(async () => {
    await s.close();
  });

  it('reports the SQL text each call prepared, with the taint marker where the input was pasted', async () => {
    const report = await runCase(s, [call('byRole', 'zqmark'), call('pasted', 'zqmark')]);
    expect(report.outcomes).toEqual([{ kind: 'returned', value: [] }, { kind: 'returned', value: [] }]);
    expect(report.sql).toEqual([['SELECT id FROM users WHERE role = ? ORDER BY id'], ["SELECT id FROM users WHERE role = 'zqmark'"]]);
  });

  it('sees SQL prepared on a Database the code opened itself', async () => {
    const report = await runCase(s, [call('own_db', 'ZQMARK')]);
    expect(report.sql).toEqual([["SELECT count(*) AS n FROM users WHERE role = 'ZQMARK'"]]);
  });

  it("tells the database's errors from the code's own by where they came from, not by their words", async () => {
    const report = await runCase(s, [call('pasted', "x' OR"), call('own', 'x'), call('rethrown', "x' OR"), call('returnsError', "x' OR"), call('stacked', 'SELECT 1; SELECT 2')]);
    const [pasted, own, rethrown, returned, stacked] = report.outcomes as CallOutcome[];
    expect(pasted).toMatchObject({ kind: 'threw', name: 'SqliteError', fromDatabase: true });
    expect(own).toEqual({ kind: 'threw', name: 'Error', message: 'Malformed role: syntax error near "OR"' });
    expect(rethrown).toMatchObject({ kind: 'threw', name: 'Error', message: expect.stringMatching(/^lookup failed: /), fromDatabase: true });
    expect(returned).toMatchObject({ kind: 'returned', databaseError: expect.any(String) });
    // better-sqlite3's own refusal (a RangeError) is the database's too.
    expect(stacked).toMatchObject({ kind: 'threw', name: 'RangeError', fromDatabase: true });
  });

  it('starts each case from the state the harness wrote, on the same Database object', async () => {
    expect((await runCase(s, [call('cached', 'customer'), call('remove'), call('count')])).outcomes).toEqual([
      { kind: 'returned', value: 2 },
      { kind: 'returned', value: 3 },
      { kind: 'returned', value: 0 },
    ]);
    // A statement cached in the module by the previous case still works, on the fresh data.
    expect((await runCase(s, [call('cached', 'customer'), call('count')])).outcomes).toEqual([
      { kind: 'returned', value: 2 },
      { kind: 'returned', value: 3 },
    ]);
  });
});

describe('resetting the database between cases', () => {
  it('keeps the file, its inode and its mode (writable by the student), and gives it a change counter of its own', () => {
    const file = path.join(dir, 'reset.sqlite');
    resetDatabase(base, file, 1);
    chmodSync(file, 0o666);
    const before = statSync(file);
    resetDatabase(base, file, 2);
    const after = statSync(file);
    expect({ ino: after.ino, mode: after.mode & 0o777 }).toEqual({ ino: before.ino, mode: 0o666 });
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 3 });
    db.close();
  });
});

describe('a session case that never returns', () => {
  it('is a time-out, and the process is gone', async () => {
    const s = session();
    expect(await s.loaded(20_000)).toEqual({ kind: 'loaded' });
    resetDatabase(base, path.join(dir, 'case.sqlite'), 1);
    const event: SessionEvent = await s.run({ calls: [call('hangs')], markers: [] }, 300);
    expect(event.kind).toBe('timeout');
    expect(s.alive).toBe(false);
  }, 30_000);
});

describe('the injection runner for a fixed test', () => {
  it('makes the calls of its one request and reports them with their SQL', async () => {
    resetDatabase(base, path.join(dir, 'fixed.sqlite'), 0);
    const request: InjectionRequest = { nonce: 'fixed', module: path.join(dir, 'repository.js'), database: path.join(dir, 'fixed.sqlite'), calls: [call('pasted', 'admin')], maxResultBytes: 65536 };
    const outcome = await launch({ args: [RUNNER], cwd: dir, timeoutMs: 20_000, stdoutCapBytes: 1 << 20, stderrCapBytes: 65536, env: ENV, stdin: 'pipe', trusted: true, onSpawn: (c) => c.stdin?.end(JSON.stringify(request)) });
    const text = outcome.stdout.text();
    const marker = `${INJECTION_REPORT_MARKER}fixed\n`;
    const report = JSON.parse(text.slice(text.lastIndexOf(marker) + marker.length).split('\n')[0]!) as RunnerReport;
    expect(report).toEqual({ kind: 'calls', outcomes: [{ kind: 'returned', value: [{ id: 1 }] }], sql: [["SELECT id FROM users WHERE role = 'admin'"]] });
  }, 30_000);
});
