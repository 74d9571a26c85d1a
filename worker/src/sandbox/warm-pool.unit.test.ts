/** The warm pool against a fake engine: what a real engine does only when it misbehaves. */
import type Dockerode from 'dockerode';
import { LIMITS } from '@grader/contracts';
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
