/**
 * Runs as the student's uid between two tests, when no other student process is left:
 * removes the files student code wrote (see clearStudentFiles) and its System V IPC objects
 * (student-ipc.ts). Exit code 0 when all is clear.
 */
import { STUDENT } from '../../container-layout';
import { clearStudentFiles } from './clear-student-files';
import { removeIpcObjectsOf } from './student-ipc';

try {
  clearStudentFiles();
  removeIpcObjectsOf(STUDENT.uid);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
}
