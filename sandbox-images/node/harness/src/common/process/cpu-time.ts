import { readFileSync } from 'node:fs';

/** Linux's USER_HZ, the unit of /proc's CPU times, on every architecture Docker runs Linux containers on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time a process has used so far (user and system, all its threads; not its children's),
 * in milliseconds at a 10 ms resolution, from /proc/<pid>/stat (world-readable); undefined once
 * the process is gone. proc(5): utime and stime are fields 14 and 15, counted after the
 * command's closing parenthesis, since the command may itself hold spaces and parentheses.
 */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}
