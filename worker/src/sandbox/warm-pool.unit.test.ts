/** The warm pool against a fake engine: what a real engine does only when it misbehaves. */
import type Dockerode from 'dockerode';
import { LIMITS } from '@grader/contracts';
import { WarmPool } from './warm-pool';

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
