import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { containersOf } from '../support/containers';
import { startPipeline, type Pipeline } from '../support/pipeline';
import { until } from '../support/wait';

/**
 * The redis-cache kind's Redis server against hostile apps, through the real pipeline: each is
 * cache-product-catalog's reference with an attack run as it starts, and answers 500 to every
 * request once any part of its attack got through. Full marks thus mean that every part was
 * refused and that nothing it did harmed the grading. A probe exercise shows, from the host,
 * that the server runs inside the submission's own sandbox, one per test, and is gone after.
 */
const ROOT = path.join(__dirname, '../..');
const CATALOGUE = 'cache-product-catalog';
const REFERENCE = fs.readFileSync(path.join(ROOT, 'exercises', CATALOGUE, 'solution/app.js'), 'utf8');
const MAX_SCORE = 20;
const docker = new Docker({ socketPath: process.env.GRADER_DOCKER_SOCKET ?? '/var/run/docker.sock' });

/** The reference with `attack` (an async function body resolving true when it got through) run at start. */
function attacking(attack: string): string {
  const connect = 'const redis = new Redis(process.env.REDIS_URL);';
  const routes = 'app.use(express.json());';
  if (!REFERENCE.includes(connect) || !REFERENCE.includes(routes)) throw new Error('the reference no longer connects or sets up its app as this test expects');
  return REFERENCE.replace(connect, () => `${connect}\n  const gotThrough = (async () => {\n${attack}\n  })().catch(() => false);`).replace(
    routes,
    () => `app.use(async (req, res, next) => ((await gotThrough) ? res.status(500).json({ error: 'the attack got through' }) : next()));\n  ${routes}`,
  );
}

const HOSTILE: Array<{ threat: string; source: string }> = [
  {
    threat: 'runs the admin commands: CONFIG SET, SHUTDOWN, DEBUG SEGFAULT, MODULE LOAD, ACL SETUSER, CLIENT KILL, MONITOR, REPLICAOF, BGSAVE, RESTORE',
    source: attacking(`
    const commands = [['config', 'set', 'dir', '/tmp'], ['config', 'get', '*'], ['acl', 'setuser', 'grader', 'off'], ['acl', 'setuser', 'default', '+@all'],
      ['client', 'kill', 'user', 'grader'], ['replicaof', '10.0.0.1', '6379'], ['bgsave'], ['restore', 'k', '0', 'payload'], ['module', 'load', '/tmp/x.so'],
      ['debug', 'segfault'], ['shutdown', 'nosave'], ['monitor']];
    let through = false;
    for (const command of commands) {
      const side = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 0 });
      try { await side.call(...command); through = true; } catch {}
      side.disconnect();
    }
    try { await redis.ping(); } catch { through = true; }
    return through;`),
  },
  {
    threat: "searches every process's command line and environment and the temporary directory for the grader's Redis password, and tries each",
    source: attacking(`
    const fs = require('node:fs');
    const texts = [];
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
      for (const file of ['cmdline', 'environ']) { try { texts.push(fs.readFileSync('/proc/' + pid + '/' + file, 'latin1')); } catch {} }
    }
    for (const entry of fs.readdirSync('/tmp')) { try { for (const f of fs.readdirSync('/tmp/' + entry)) texts.push(fs.readFileSync('/tmp/' + entry + '/' + f, 'latin1')); } catch {} }
    const guesses = new Set(texts.join(' ').match(/[0-9a-f]{32,}/g) || []);
    for (const guess of guesses) {
      for (const user of ['grader', 'default', 'admin']) {
        const side = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 0 });
        try { await side.call('auth', user, guess); if ((await side.call('acl', 'whoami')) !== 'default') return true; } catch {} finally { side.disconnect(); }
      }
    }
    return false;`),
  },
  {
    threat: "reaches for the host's Redis (the queue) on the Docker bridge and by name",
    source: attacking(`
    const net = require('node:net');
    const reach = (host) => new Promise((resolve) => {
      const socket = net.connect({ host, port: 6379, timeout: 1000 }, () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
      socket.on('timeout', () => { socket.destroy(); resolve(false); });
    });
    for (const host of ['172.17.0.1', '10.0.2.2', 'host.docker.internal', 'redis']) if (await reach(host)) return true;
    return false;`),
  },
  {
    threat: 'leaves a detached process that writes into whatever Redis server it finds after its own is gone',
    source: attacking(`
    const child = require('node:child_process').spawn(process.execPath, ['-e', \`
      const Redis = require('ioredis');
      const r = new Redis(process.env.REDIS_URL, { retryStrategy: () => 20, maxRetriesPerRequest: 0 });
      let first;
      setInterval(async () => {
        try {
          const id = /run_id:(\\\\w+)/.exec(await r.info('server'))[1];
          first = first || id;
          if (id !== first) await r.set('ghost:from-an-earlier-test', '1');
        } catch {}
      }, 20);\`], { detached: true, stdio: 'ignore', env: process.env });
    child.unref();
    return false;`),
  },
];

