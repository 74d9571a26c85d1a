import { runAsStudent } from './run-as-student';
import { CLEAR_FILES_RUNNER, runnerPath } from '../student-runner';

/** Far more than removing a full 64 MiB tmpfs takes. */
const CLEAR_TIMEOUT_MS = 10_000;
/** New runners after one was killed by another's uid-wide kill: each starts after every student process is gone. */
const CLEAR_RETRIES = 2;

/**
 * Clears the student's files (clearStudentFiles) through a process of the student's own
 * uid; resolves once it is done. Throws when it could not: the next test would not start
 * clean, which is the grader's failure, not the student's.
 */
export async function clearStudentFilesAsStudent(): Promise<void> {
  const clear = () =>
    runAsStudent({
      args: [runnerPath(CLEAR_FILES_RUNNER)],
      cwd: '/',
      timeoutMs: CLEAR_TIMEOUT_MS,
      stdoutCapBytes: 4096,
      stderrCapBytes: 4096,
    });
  let outcome = await clear();
  // Killed by a signal it did not ask for: the uid-wide kill that follows a student process's
  // exit (a fork bomb's, reaped late) reaches every process of the uid, this one too. The runner
  // is killed with the rest; a new one, started after them, clears the files (seen once: a
  // fork bomb's submission became the grader's failure).
  for (let retry = 0; retry < CLEAR_RETRIES && outcome.signal !== null && !outcome.timedOut; retry++) outcome = await clear();
  if (outcome.exitCode !== 0) {
    const why = outcome.spawnError ?? (outcome.stderr.text().trim() || `exit ${outcome.exitCode ?? outcome.signal}`);
    throw new Error(`could not clear the student's files between tests: ${why}`);
  }
}
