/** Creates (never starts) real containers: needs the Docker engine and the sandbox image. */
import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { POOL_NAME_PREFIX, SANDBOX_LABELS } from './container-policy';
import { removeExpiredContainers } from './stale-containers';
import { LIMITS } from '@grader/contracts';

const docker = new Docker();
const image = `${process.env.GRADER_SANDBOX_IMAGE_PREFIX ?? 'grader-sandbox-'}node`;

async function createLabelled(deadline: number): Promise<Docker.Container> {
  return docker.createContainer({
    Image: image,
    Labels: { [SANDBOX_LABELS.managed]: 'true', [SANDBOX_LABELS.submission]: `stale-test-${randomUUID()}`, [SANDBOX_LABELS.deadline]: String(deadline) },
    HostConfig: { NetworkMode: 'none' },
  });
}

async function exists(container: Docker.Container): Promise<boolean> {
  return container.inspect().then(
    () => true,
    () => false,
  );
}

describe('removeExpiredContainers', () => {
  it('removes a container past its deadline and grace, and leaves one still within them', async () => {
    const now = Date.now();
    const expired = await createLabelled(now - LIMITS.worker.staleContainerGraceMs - 1_000);
    const withinGrace = await createLabelled(now - 1_000);
    const running = await createLabelled(now + 600_000);
    try {
      const removed = await removeExpiredContainers(docker, now);
      expect(removed).toBeGreaterThanOrEqual(1);
      expect(await exists(expired)).toBe(false);
      expect(await exists(withinGrace)).toBe(true);
      expect(await exists(running)).toBe(true);
    } finally {
      for (const c of [expired, withinGrace, running]) await c.remove({ force: true }).catch(() => undefined);
    }
  });

  it("removes a warm container nobody claimed once it has been stopped a minute (a killed worker's), whatever its deadline", async () => {
    const deadline = Date.now() + 600_000;
    // The clock moves a minute on for this test's containers only: other tests' pools share the engine.
    const mine = `grader.test=${randomUUID()}`;
    const pooled = (name: string) =>
      docker.createContainer({
        Image: image,
        name,
        Entrypoint: ['/usr/local/bin/node', '-e', '0'],
        Labels: { [SANDBOX_LABELS.managed]: 'true', [SANDBOX_LABELS.submission]: 'pool', [SANDBOX_LABELS.pooled]: 'true', [SANDBOX_LABELS.deadline]: String(deadline), 'grader.test': mine.split('=')[1]! },
        HostConfig: { NetworkMode: 'none' },
      });
    const suffix = randomUUID().slice(0, 8);
    const unclaimed = await pooled(`${POOL_NAME_PREFIX}stale-test-${suffix}`);
    const claimed = await pooled(`grader-run-stale-test-${suffix}`);
    const waiting = await pooled(`${POOL_NAME_PREFIX}stale-test-fresh-${suffix}`);
    try {
      for (const c of [unclaimed, claimed]) {
        await c.start();
        await c.wait();
      }
      // Seen from a minute on: an exited one, and one created but never started.
      await removeExpiredContainers(docker, Date.now() + LIMITS.pool.abandonedAfterMs + 1_000, [mine]);
      expect(await exists(unclaimed)).toBe(false);
      expect(await exists(waiting)).toBe(false);
      // A claimed one is its run's until its deadline: the run may still inspect it.
      expect(await exists(claimed)).toBe(true);
    } finally {
      for (const c of [unclaimed, claimed, waiting]) await c.remove({ force: true }).catch(() => undefined);
    }
  });

  it('leaves a warm container that stopped or was created moments ago to its own pool', async () => {
    const created = await docker.createContainer({
      Image: image,
      name: `${POOL_NAME_PREFIX}stale-test-${randomUUID().slice(0, 8)}`,
      Labels: { [SANDBOX_LABELS.managed]: 'true', [SANDBOX_LABELS.pooled]: 'true', [SANDBOX_LABELS.deadline]: String(Date.now() + 600_000) },
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      await removeExpiredContainers(docker);
      expect(await exists(created)).toBe(true);
    } finally {
      await created.remove({ force: true });
    }
  });

  it('never touches a container without the managed label', async () => {
    const other = await docker.createContainer({ Image: image, Labels: { [SANDBOX_LABELS.deadline]: '1' }, HostConfig: { NetworkMode: 'none' } });
    try {
      await removeExpiredContainers(docker);
      expect(await exists(other)).toBe(true);
    } finally {
      await other.remove({ force: true });
    }
  });
});