/** `redis-cli SET observed <pid>` as the student inside the container; true when Redis answered OK. */
async function setObserved(container: string, hostPid: number): Promise<boolean> {
  try {
    const exec = await docker.getContainer(container).exec({ Cmd: ['redis-cli', '-p', '6379', 'SET', 'observed', String(hostPid)], User: '1001', AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    await new Promise((resolve) => stream.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', resolve).on('error', resolve));
    return Buffer.concat(chunks).toString('latin1').includes('OK');
  } catch {
    return false; // the container went, or was not ready for an exec
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

let pipeline: Pipeline;
let exercisesDir: string;
beforeAll(async () => {
  exercisesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-cache-attacks-'));
  fs.cpSync(path.join(ROOT, 'exercises', CATALOGUE), path.join(exercisesDir, CATALOGUE), { recursive: true });
  fs.cpSync(path.join(__dirname, 'exercises/probe-redis'), path.join(exercisesDir, 'probe-redis'), { recursive: true });
  pipeline = await startPipeline({ exercisesDir });
}, 180_000);
afterAll(async () => {
  await pipeline?.close();
  fs.rmSync(exercisesDir, { recursive: true, force: true });
});

describe("hostile redis-cache apps get nothing from their Redis server and harm nothing", () => {
  it.each(HOSTILE)('every part refused, full marks for the feature: $threat', async ({ source }) => {
    const graded = await pipeline.student.submitAndWait(CATALOGUE, { 'app.js': source });
    const graderError = graded.status === 'error' ? pipeline.graderErrorOf(graded.id) : undefined;
    const failed = (graded.tests as Array<{ name: string; status: string; message: string }>).filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.message}`);
    expect({ status: graded.status, graderError, score: graded.score, failed }).toEqual({ status: 'graded', graderError: undefined, score: MAX_SCORE, failed: [] });
  }, 240_000);

  it("fills its server's memory: a graded result, its own loss, never the grader's error", async () => {
    const flood = attacking(`
    const block = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 40; i += 1) { try { await redis.set('junk:' + i, block); } catch { break; } }
    return false;`);
    const graded = await pipeline.student.submitAndWait(CATALOGUE, { 'app.js': flood });
    expect({ status: graded.status, graderError: graded.status === 'error' ? pipeline.graderErrorOf(graded.id) : undefined }).toEqual({ status: 'graded', graderError: undefined });
    expect(graded.score).toBeLessThan(MAX_SCORE);
  }, 240_000);
});

describe("a redis-cache test's Redis server", () => {
  it("runs inside the submission's own sandbox, as its own user, one per test, and is gone with it", async () => {
    const probe = fs.readFileSync(path.join(exercisesDir, 'probe-redis/solution/app.js'), 'utf8');
    const created = await pipeline.student.submit('probe-redis', { 'app.js': probe });
    expect({ status: created.status, body: created.status === 202 ? undefined : created.body }).toEqual({ status: 202, body: undefined });
    const id = created.body.id as string;

    // Find the sandbox container and a redis-server among its processes, seen from the host; then,
    // through that very server (inside the container), tell the waiting test case it was seen.
    // Until redis-cli says OK: the server may be found before it accepts connections.
    let seen: { container: string; hostPid: number; uid: number; cgroup: string } | undefined;
    let told = false;
    while (!told) {
      seen = undefined;
      for (const container of await containersOf([id])) {
        const top = await docker.getContainer(container).top({ ps_args: '-eo pid,uid,comm' }).catch(() => undefined);
        const row = top?.Processes?.find((p: string[]) => p[2] === 'redis-server');
        // Its cgroup read while it runs (it cannot end before it is told: its test case waits).
        const cgroup = row ? readOrUndefined(`/proc/${row[0]}/cgroup`) : undefined;
        if (row && cgroup) seen = { container, hostPid: Number(row[0]), uid: Number(row[1]), cgroup };
      }
      if (seen) told = await setObserved(seen.container, seen.hostPid);
      if (!told) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!seen) throw new Error('unreachable: told without a server');
    expect(seen.uid).toBe(1003);
    expect(seen.cgroup).toContain(seen.container);

    const graded = await pipeline.student.waitForGrade(id, 240_000);
    const tests = (graded.tests as Array<{ name: string; status: string; message: string }>).map((t) => [t.name, t.status, t.status === 'passed' ? '' : t.message]);
    expect(tests).toEqual([
      ['talks to a Redis server the outside test finds in the sandbox', 'passed', ''],
      ['starts each test with a fresh, empty server', 'passed', ''],
    ]);
    // Gone afterwards: the container (removed once the grade is recorded, off the grading's path), and the server process with it.
    await until(async () => (await containersOf([id])).length === 0, 120_000, "the submission's container removed");
    const comm = fs.existsSync(`/proc/${seen.hostPid}/comm`) ? fs.readFileSync(`/proc/${seen.hostPid}/comm`, 'utf8').trim() : undefined;
    expect(comm).not.toBe('redis-server');
  }, 300_000);
});
