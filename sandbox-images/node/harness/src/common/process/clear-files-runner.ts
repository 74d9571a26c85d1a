/**
 * Runs as the student's uid between two tests, when no other student process is left:
 * removes the files student code wrote (see clearStudentFiles). Exit code 0 when all is clear.
 */
import { clearStudentFiles } from './clear-student-files';

try {
  clearStudentFiles();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
}
