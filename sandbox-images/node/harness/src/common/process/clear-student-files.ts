import { chmodSync, lstatSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
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
  for (const entry of entries(places.studentHome)) remove(entry);
  for (const dir of places.sharedDirs) {
    for (const entry of entries(dir)) {
      if (ownerOf(entry) === places.studentUid) remove(entry);
    }
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
