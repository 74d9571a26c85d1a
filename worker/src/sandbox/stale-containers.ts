import type Dockerode from 'dockerode';
import { LIMITS } from '@grader/contracts';
import { SANDBOX_LABELS } from './container-policy';

/** The longest any run may take (50 tests at the longest test time), for a container whose deadline label is unreadable. */
export const LONGEST_RUN_MS = 50 * LIMITS.exercise.testTimeMsMax + LIMITS.sandbox.overheadMs;

/**
 * Removes sandbox containers whose deadline (plus a grace) has passed: those of a worker
 * that crashed or lost the engine mid-run. Safe on start-up and periodically, with other
 * workers sharing the engine: a container still within its deadline is never touched,
 * and one another worker removes at the same moment is simply skipped.
 * Resolves with the number of containers this call removed.
 */
export async function removeExpiredContainers(docker: Dockerode, now = Date.now()): Promise<number> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABELS.managed}=true`] } });
  let removed = 0;
  for (const info of containers) {
    if (now <= expiresAt(info) + LIMITS.worker.staleContainerGraceMs) continue;
    try {
      await docker.getContainer(info.Id).remove({ force: true, v: true });
      removed += 1;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      // 404: already removed; 409: removal already in progress (by another worker).
      if (status !== 404 && status !== 409) throw err;
    }
  }
  return removed;
}

function expiresAt(info: Dockerode.ContainerInfo): number {
  const label = info.Labels?.[SANDBOX_LABELS.deadline];
  const deadline = label === undefined || !/^\d+$/.test(label) ? NaN : Number(label);
  return Number.isSafeInteger(deadline) ? deadline : info.Created * 1000 + LONGEST_RUN_MS;
}
