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

/** Marks a test's own containers, so that a sweep with a moved clock touches only them. */
const TEST_LABEL = 'grader.test';

/**
 * A warm container as a pool makes it (labelled pooled, far from its deadline) under `name`,
 * whose command ends at once when started; tagged with this test's own label value.
 */
async function createPooled(name: string, testTag: string): Promise<Docker.Container> {
  return docker.createContainer({
    Image: image,
    name,
    Entrypoint: ['/usr/local/bin/node', '-e', '0'],
    Labels: {
      [SANDBOX_LABELS.managed]: 'true',
      [SANDBOX_LABELS.submission]: 'pool',
      [SANDBOX_LABELS.pooled]: 'true',
      [SANDBOX_LABELS.deadline]: String(Date.now() + 600_000),
      [TEST_LABEL]: testTag,
    },
    HostConfig: { NetworkMode: 'none' },
  });
}

async function startAndWait(container: Docker.Container): Promise<void> {
  await container.start();
  await container.wait();
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
    // The clock moves a minute on for this test's containers only: other tests' pools share the engine.
    const tag = randomUUID();
    const suffix = tag.slice(0, 8);
    const unclaimed = await createPooled(`${POOL_NAME_PREFIX}stale-test-${suffix}`, tag);
    const claimed = await createPooled(`grader-run-stale-test-${suffix}`, tag);
    const waiting = await createPooled(`${POOL_NAME_PREFIX}stale-test-fresh-${suffix}`, tag);
    try {
      await startAndWait(unclaimed);
      await startAndWait(claimed);
      // Seen from a minute on: an exited one, and one created but never started.
      await removeExpiredContainers(docker, Date.now() + LIMITS.pool.abandonedAfterMs + 1_000, [`${TEST_LABEL}=${tag}`]);
      expect(await exists(unclaimed)).toBe(false);
      expect(await exists(waiting)).toBe(false);
      // A claimed one is its run's until its deadline: the run may still inspect it.
      expect(await exists(claimed)).toBe(true);
    } finally {
      for (const c of [unclaimed, claimed, waiting]) await c.remove({ force: true }).catch(() => undefined);
    }
  });

  it('leaves a warm container that stopped or was created moments ago to its own pool', async () => {
    const tag = randomUUID();
    const stopped = await createPooled(`${POOL_NAME_PREFIX}stale-test-${tag.slice(0, 8)}`, tag);
    const created = await createPooled(`${POOL_NAME_PREFIX}stale-test-fresh-${tag.slice(0, 8)}`, tag);
    try {
      await startAndWait(stopped);
      await removeExpiredContainers(docker, Date.now(), [`${TEST_LABEL}=${tag}`]);
      expect(await exists(stopped)).toBe(true);
      expect(await exists(created)).toBe(true);
    } finally {
      for (const c of [stopped, created]) await c.remove({ force: true }).catch(() => undefined);
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
