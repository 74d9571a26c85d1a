/** Creates (never starts) real containers: needs the Docker engine and the sandbox image. */
import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { SANDBOX_LABELS } from './container-policy';
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
