import { ProvisionError, oneLine } from './errors';
import { LIMITS } from '@grader/contracts/src/limits';

/**
 * Progress output: each step ends with exactly one line, "✓ what is in place" or
 * "✗ step: why not". A step doing slow work first says so with a "… doing what" line
 * (on a terminal that line is replaced by the final one).
 */

export type Log = (line: string) => void;

/** What a step reports when done: its ✓ line, and a value for later steps. */
export interface StepOutcome<T> {
  message: string;
  value: T;
}

export function done(message: string): StepOutcome<void>;
export function done<T>(message: string, value: T): StepOutcome<T>;
export function done<T>(message: string, value?: T): StepOutcome<T | undefined> {
  return { message, value };
}

/** Tells that slow work is starting (one "…" line). */
export type Progress = (message: string) => void;

/** Marks an error already printed by `step`, so callers do not print it twice. */
export class StepFailed extends ProvisionError {
  override name = 'StepFailed';
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * Runs one provisioning step: prints its ✓ line (or the error's detail lines and its ✗ line,
 * then throws a StepFailed whose message is that one line).
 */
export async function step<T>(
  log: Log,
  label: string,
  fn: (progress: Progress) => Promise<StepOutcome<T>>,
): Promise<T> {
  const started = Date.now();
  try {
    const outcome = await fn((message) => log(`… ${message}`));
    const elapsed = Date.now() - started;
    log(`✓ ${outcome.message}${elapsed >= LIMITS.tooling.showDurationMs ? ` in ${formatDuration(elapsed)}` : ''}`);
    return outcome.value;
  } catch (err) {
    if (err instanceof ProvisionError) for (const line of err.detail) log(`  ${line}`);
    const message = `${label}: ${oneLine(err)}`;
    log(`✗ ${message}`);
    throw new StepFailed(message);
  }
}

/**
 * A Log writing to a stream. On a terminal, a "…" line stays open and is overwritten by
 * the next line; elsewhere (CI logs) every line is kept.
 */
export function streamLog(stream: NodeJS.WriteStream = process.stdout): Log {
  if (!stream.isTTY) return (line) => stream.write(`${line}\n`);
  let open = false;
  return (line) => {
    const clear = open ? '\r\x1b[2K' : '';
    open = line.startsWith('… ');
    stream.write(open ? `${clear}${line}` : `${clear}${line}\n`);
  };
}
