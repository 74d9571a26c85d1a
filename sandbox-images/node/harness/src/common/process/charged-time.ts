import { readdirSync, readFileSync } from 'node:fs';
import { LIMITS } from '../../contracts';

/**
 * Milliseconds a process's main thread has waited on a CPU run queue since it started: the
 * second field of /proc/<pid>/schedstat (nanoseconds; sched-stats.rst, "time spent waiting
 * on a runqueue"). Undefined once the process is gone, or where the kernel keeps no such
 * figure (built without CONFIG_SCHED_INFO): every test's time is then plain wall time.
 */
export function runQueueWaitMs(pid: number): number | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/schedstat`, 'utf8');
  } catch {
    return undefined;
  }
  const waitedNs = Number(text.split(' ')[1]);
  return Number.isFinite(waitedNs) ? waitedNs / 1e6 : undefined;
}

/** The process `root` and every descendant of it, from the parent pids in /proc/<pid>/stat. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [root];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // proc(5): after the command's closing parenthesis come state (field 3) and ppid (field 4).
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** How often an expired limit is looked at again while its processes are owed time; a timer never waits less. */
const RECHECK_MIN_MS = 20;

/** Where a charged limit reads the time and the scheduler's figures (a fake in unit tests). */
export interface SchedulerProbe {
  /** Milliseconds, monotonic. */
  now: () => number;
  tree: (root: number) => number[];
  waitedMs: (pid: number) => number | undefined;
}

const PROC_PROBE: SchedulerProbe = { now: () => performance.now(), tree: processTree, waitedMs: runQueueWaitMs };

/**
 * A time limit that charges a process only for the time it could have run: wall time less
 * the longest a process of its tree (`root` and its descendants, e.g. a PostgreSQL backend
 * under its runner) waited on a CPU run queue meanwhile. On a host busy with other work a
 * correct solution is slowed by waiting for a CPU, and a verdict must not follow the
 * machine's load; a loop still runs out of its time as on an idle host (it runs whenever it
 * may), and so does a process that sleeps or waits for what never comes (sleeping is not
 * waiting for a CPU). Whatever it is owed, it is never waited for past
 * LIMITS.exercise.starvedFactor × `limitMs` of wall time.
 *
 * The idea is a judge's CPU-time limit with a wall-time bound at a multiple of it (DOMjudge,
 * Codeforces), measured from the scheduler's side so that sleeping still counts.
 *
 * `root` may be undefined until the process exists (then plain wall time is charged).
 * Returns a function that cancels the limit.
 */
export function chargedTimeout(root: () => number | undefined, limitMs: number, onExpire: () => void, probe: SchedulerProbe = PROC_PROBE): () => void {
  const started = probe.now();
  const wallLimitMs = limitMs * LIMITS.exercise.starvedFactor;
  const sample = (pid: number, each: (member: number, waitedMs: number) => void): void => {
    for (const member of probe.tree(pid)) {
      const waited = probe.waitedMs(member);
      if (waited !== undefined) each(member, waited);
    }
  };
  const baseline = new Map<number, number>();
  const first = root();
  if (first !== undefined) sample(first, (member, waited) => baseline.set(member, waited));
  const waitedSince = (): number => {
    const pid = root();
    let longest = 0;
    // A process without a baseline started after the limit did: all its waiting counts.
    if (pid !== undefined) sample(pid, (member, waited) => (longest = Math.max(longest, waited - (baseline.get(member) ?? 0))));
    return longest;
  };
  let timer: NodeJS.Timeout | undefined;
  const check = (): void => {
    const elapsed = probe.now() - started;
    const charged = elapsed - waitedSince();
    if (charged >= limitMs || elapsed >= wallLimitMs) {
      timer = undefined;
      onExpire();
      return;
    }
    timer = setTimeout(check, Math.max(RECHECK_MIN_MS, Math.min(limitMs - charged, wallLimitMs - elapsed)));
  };
  timer = setTimeout(check, Math.max(0, limitMs));
  return () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}
