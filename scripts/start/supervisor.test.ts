import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RestartPolicy } from './backoff';
import { supervise, type ChildSpec, type Supervisor, type SupervisorEvent, type SupervisorOptions } from './supervisor';

// Real child processes: tiny scripts that stay up, crash, crash once, or ignore SIGTERM.
const SCRIPTS = {
  stay: `process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1 << 30);`,
  crash: `process.exit(Number(process.argv[2] ?? 1));`,
  crashOnce: `
    const fs = require('fs'); const runs = process.argv[2];
    const n = fs.existsSync(runs) ? Number(fs.readFileSync(runs, 'utf8')) : 0;
    fs.writeFileSync(runs, String(n + 1));
    if (n === 0) process.exit(3);
    process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1 << 30);`,
  stubborn: `process.on('SIGTERM', () => {}); require('fs').writeFileSync(process.argv[2], 'ready'); setInterval(() => {}, 1 << 30);`,
  listening: `process.on('SIGTERM', () => process.exit(0)); setTimeout(() => process.send({ type: 'listening', url: 'http://127.0.0.1:1' }), 50); setInterval(() => {}, 1 << 30);`,
};

/** Delays of milliseconds; a start-up window and healthy run that no real run reaches (the test clock decides). */
const FAST: RestartPolicy = { baseDelayMs: 10, maxDelayMs: 40, stableAfterMs: 600_000, startupWindowMs: 600_000, maxStartupFailures: 3 };

