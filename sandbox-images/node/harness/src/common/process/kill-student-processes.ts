import { readdirSync, readFileSync } from 'node:fs';

/**
 * Kills every process of the given uid in the container, so that nothing a student
 * process left running in the background (it may have escaped its process group)
 * survives into the next test. Root needs CAP_KILL to signal another uid's process.
 *
 * A fork bomb keeps making processes while we scan, so they are first stopped: a stopped
 * process cannot fork, and the set stops growing. Once a scan finds nothing new, every
 * one of them is killed. Both phases are bounded in time; the pids limit keeps the count
 * finite anyway.
 *
 * `spare`: pids left alone (a generated check's long-lived app process, whose app is built
 * afresh while what its last build started must go, as a fresh process would have it).
 */
export function killProcessesOfUid(uid: number, budgetMs = 3_000, spare: ReadonlySet<number> = new Set()): number {
  const deadline = Date.now() + budgetMs;
  const stopped = new Set<number>();
  const others = () => processesOfUid(uid).filter((pid) => !spare.has(pid));
  for (;;) {
    const fresh = others().filter((pid) => !stopped.has(pid));
    if (fresh.length === 0 || Date.now() > deadline) break;
    for (const pid of fresh) {
      signal(pid, 'SIGSTOP');
      stopped.add(pid);
    }
  }
  let killed = 0;
  for (;;) {
    const pids = others();
    if (pids.length === 0 || Date.now() > deadline + budgetMs) return killed;
    for (const pid of pids) if (signal(pid, 'SIGKILL')) killed += 1;
  }
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false; // already gone
  }
}

/** Pids whose real uid is `uid`, from /proc (each status file is world-readable). */
export function processesOfUid(uid: number): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let status: string;
    try {
      status = readFileSync(`/proc/${entry}/status`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const lines = status.split('\n');
    // A zombie is already dead; init reaps it, a signal would do nothing.
    if (lines.some((line) => /^State:\s+Z/.test(line))) continue;
    const realUid = lines.find((line) => line.startsWith('Uid:'))?.split(/\s+/)[1];
    if (realUid !== undefined && Number(realUid) === uid) pids.push(Number(entry));
  }
  return pids;
}
