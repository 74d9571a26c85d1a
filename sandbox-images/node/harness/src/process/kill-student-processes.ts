import { readdirSync, readFileSync } from 'node:fs';

/**
 * Kills every process of the given uid in the container, so that nothing a student
 * process left running in the background (it may have escaped its process group)
 * survives into the next test. Root needs CAP_KILL to signal another uid's process.
 * Repeats while new ones appear (a process may fork while we scan); gives up after a
 * bounded number of passes, the pids limit keeps the count finite anyway.
 */
export function killProcessesOfUid(uid: number, passes = 20): number {
  let killed = 0;
  for (let pass = 0; pass < passes; pass += 1) {
    const pids = processesOfUid(uid);
    if (pids.length === 0) return killed;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        killed += 1;
      } catch {
        // Already gone.
      }
    }
  }
  return killed;
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
