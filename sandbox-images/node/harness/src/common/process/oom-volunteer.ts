import { writeFileSync } from 'node:fs';

/**
 * Called by student-side runners first thing. Raising one's own OOM score needs no
 * privilege: if the container runs out of memory, the kernel then picks the student's
 * process rather than the harness, which can still report.
 */
export function volunteerForOomKiller(): void {
  try {
    writeFileSync('/proc/self/oom_score_adj', '1000');
  } catch {
    // Not on Linux, or /proc is masked: the container's OOM verdict still applies.
  }
}
