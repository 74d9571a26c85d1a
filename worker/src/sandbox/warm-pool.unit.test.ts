/** The warm pool against a fake engine: what a real engine does only when it misbehaves. */
import { PassThrough, type Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import { LIMITS } from '@grader/contracts';
import { HARNESS_READY_LINE } from '@grader/harness';
import { fittest, WarmPool } from './warm-pool';

function engineWhoseAttachHangs() {
  const removed: string[] = [];
  const container = {
    id: 'c'.repeat(64),
    attach: () => new Promise(() => undefined), // never answers
    remove: async () => void removed.push('c'.repeat(64)),
  };
  const docker = { createContainer: async () => container } as unknown as Dockerode;
  return { docker, removed };
}

/** An engine whose containers start and wait; `say(n, line)` prints on the n-th one's stderr. */
function engineOfWaitingContainers() {
  const stderrs: Writable[] = [];
  const removed: number[] = [];
  let made = 0;
  const docker = {
    modem: { demuxStream: (_stream: unknown, _stdout: Writable, stderr: Writable) => stderrs.push(stderr) },
    createContainer: async () => {
      const n = made++;
      return {
        id: `container-${n}`,
        attach: async () => new PassThrough(),
        wait: () => new Promise(() => undefined),
        start: async () => undefined,
        remove: async () => void removed.push(n),
      };
    },
  } as unknown as Dockerode;
  const say = (n: number, line: string) => stderrs[n]!.write(Buffer.from(line));
  return { docker, removed, say, made: () => made };
}

describe('a warm container whose profile could not be prepared', () => {
  it('is replaced, a bounded number of times in a row; a prepared one resets the count', async () => {
    const { docker, removed, say, made } = engineOfWaitingContainers();
    const pool = new WarmPool(docker, { size: 1, images: [] });
    pool.start();
    pool.keepWarm('img', 'postgres');
    const settled = () => new Promise((resolve) => setImmediate(resolve));
    await settled();
    expect(pool.readyIds('img', 'postgres')).toEqual(['container-0']);

    for (let n = 0; n < LIMITS.pool.unpreparedReplacements; n++) {
      say(n, HARNESS_READY_LINE.unprepared);
      await settled();
      expect(pool.readyIds('img', 'postgres')).toEqual([`container-${n + 1}`]);
    }
    // Past the bound it is kept: a submission taking it prepares its engines itself.
    const last = LIMITS.pool.unpreparedReplacements;
    say(last, HARNESS_READY_LINE.unprepared);
    await settled();
    expect(pool.readyIds('img', 'postgres')).toEqual([`container-${last}`]);
    expect(made()).toBe(last + 1);

    // A prepared container resets the count: the next failure is replaced again.
    const taken = pool.take('img', 'postgres')!;
    await settled();
    say(last + 1, HARNESS_READY_LINE.prepared);
    pool.dispose(taken);
    await settled();
    const next = pool.take('img', 'postgres')!;
    expect(next.container.id).toBe(`container-${last + 1}`);
    await settled();
    say(last + 2, HARNESS_READY_LINE.unprepared);
    await settled();
    expect(pool.readyIds('img', 'postgres')).toEqual([`container-${last + 3}`]);
    pool.dispose(next);
    await pool.close();
    expect(removed).toEqual(expect.arrayContaining([0, 1, 2, last, last + 1, last + 2, last + 3]));
  });

  it('once taken, is the submission\'s: the pool no longer replaces it', async () => {
    const { docker, say } = engineOfWaitingContainers();
    const pool = new WarmPool(docker, { size: 1, images: [] });
    pool.start();
    pool.keepWarm('img', 'typescript');
    await new Promise((resolve) => setImmediate(resolve));
    const taken = pool.take('img', 'typescript')!;
    say(0, HARNESS_READY_LINE.unprepared);
    expect(taken.stderr.onChunk).toBeUndefined();
    pool.dispose(taken);
    await pool.close();
  });
});

describe('closing the warm pool', () => {
  afterEach(() => jest.useRealTimers());

  it('does not wait past its bound for a start that hangs, and removes that container', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const { docker, removed } = engineWhoseAttachHangs();
    const pool = new WarmPool(docker, { size: 1, images: ['img'] });
    pool.start();
    await jest.advanceTimersByTimeAsync(10); // the container is created; its attach hangs
    expect(pool.stats()['img']).toEqual({ ready: 0, starting: 1 });
    let closed = false;
    const closing = pool.close().then(() => (closed = true));
    await jest.advanceTimersByTimeAsync(LIMITS.pool.closeWaitMs - 100);
    expect(closed).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    await closing;
    expect(removed).toEqual(['c'.repeat(64)]);
  });
});

describe('which warm container a take hands out', () => {
  const waiting = (memoryMb: number, prepared: boolean) => ({ memoryMb, prepared: () => prepared });

  it('is the oldest when all fit alike', () => {
    expect(fittest([waiting(256, true), waiting(256, true)], 256)).toBe(0);
    expect(fittest([], 256)).toBe(0);
  });

  it('is one that already has the memory asked for (a change at claim is an update through the engine)', () => {
    expect(fittest([waiting(256, true), waiting(640, true), waiting(640, true)], 640)).toBe(1);
  });

  it('is a prepared one before one still preparing its profile, whatever its memory', () => {
    expect(fittest([waiting(640, false), waiting(256, true)], 640)).toBe(1);
    expect(fittest([waiting(256, false), waiting(640, false), waiting(256, true), waiting(640, true)], 640)).toBe(3);
  });
});
