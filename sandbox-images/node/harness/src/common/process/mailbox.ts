import type { ChildProcess } from 'node:child_process';
import type { StudentProcessOutcome } from './run-as-student';

/** What a reader gets when nothing came within its time. */
export type Timeout = { kind: 'timeout' };

/**
 * The events of a long-lived runner process (a PostgreSQL engine, an injection session), as
 * its reader takes them one at a time: each posted event is kept until read; a state that
 * stands once reached (the process ended, an answer too large) is given by `settled` to
 * every later reader instead.
 */
export class Mailbox<E> {
  private readonly queued: E[] = [];
  private waiter: ((event: E | Timeout) => void) | undefined;

  /** Hands the event to the waiting reader, or keeps it for the next. */
  post(event: E): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter(event);
    else this.queued.push(event);
  }

  /** Hands the event to a waiting reader only: a state that `settled` tells later readers. */
  wake(event: E): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(event);
  }

  /**
   * The next event: a kept one, else the settled state, else what is posted within timeoutMs of
   * wall time. Plain wall time, not charged time (charged-time.ts): these runners serve generated
   * searches whose budgets are wall time, and a call stretched for a busy host outlasted its
   * search's budget there and changed the verdict (a runaway input no longer found in time).
   */
  next(timeoutMs: number, settled: () => E | undefined): Promise<E | Timeout> {
    if (this.queued.length > 0) return Promise.resolve(this.queued.shift()!);
    const state = settled();
    if (state !== undefined) return Promise.resolve(state);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve({ kind: 'timeout' });
      }, Math.max(0, timeoutMs));
      this.waiter = (event) => {
        clearTimeout(timer);
        resolve(event);
      };
    });
  }
}

/**
 * Ends a runner that reads requests from stdin: stdin closed (it exits by itself), killed
 * through `stopping` if it has not within graceMs. Resolves with how it ended.
 */
export async function closeRunner(child: ChildProcess | undefined, stopping: AbortController, finished: Promise<StudentProcessOutcome>, graceMs: number): Promise<StudentProcessOutcome> {
  child?.stdin?.end();
  const timer = setTimeout(() => stopping.abort(), graceMs);
  const outcome = await finished;
  clearTimeout(timer);
  return outcome;
}
