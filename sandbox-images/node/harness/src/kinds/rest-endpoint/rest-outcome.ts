/** What happened in one test of a rest-endpoint exercise, before it is put into words. */
export type RestTestOutcome =
  | { kind: 'passed' }
  /** The submission cannot run at all (a syntax error, the entry module missing). */
  | { kind: 'compile'; message: string }
  | { kind: 'assertion'; message: string; expected?: string; actual?: string }
  /** The app's process ended before it listened; `log` is the tail of its stderr, `exit` how it ended. */
  | { kind: 'start-crash'; log: string; exit: string }
  | { kind: 'start-silent'; limitMs: number }
  /** No answer in the test's time; `request` is the one still waiting, if any. */
  | { kind: 'no-answer'; request?: string; limitMs: number }
  /** The app's process ended during the test. */
  | { kind: 'crash'; request?: string; log: string }
  /** A request failed while the app still ran (e.g. the connection was reset). */
  | { kind: 'connection'; request: string; reason: string }
  /** The app's processes hit the container's pids limit (a fork bomb): decides the test whatever else happened. */
  | { kind: 'processes' }
  | { kind: 'memory'; limitMb: number }
  | { kind: 'output'; limitBytes: number }
  | { kind: 'too-large'; request: string; limitBytes: number }
  /** The grader or the exercise is at fault; the message is for staff. */
  | { kind: 'internal'; message: string };
