import { readFileSync } from 'node:fs';

/**
 * The container's process count against its pids limit, from its pids cgroup. After a fork
 * bomb is killed the count stays near the limit for a while (dying processes and zombies
 * still hold their pids until they are reaped, over a second on a loaded machine), and a
 * spawn in that window fails with EAGAIN. Undefined where no counter is readable.
 */
const SOURCES: ReadonlyArray<{ current: string; max: string }> = [
  // cgroup v1 (this project's engines).
  { current: '/sys/fs/cgroup/pids/pids.current', max: '/sys/fs/cgroup/pids/pids.max' },
  // cgroup v2, should the engine move to it.
  { current: '/sys/fs/cgroup/pids.current', max: '/sys/fs/cgroup/pids.max' },
];

export interface PidsUsage {
  current: number;
  max: number;
}

export function readPidsUsage(): PidsUsage | undefined {
  for (const source of SOURCES) {
    try {
      const current = Number(readFileSync(source.current, 'utf8').trim());
      const maxText = readFileSync(source.max, 'utf8').trim();
      const max = maxText === 'max' ? Number.POSITIVE_INFINITY : Number(maxText);
      if (Number.isFinite(current) && !Number.isNaN(max)) return { current, max };
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * Pids a new student process needs free: Node's main thread, V8's platform workers, libuv's
 * pool and a margin for what the process itself starts.
 */
const PIDS_FOR_A_PROCESS = 32;
/** How long to wait for a killed fork bomb's pids to come back before spawning anyway. */
const DRAIN_BUDGET_MS = 5_000;
const POLL_MS = 25;

/** Resolves once the container has pids free for one more process, or the budget is spent. */
export async function waitForFreePids(budgetMs = DRAIN_BUDGET_MS): Promise<void> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const usage = readPidsUsage();
    if (!usage || usage.max - usage.current >= PIDS_FOR_A_PROCESS || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