let dir: string;
const running: Supervisor[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervisor-'));
  for (const [name, source] of Object.entries(SCRIPTS)) fs.writeFileSync(path.join(dir, `${name}.js`), source);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function child(name: string, script: keyof typeof SCRIPTS, ...args: string[]): ChildSpec {
  return { name, command: process.execPath, args: [path.join(dir, `${script}.js`), ...args], stdio: 'ignore' };
}

/** Supervises the children with FAST delays and a test clock that stands still unless the test moves it. */
function start(specs: ChildSpec[], options: Omit<SupervisorOptions, 'onEvent' | 'now'> = {}) {
  const events: SupervisorEvent[] = [];
  const clock = { ms: 0 };
  const supervisor = supervise(specs, { graceMs: 20_000, ...options, policy: { ...FAST, ...options.policy }, now: () => clock.ms, onEvent: (e) => events.push(e) });
  running.push(supervisor);
  const typesOf = (name: string) => events.filter((e) => e.name === name).map((e) => e.type);
  const count = (name: string, type: SupervisorEvent['type']) => typesOf(name).filter((t) => t === type).length;
  return { supervisor, events, clock, typesOf, count };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; !condition(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const delays = (events: SupervisorEvent[]) => events.flatMap((e) => (e.type === 'exited' ? [e.delayMs] : []));

describe('supervise', () => {
  it('says when a child with an IPC channel reports that it listens (the banner waits for it), and only then', async () => {
    const { events } = start([{ ...child('API', 'listening'), stdio: ['ignore', 'ignore', 'ignore', 'ipc'] }, child('worker', 'stay')]);
    await until(() => events.some((e) => e.type === 'listening'), 'the listening event');
    expect(events.filter((e) => e.type === 'listening')).toEqual([{ type: 'listening', name: 'API', url: 'http://127.0.0.1:1', run: 1 }]);
    expect(events.findIndex((e) => e.type === 'started' && e.name === 'API')).toBeLessThan(events.findIndex((e) => e.type === 'listening'));
  });

  it('restarts a child that crashed after the base delay, leaving the other child running untouched', async () => {
    const t = start([child('flaky', 'crashOnce', path.join(dir, 'flaky-runs')), child('steady', 'stay')]);
    const steadyPid = t.supervisor.pid('steady');
    await until(() => t.count('flaky', 'started') === 2, 'the restart');
    expect(t.typesOf('flaky')).toEqual(['started', 'exited', 'started']);
    expect(t.events.find((e) => e.type === 'exited')).toMatchObject({ name: 'flaky', code: 3, signal: null, delayMs: 10 });
    expect(t.typesOf('steady')).toEqual(['started']);
    expect(t.supervisor.pid('steady')).toBe(steadyPid);
    expect(isAlive(steadyPid)).toBe(true);
    expect(isAlive(t.supervisor.pid('flaky'))).toBe(true);
  });

  it('doubles the delay with each crash in a row, up to the cap', async () => {
    const t = start([child('crasher', 'crash')], { policy: { maxStartupFailures: Infinity } });
    await until(() => t.count('crasher', 'exited') >= 5, 'five crashes');
    expect(delays(t.events).slice(0, 5)).toEqual([10, 20, 40, 40, 40]);
    expect(t.typesOf('crasher').slice(0, 6)).toEqual(['started', 'exited', 'started', 'exited', 'started', 'exited']);
  });

  it('restarts a child killed by SIGKILL, and starts the backoff over once it has stayed up long enough', async () => {
    const t = start([child('victim', 'stay')]);
    const killAndAwaitRestart = async (run: number) => {
      process.kill(t.supervisor.pid('victim')!, 'SIGKILL');
      await until(() => t.count('victim', 'started') === run, `run ${run}`);
    };
    await killAndAwaitRestart(2);
    await killAndAwaitRestart(3);
    t.clock.ms += FAST.stableAfterMs; // the third run "lasted" long enough to count as healthy
    await killAndAwaitRestart(4);
    expect(delays(t.events)).toEqual([10, 20, 10]);
    expect(t.events.filter((e) => e.type === 'exited').every((e) => e.type === 'exited' && e.signal === 'SIGKILL')).toBe(true);
  });

  it('gives up on a child that keeps failing to start: stops the other children and finishes with exit code 1', async () => {
    const t = start([child('broken', 'crash', '2'), child('steady', 'stay')]);
    const steadyPid = t.supervisor.pid('steady');
    await expect(t.supervisor.finished).resolves.toBe(1);
    expect(t.typesOf('broken')).toEqual(['started', 'exited', 'started', 'exited', 'started', 'gave-up']);
    expect(t.events.find((e) => e.type === 'gave-up')).toMatchObject({ code: 2, failures: 3 });
    expect(t.typesOf('steady')).toEqual(['started', 'stopping', 'stopped']);
    expect(isAlive(steadyPid)).toBe(false);
  });

  it('treats a command that cannot be spawned like a failed start', async () => {
    const t = start([{ name: 'missing', command: path.join(dir, 'no-such-program'), args: [], stdio: 'ignore' }]);
    await expect(t.supervisor.finished).resolves.toBe(1);
    expect(t.typesOf('missing')).toEqual(['started', 'exited', 'started', 'exited', 'started', 'gave-up']);
    expect(t.events.at(-1)).toMatchObject({ code: null, signal: null, error: expect.stringContaining('ENOENT') });
  });

  it('stop cancels a pending restart, stops every child and finishes with exit code 0', async () => {
    const t = start([child('crasher', 'crash'), child('steady', 'stay')], { policy: { baseDelayMs: 600_000 } });
    const steadyPid = t.supervisor.pid('steady');
    await until(() => t.count('crasher', 'exited') === 1, 'the crash');
    await expect(t.supervisor.stop()).resolves.toBe(0);
    await expect(t.supervisor.finished).resolves.toBe(0);
    expect(t.typesOf('crasher')).toEqual(['started', 'exited', 'restart-cancelled']);
    expect(t.typesOf('steady')).toEqual(['started', 'stopping', 'stopped']);
    expect(isAlive(steadyPid)).toBe(false);
  });

  it('a second stop joins the shutdown under way instead of starting another', async () => {
    const t = start([child('a', 'stay'), child('b', 'stay')]);
    const first = t.supervisor.stop();
    const second = t.supervisor.stop();
    expect(second).toBe(first);
    await first;
    expect(t.typesOf('a')).toEqual(['started', 'stopping', 'stopped']);
    expect(t.typesOf('b')).toEqual(['started', 'stopping', 'stopped']);
  });

  it('kills a child that ignores SIGTERM once the grace period is over', async () => {
    const ready = path.join(dir, 'stubborn-ready');
    const t = start([child('stubborn', 'stubborn', ready)], { graceMs: 50 });
    await until(() => fs.existsSync(ready), 'the SIGTERM handler');
    await expect(t.supervisor.stop()).resolves.toBe(0);
    expect(t.typesOf('stubborn')).toEqual(['started', 'stopping', 'killed', 'stopped']);
    expect(t.events.at(-1)).toMatchObject({ signal: 'SIGKILL' });
  });
});
