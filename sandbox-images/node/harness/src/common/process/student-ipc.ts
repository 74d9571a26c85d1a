import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * System V IPC objects (shared memory, message queues, semaphore sets) outlive the process that
 * made them until removed, like files: Python's ctypes reaches shmget, so one test's (or one
 * run's) process could leave state for the next. Their tables in /proc/sysvipc name each
 * object's id and owner; `ipcrm` removes them (run as the owner, by the clear-files runner).
 */
const TABLES = [
  { file: '/proc/sysvipc/shm', flag: '-m' },
  { file: '/proc/sysvipc/msg', flag: '-q' },
  { file: '/proc/sysvipc/sem', flag: '-s' },
] as const;

/**
 * The ids of the objects `uid` owns or created in one /proc/sysvipc table (the id is the second
 * column). Created counts too: an owner may hand an object to root (IPC_SET), and its creator
 * may still use and remove it.
 */
export function ownedIpcIds(table: string, uid: number): number[] {
  const [header, ...rows] = table.trim().split('\n');
  const columns = (header ?? '').trim().split(/\s+/);
  const uidColumns = ['uid', 'cuid'].map((name) => columns.indexOf(name)).filter((i) => i >= 0);
  if (uidColumns.length === 0) return [];
  return rows
    .map((row) => row.trim().split(/\s+/))
    .filter((cells) => uidColumns.some((i) => Number(cells[i]) === uid))
    .map((cells) => Number(cells[1]))
    .filter((id) => Number.isInteger(id));
}

/** Removes every System V IPC object `uid` owns; throws when one stays. */
export function removeIpcObjectsOf(uid: number, ipcrm = '/usr/bin/ipcrm'): void {
  for (const { file, flag } of TABLES) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue; // no such table in this kernel
    }
    for (const id of ownedIpcIds(table, uid)) {
      const removed = spawnSync(ipcrm, [flag, String(id)], { encoding: 'utf8' });
      if (removed.status !== 0 && !/invalid id|not found/i.test(removed.stderr)) throw new Error(`could not remove the student's IPC object ${flag} ${id}: ${removed.stderr || removed.error?.message}`);
    }
  }
}
