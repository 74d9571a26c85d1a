import { runAsStudent } from './run-as-student';
import { CLEAR_FILES_RUNNER, runnerPath } from '../student-runner';

/** Far more than removing a full 64 MiB tmpfs takes. */
const CLEAR_TIMEOUT_MS = 10_000;

/**
 * Clears the student's files (clearStudentFiles) through a process of the student's own
 * uid; resolves once it is done. Throws when it could not: the next test would not start
 * clean, which is the grader's failure, not the student's.
 */
export async function clearStudentFilesAsStudent(): Promise<void> {
  const outcome = await runAsStudent({
    args: [runnerPath(CLEAR_FILES_RUNNER)],
    cwd: '/',
    timeoutMs: CLEAR_TIMEOUT_MS,
    stdoutCapBytes: 4096,
    stderrCapBytes: 4096,
  });
  if (outcome.exitCode !== 0) {
    const why = outcome.spawnError ?? (outcome.stderr.text().trim() || `exit ${outcome.exitCode ?? outcome.signal}`);
    throw new Error(`could not clear the student's files between tests: ${why}`);
  }
}
