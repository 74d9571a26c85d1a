import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { ApiClient } from '../support/http';
import { REPO_ROOT } from '../support/pipeline';
import { until } from '../support/wait';

const EXERCISE = 'sql-revenue-by-customer';
const REFERENCE = { 'query.sql': fs.readFileSync(path.join(REPO_ROOT, 'exercises', EXERCISE, 'solution/query.sql'), 'utf8') };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * `npm start` as an operator runs it (scripts/start.ts: provisioning, then the API and one worker
 * under the supervisor), on a port and data folder of its own. A worker killed by SIGKILL in the
 * middle of a burst comes back by itself; the gradings it held return to the queue when their
 * locks lapse (5 s here, GRADER_JOB_LOCK_MS), and every submission is graded once, in full.
 */
it('brings a killed worker back while the API keeps serving, and loses no submission of a burst', async () => {
  const since = Math.floor(Date.now() / 1000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grader-npm-start-'));
  const port = await freePort();
  let out = '';
  let err = '';
  const start: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'start.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      GRADER_PORT: String(port),
      GRADER_DATA_DIR: dataDir,
      GRADER_QUEUE_PREFIX: `test-start-${randomBytes(4).toString('hex')}`,
      GRADER_JOB_LOCK_MS: '5000',
      GRADER_QUEUED_PER_USER: '100',
      GRADER_CANARY_EVERY_S: '0',
      GRADER_BACKUP_EVERY_MINUTES: '0',
      GRADER_LOG_PRETTY: 'false',
      GRADER_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  start.stdout!.on('data', (chunk) => (out += chunk));
  start.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => start.on('exit', (code) => resolve(code)));
  try {
    const workerPid = () => {
      const ready = out.split('\n').filter((line) => line.includes('"msg":"worker ready"'));
      return ready.length === 0 ? undefined : (JSON.parse(ready[ready.length - 1]!) as { pid: number }).pid;
    };
    await until(async () => workerPid() !== undefined && out.includes('"msg":"API listening"'), 120_000, 'npm start serving with its worker ready');
    await until(async () => out.includes('▶ grader running on'), 30_000, "npm start's banner");
    const url = `http://127.0.0.1:${port}`;
    const admin = new ApiClient(url, fs.readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim());
    const created = await admin.request('POST', '/api/users', { username: 'ada', displayName: 'Ada', role: 'student' });
    const student = new ApiClient(url, created.body.token);

    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await student.submit(EXERCISE, REFERENCE)).body.id);
    const killed = workerPid()!;
    process.kill(killed, 'SIGKILL');
    // The API keeps serving meanwhile.
    for (let i = 0; i < 2; i++) {
      const accepted = await student.submit(EXERCISE, REFERENCE);
      expect(accepted.status).toBe(202);
      ids.push(accepted.body.id);
    }
    await until(async () => /↻ worker restarted \(pid \d+\)/.test(err), 60_000, 'the worker restarted by the supervisor');
    expect(err).toMatch(/✗ worker was killed by SIGKILL after/);

    const grades = [];
    for (const id of ids) grades.push(await student.waitForGrade(id, 120_000));
    expect(grades.map((g) => [g.status, g.score])).toEqual(ids.map(() => ['graded', 10]));
  } finally {
    start.kill('SIGTERM');
    const code = await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
    // The killed worker's warm containers ended when their attach closed; a worker's sweep would
    // remove them a minute later (stale-containers.ts), the test does it now.
    const docker = new Docker({ socketPath: process.env.GRADER_DOCKER_SOCKET ?? '/var/run/docker.sock' });
    const left = await docker.listContainers({ all: true, filters: { label: ['grader.pooled=true'], status: ['exited'] } });
    await Promise.all(left.filter((c) => c.Created >= since).map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
    expect(code).toBe(0);
  }
});

it('says it is running only once the API listens: a port already taken ends in exit code 1 without the banner', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grader-npm-start-'));
  const taken = net.createServer(() => undefined);
  const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as net.AddressInfo).port)));
  try {
    const start = npmStart({ GRADER_PORT: String(port), GRADER_DATA_DIR: dataDir, GRADER_QUEUE_PREFIX: `test-start-${randomBytes(4).toString('hex')}` });
    expect(await start.exited).toBe(1);
    expect(start.output()).not.toContain('▶ grader running on');
  } finally {
    taken.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** `npm start` on a data folder, port and queue prefix given, output kept; stop() sends SIGTERM and resolves with the exit code. */
function npmStart(env: Record<string, string>) {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'start.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, GRADER_CANARY_EVERY_S: '0', GRADER_BACKUP_EVERY_MINUTES: '0', GRADER_LOG_PRETTY: 'false', GRADER_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    ready: () => until(async () => out.includes('"msg":"worker ready"') && out.includes('"msg":"API listening"'), 120_000, 'npm start serving with its worker ready'),
    stop: () => (child.kill('SIGTERM'), exited),
    exited,
    output: () => out,
  };
}

it('lets a grading under way finish on SIGTERM, exits 0, and the restarted service shows its grade: nothing lost', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grader-npm-start-'));
  const env = { GRADER_PORT: String(await freePort()), GRADER_DATA_DIR: dataDir, GRADER_QUEUE_PREFIX: `test-start-${randomBytes(4).toString('hex')}` };
  const url = `http://127.0.0.1:${env.GRADER_PORT}`;
  const solution = fs.readFileSync(path.join(REPO_ROOT, 'exercises', 'rest-books-crud', 'solution', 'app.js'), 'utf8');
  try {
    const first = npmStart(env);
    await first.ready();
    const admin = new ApiClient(url, fs.readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim());
    const student = new ApiClient(url, (await admin.request('POST', '/api/users', { username: 'ada', displayName: 'Ada', role: 'student' })).body.token);
    const { id } = (await student.submit('rest-books-crud', { 'app.js': solution })).body;
    await until(async () => (await student.request('GET', `/api/submissions/${id}`)).body.status === 'running', 60_000, 'the grading under way');
    expect(await first.stop()).toBe(0);

    const second = npmStart(env);
    await second.ready();
    try {
      const graded = await student.waitForGrade(id, 120_000);
      expect(graded).toMatchObject({ status: 'graded', verdict: 'accepted' });
      expect(graded.score).toBe(graded.maxScore);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
