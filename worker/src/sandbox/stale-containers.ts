import type Dockerode from 'dockerode';
import { LIMITS } from '@grader/contracts';
import { POOL_NAME_PREFIX, SANDBOX_LABELS } from './container-policy';

/** The longest any run may take (50 tests at the longest test time, stretched for a busy host), for a container whose deadline label is unreadable. */
export const LONGEST_RUN_MS = 50 * LIMITS.exercise.testTimeMsMax * LIMITS.exercise.starvedFactor + LIMITS.sandbox.overheadMs;

/**
 * Removes sandbox containers whose deadline (plus a grace) has passed: those of a worker
 * that crashed or lost the engine mid-run. Safe on start-up and periodically, with other
 * workers sharing the engine: a container still within its deadline is never touched (but
 * for a warm container nobody claimed that has stopped: abandonedInPool), and one another
 * worker removes at the same moment is simply skipped.
 * `alsoLabelled` (label=value filters) narrows the sweep: a test's to its own containers, when
 * it moves the clock. Resolves with the number of containers this call removed.
 */
export async function removeExpiredContainers(docker: Dockerode, now = Date.now(), alsoLabelled: string[] = []): Promise<number> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABELS.managed}=true`, ...alsoLabelled] } });
  let removed = 0;
  for (const info of containers) {
    if (now <= expiresAt(info) + LIMITS.worker.staleContainerGraceMs && !(await abandonedInPool(docker, info, now))) continue;
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

/**
 * A warm container still under its pool's name (no submission claimed it: a claim renames it
 * grader-run-…) that has stopped, or never started, for LIMITS.pool.abandonedAfterMs: left by
 * a worker that was killed. Its deadline label covers the pool's maximum age plus the longest
 * run, which would keep it about half an hour.
 */
async function abandonedInPool(docker: Dockerode, info: Dockerode.ContainerInfo, now: number): Promise<boolean> {
  if (info.Labels?.[SANDBOX_LABELS.pooled] !== 'true' || !info.Names?.some((name) => name.startsWith(`/${POOL_NAME_PREFIX}`))) return false;
  const bound = now - LIMITS.pool.abandonedAfterMs;
  if (info.State === 'created') return info.Created * 1000 < bound;
  if (info.State !== 'exited' && info.State !== 'dead') return false;
  const finished = await docker
    .getContainer(info.Id)
    .inspect()
    .then((c) => Date.parse(c.State.FinishedAt))
    .catch(() => NaN);
  return Number.isFinite(finished) && finished < bound;
}

function expiresAt(info: Dockerode.ContainerInfo): number {
  const label = info.Labels?.[SANDBOX_LABELS.deadline];
  const deadline = label === undefined || !/^\d+$/.test(label) ? NaN : Number(label);
  return Number.isSafeInteger(deadline) ? deadline : info.Created * 1000 + LONGEST_RUN_MS;
}
