import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, rmdirSync, unlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { CONTAINER_LAYOUT, STUDENT } from '../../container-layout';

/**
 * Removes what student processes wrote, so that no test sees files from an earlier one:
 * everything in the student's home, and the student's own entries in the shared scratch
 * directories. Runs as the student (the clear-files runner): the harness's root has no
 * capability to enter the student's 0700 home or to delete another user's files in a
 * sticky /tmp. Run only once every other student process is gone, so nothing can change
 * under our feet; links are removed, never followed; a directory the student made
 * unwritable is made writable again first (its owner may).
 */
export function clearStudentFiles(places: StudentPlaces = CONTAINER_PLACES): void {
  for (const entry of entries(places.studentHome)) removeEntry(entry);
  resetHome(places.studentHome);
  for (const dir of places.sharedDirs) {
    for (const entry of entries(dir)) {
      if (ownerOf(entry) === places.studentUid) removeEntry(entry);
    }
  }
}

/**
 * The home itself stays, but what the student may set on it (its times, its mode) is set back:
 * a time or a mode left by one test could be read by the next, a channel between them. The
 * mode is the image's, 0755: the harness, root without DAC capabilities, enters the home as it
 * starts a student process there (libuv's chdir comes before the switch to the student's uid),
 * so a home made 0700 would turn every later test into the grader's error.
 */
function resetHome(home: string): void {
  try {
    chmodSync(home, 0o755);
    utimesSync(home, 0, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Removes one entry and everything under it. A tree deeper than a path may be long (built by
 * renaming directories into each other, so that no path the student gave was too long) cannot
 * be walked by path: coreutils' chmod and rm walk it by directory handle (fts, openat).
 */
function removeEntry(entry: string): void {
  try {
    remove(entry);
  } catch {
    spawnSync('/bin/chmod', ['-R', '--', 'u+rwx', entry], { stdio: 'ignore' });
    const removed = spawnSync('/bin/rm', ['-rf', '--one-file-system', '--', entry], { encoding: 'utf8' });
    if (ownerOf(entry) !== undefined) throw new Error(`could not remove ${entry}: ${removed.stderr || removed.error?.message || `rm exited ${removed.status}`}`);
  }
}

export interface StudentPlaces {
  studentHome: string;
  /** World-writable directories: only the entries studentUid owns are removed. */
  sharedDirs: readonly string[];
  studentUid: number;
}

const CONTAINER_PLACES: StudentPlaces = {
  studentHome: CONTAINER_LAYOUT.studentHome,
  sharedDirs: [CONTAINER_LAYOUT.tmpDir, CONTAINER_LAYOUT.sharedMemoryDir, CONTAINER_LAYOUT.messageQueueDir],
  studentUid: STUDENT.uid,
};

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).map((name) => path.join(dir, name));
  } catch {
    return []; // not there in this container
  }
}

function ownerOf(file: string): number | undefined {
  try {
    return lstatSync(file).uid;
  } catch {
    return undefined;
  }
}

function remove(file: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = lstatSync(file).isDirectory();
  } catch {
    return; // already gone
  }
  if (!isDirectory) {
    unlinkSync(file);
    return;
  }
  chmodSync(file, 0o700);
  for (const entry of entries(file)) remove(entry);
  rmdirSync(file);
}
