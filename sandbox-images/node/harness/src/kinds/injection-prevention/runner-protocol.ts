/**
 * The request the harness gives the injection runner on stdin (its first line, read whole
 * before any of the student's code is loaded), and how the runner frames its reports on
 * stdout: after whatever the student's code printed, MARKER + nonce, a newline, the report as
 * JSON on one line.
 *
 * A fixed test is one request: the calls, one report, the process ends. A generated check is a
 * session: the first request has no calls and `session: true`; then the harness writes one
 * case per line (InjectionCase) and reads its report before it writes the next, resetting the
 * database file in between. Only the first line carries the nonce.
 */
export interface InjectionRequest {
  /** Frames the report; random per test, never in the runner's environment or arguments. */
  nonce: string;
  /** The student's module, under /submission. */
  module: string;
  /** The test's database file (the runner opens it read-write). */
  database: string;
  /** Each call: the function's name and its arguments in order; a missing argument is `{}` (undefined). */
  calls: InjectionCallRequest[];
  /** Bytes of JSON one call's result may take. */
  maxResultBytes: number;
  /** Lower-case taint markers: SQL texts holding one are reported first and cut around it. */
  markers?: string[];
  /** After loading the module, take cases from stdin, one per line, until it ends. */
  session?: boolean;
}

export interface InjectionCallRequest {
  fn: string;
  args: Array<{ value: unknown } | Record<string, never>>;
}

/** One case of a session: calls on the database as the harness has just reset it. */
export interface InjectionCase {
  calls: InjectionCallRequest[];
  markers: string[];
}

export const INJECTION_REPORT_MARKER = '\n@@injection-report@@';
/** Printed with the nonce once the student's module has loaded, before the first call. */
export const INJECTION_LOADED_MARKER = '\n@@injection-loaded@@';

/**
 * Printed with the nonce by the runner when it fails itself, before it exits with code 70. Exit
 * code 70 alone proves nothing once the student's code has run (process.exit(70) is anyone's):
 * only this token, which the student's code cannot know, makes the end the grader's failure.
 * Before the request is read nothing of the student's has run, and 70 there is the runner's.
 */
export const INJECTION_CRASH_MARKER = '\n@@injection-crash@@';
/** The exit code of the runner's own failure (EX_SOFTWARE). */
export const INJECTION_CRASH_EXIT = 70;

/** Printed with the nonce once the request is read, before anything of the student's runs. */
export const INJECTION_READ_MARKER = '\n@@injection-read@@';

/**
 * Whether the runner's process ended in its own failure: exit code 70 before it read its request
 * (nothing of the student's had run), or after it with its crash token (INJECTION_CRASH_MARKER).
 */
export function runnerCrashed(exitCode: number | null, seen: { requestRead: boolean; crashToken: boolean }): boolean {
  return exitCode === INJECTION_CRASH_EXIT && (!seen.requestRead || seen.crashToken);
}

/** What of the runner's own tokens a one-shot run's stdout holds. */
export function tokensIn(stdout: string, nonce: string): { requestRead: boolean; crashToken: boolean } {
  return { requestRead: stdout.includes(`${INJECTION_READ_MARKER}${nonce}\n`), crashToken: stdout.includes(`${INJECTION_CRASH_MARKER}${nonce}\n`) };
}
