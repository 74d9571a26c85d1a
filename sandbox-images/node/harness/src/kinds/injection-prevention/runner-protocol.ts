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
