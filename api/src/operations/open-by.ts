import fs from 'node:fs';

/**
 * Other processes of this host that hold `file` (or its `-wal` or `-shm` file) open, by pid:
 * read from Linux's /proc/<pid>/fd, so [] elsewhere. Processes of other users are not seen
 * unless this one runs as root, nor those in containers (their paths are their own); a check
 * before replacing a database under a running API (`npm run restore`), not a lock.
 */
export function processesHolding(file: string): number[] {
  if (process.platform !== 'linux' || !fs.existsSync('/proc/self/fd') || !fs.existsSync(file)) return [];
  const real = fs.realpathSync(file);
  const targets = new Set([real, `${real}-wal`, `${real}-shm`]);
  const holders: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    const holds = fds.some((fd) => {
      try {
        return targets.has(fs.readlinkSync(`/proc/${entry}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (holds) holders.push(Number(entry));
  }
  return holders;
}
