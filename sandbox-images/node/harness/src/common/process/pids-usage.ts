import { readFileSync } from 'node:fs';
import { LIMITS } from '../../contracts';

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
 * How many times a process or thread could not be created in the container because the
 * pids limit was full: the "max N" line of the pids cgroup's event counter. Read before a
 * student process starts and after it and everything it started are gone, a rise says that
 * the student's processes hit the limit meanwhile (only they can fill it: the harness and
 * one runner need about two dozen of the 128). Undefined where no counter is readable.
 */
const EVENT_SOURCES = [
  // cgroup v1 (this project's engines).
  '/sys/fs/cgroup/pids/pids.events',
  // cgroup v2.
  '/sys/fs/cgroup/pids.events',
];

export function readPidsLimitHits(sources: readonly string[] = EVENT_SOURCES): number | undefined {
  for (const file of sources) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const value = /^max (\d+)$/m.exec(text)?.[1];
    if (value !== undefined) return Number(value);
  }
  return undefined;
}

/**
 * What a test is told when its student processes hit the pids limit, in every kind. Such a
 * test is a runtime error (fork() failing is a failure of the running program) and this
 * decides it ahead of a time-out, a crash or a wrong answer: a fork bomb starves the app
 * and Node's own threads, so what else happens depends on the machine's load, this does not.
 */
export const PROCESS_LIMIT_MESSAGE = `your code started more processes than the sandbox allows (${LIMITS.sandbox.pids}, threads included): a fork bomb, or processes started in a loop`;

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
