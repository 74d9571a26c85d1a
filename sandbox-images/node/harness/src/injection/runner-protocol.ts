/**
 * The request the harness gives the injection runner on stdin (read whole before any of
 * the student's code is loaded), and how the runner frames its report on stdout: after
 * whatever the student's code printed, MARKER + nonce, a newline, the report as JSON.
 */
export interface InjectionRequest {
  /** Frames the report; random per test, never in the runner's environment or arguments. */
  nonce: string;
  /** The student's module, under /submission. */
  module: string;
  /** The test's database file (the runner opens it read-write). */
  database: string;
  /** Each call: the function's name and its arguments in order; a missing argument is `{}` (undefined). */
  calls: Array<{ fn: string; args: Array<{ value: unknown } | Record<string, never>> }>;
  /** Bytes of JSON one call's result may take. */
  maxResultBytes: number;
}

export const INJECTION_REPORT_MARKER = '\n@@injection-report@@';
/** Printed with the nonce once the student's module has loaded, before the first call. */
export const INJECTION_LOADED_MARKER = '\n@@injection-loaded@@';
