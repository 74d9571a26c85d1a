import { readFileSync } from 'node:fs';

/**
 * The container's count of out-of-memory kills, read from its memory cgroup. Compared
 * before and after a student process, it tells a memory kill from any other SIGKILL.
 * Returns undefined where no counter is readable (then a SIGKILL we did not send is
 * taken to be a memory kill).
 */
const SOURCES: ReadonlyArray<{ file: string; key: string | null }> = [
  // cgroup v1 (this project's engines): "oom_kill N" since Linux 4.13.
  { file: '/sys/fs/cgroup/memory/memory.oom_control', key: 'oom_kill' },
  // cgroup v2, should the engine move to it.
  { file: '/sys/fs/cgroup/memory.events', key: 'oom_kill' },
  // Older v1 kernels: times the limit was hit; rises with any memory pressure, still a fair hint.
  { file: '/sys/fs/cgroup/memory/memory.failcnt', key: null },
];

export function readOomCount(): number | undefined {
  for (const { file, key } of SOURCES) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const value = key === null ? text.trim() : text.split('\n').find((line) => line.startsWith(`${key} `))?.slice(key.length + 1);
    const n = value === undefined ? NaN : Number(value);
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}
