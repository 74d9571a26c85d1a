import { spawn, type ChildProcess } from 'node:child_process';
import { LIMITS } from '../../contracts';
import { chargedTimeout, processTree, runQueueWaitMs, type SchedulerProbe } from './charged-time';

/** A scheduler whose clock and run-queue waits the test sets. */
function fakeProbe(): SchedulerProbe & { at: number; waits: Map<number, number>; children: Map<number, number[]> } {
  const probe = {
    at: 0,
    waits: new Map<number, number>(),
    children: new Map<number, number[]>(),
    now: () => probe.at,
    tree: (root: number) => [root, ...(probe.children.get(root) ?? [])],
    waitedMs: (pid: number) => probe.waits.get(pid),
  };
  return probe;
}

describe('chargedTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Moves the fake clock and the timers together. */
  function advance(probe: { at: number }, ms: number): void {
    probe.at += ms;
    jest.advanceTimersByTime(ms);
  }

  it('expires at the limit for a process that never waited for a CPU (a loop, or a sleep)', () => {
    const probe = fakeProbe();
    probe.waits.set(10, 500);
    const expired = jest.fn();
    chargedTimeout(() => 10, 1_000, expired, probe);
    advance(probe, 999);
    expect(expired).not.toHaveBeenCalled();
    advance(probe, 1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('does not charge the time the process waited for a CPU, counted from the start of the limit', () => {
    const probe = fakeProbe();
    probe.waits.set(10, 5_000); // waited before the limit began: not owed
    const expired = jest.fn();
    chargedTimeout(() => 10, 1_000, expired, probe);
    probe.waits.set(10, 5_600); // 600 ms of the first second spent waiting for a CPU
    advance(probe, 1_000);
    expect(expired).not.toHaveBeenCalled();
    advance(probe, 599);
    expect(expired).not.toHaveBeenCalled();
    advance(probe, 1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('owes what a descendant waited (a PostgreSQL backend under its runner), the longest wait of the tree', () => {
    const probe = fakeProbe();
    probe.waits.set(10, 0);
    const expired = jest.fn();
    chargedTimeout(() => 10, 1_000, expired, probe);
    probe.children.set(10, [11, 12]);
    probe.waits.set(11, 300);
    probe.waits.set(12, 700); // started after the limit: all its waiting is owed
    advance(probe, 1_000);
    expect(expired).not.toHaveBeenCalled();
    advance(probe, 700);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it(`never waits past ${LIMITS.exercise.starvedFactor} times the limit, however long the process waited for a CPU`, () => {
    const probe = fakeProbe();
    probe.waits.set(10, 0);
    const expired = jest.fn();
    chargedTimeout(() => 10, 1_000, expired, probe);
    for (let t = 0; t < LIMITS.exercise.starvedFactor * 1_000 - 20; t += 20) {
      probe.waits.set(10, (probe.waits.get(10) ?? 0) + 20); // starved throughout
      advance(probe, 20);
    }
    expect(expired).not.toHaveBeenCalled();
    probe.waits.set(10, (probe.waits.get(10) ?? 0) + 20);
    advance(probe, 20);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('charges plain wall time while the process is unknown or its figures cannot be read', () => {
    const probe = fakeProbe();
    const expired = jest.fn();
    chargedTimeout(() => undefined, 1_000, expired, probe);
    advance(probe, 1_000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled', () => {
    const probe = fakeProbe();
    const expired = jest.fn();
    const cancel = chargedTimeout(() => 10, 1_000, expired, probe);
    advance(probe, 500);
    cancel();
    advance(probe, 10_000);
    expect(expired).not.toHaveBeenCalled();
  });
});

describe('the scheduler figures from /proc', () => {
  const spinning: ChildProcess[] = [];
  afterEach(() => {
    for (const child of spinning.splice(0)) child.kill('SIGKILL');
  });

  function spin(): ChildProcess {
    const child = spawn(process.execPath, ['-e', 'for (;;);']);
    spinning.push(child);
    return child;
  }

  it('show a process waiting for a CPU while more processes spin than there are CPUs', async () => {
    // More spinners than any machine's CPUs this runs on: someone must wait, whatever the load.
    const children = Array.from({ length: 6 }, spin);
    await Promise.all(children.map((c) => new Promise((resolve) => c.once('spawn', resolve))));
    const total = (): number => children.reduce((sum, c) => sum + (runQueueWaitMs(c.pid!) ?? 0), 0);
    for (let tries = 0; total() === 0 && tries < 600; tries++) await new Promise((r) => setTimeout(r, 50));
    expect(total()).toBeGreaterThan(0);
  });

  it('find the descendants of a process, and nothing of a process that is gone', async () => {
    const parent = spawn('/bin/sh', ['-c', 'sleep 30 & sleep 30 & wait'], { detached: true });
    await new Promise((resolve) => parent.once('spawn', resolve));
    try {
      for (let tries = 0; processTree(parent.pid!).length < 3 && tries < 600; tries++) await new Promise((r) => setTimeout(r, 50));
      expect(processTree(parent.pid!)).toHaveLength(3);
      expect(processTree(parent.pid!)[0]).toBe(parent.pid);
    } finally {
      process.kill(-parent.pid!, 'SIGKILL');
    }
    expect(runQueueWaitMs(2 ** 22 + 12_345)).toBeUndefined();
  });
});
