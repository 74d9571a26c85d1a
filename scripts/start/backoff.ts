/**
 * The restart rule of `npm start`'s supervisor, as pure functions: how long to wait before
 * restarting a child that exited unexpectedly, and when to give up on it instead.
 */

/** When and whether to restart a child. Every duration is in milliseconds. */
export interface RestartPolicy {
  /** Delay before the first restart; it doubles with each crash that follows a short run. */
  baseDelayMs: number;
  /** The doubling stops here, so a child that keeps crashing is still retried twice a minute. */
  maxDelayMs: number;
  /** A run at least this long counts as healthy: the next crash starts the backoff over. */
  stableAfterMs: number;
  /** A run shorter than this is a failed start (the child did not get as far as serving). */
  startupWindowMs: number;
  /** Give up after this many failed starts in a row by a child that has never yet stayed up startupWindowMs. */
  maxStartupFailures: number;
}

/**
 * 1 s doubling to 30 s, reset after a minute up. A child that fails its first 3 starts
 * within 10 s each is taken for a start-up failure (a port in use, an unreadable data
 * folder, a broken install): restarting it would only repeat the same error, so
 * `npm start` says so and stops. Once a child has stayed up 10 s it has proved that the
 * configuration works, and later crashes are always retried: the API keeps serving.
 */
export const DEFAULT_POLICY: RestartPolicy = {
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  startupWindowMs: 10_000,
  maxStartupFailures: 3,
};

/** What the supervisor remembers about one child between its runs. */
export interface CrashHistory {
  /** Crashes since the last healthy run (0 before the first crash). */
  crashes: number;
  /** Whether some run lasted startupWindowMs: the child has shown it can start. */
  hasStarted: boolean;
}

export const NO_CRASHES: CrashHistory = { crashes: 0, hasStarted: false };

/** The decision after an unexpected exit, with the history to remember for the next one. */
export type CrashDecision =
  | { action: 'restart'; delayMs: number; history: CrashHistory }
  | { action: 'give-up'; history: CrashHistory };

/** Delay before restarting after the `crashes`-th crash in a row (1-based): base × 2^(crashes − 1), capped. */
export function restartDelay(crashes: number, policy: RestartPolicy = DEFAULT_POLICY): number {
  // Math.min also tames 2 ** n overflowing to Infinity after very many crashes.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, crashes - 1));
}

/**
 * Decides what follows a child's unexpected exit after a run of `uptimeMs`: restart after a
 * delay that grows with the crashes since its last healthy run, or give up when it has failed
 * every one of its first maxStartupFailures starts.
 */
export function afterCrash(history: CrashHistory, uptimeMs: number, policy: RestartPolicy = DEFAULT_POLICY): CrashDecision {
  const crashes = uptimeMs >= policy.stableAfterMs ? 1 : history.crashes + 1;
  const hasStarted = history.hasStarted || uptimeMs >= policy.startupWindowMs;
  const next: CrashHistory = { crashes, hasStarted };
  if (!hasStarted && crashes >= policy.maxStartupFailures) return { action: 'give-up', history: next };
  return { action: 'restart', delayMs: restartDelay(crashes, policy), history: next };
}
