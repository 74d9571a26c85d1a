import { LIMITS } from '@grader/contracts';

/**
 * How grading and validation jobs are retried after an infrastructure failure (the Docker
 * engine unreachable or restarting, the API not answering a bundle request, a worker dying
 * mid-job). Delays double from the first one up to a cap, so a short blip costs seconds and
 * a long outage (an engine restart, a host reboot) is still outlasted: with the defaults,
 * 12 attempts span about 7 minutes. Only then is the submission shown as a grader error,
 * which staff can queue again (POST /api/submissions/{id}/requeue).
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the first retry, milliseconds. */
  firstDelayMs: number;
  /** No delay between attempts is longer than this, milliseconds. */
  maxDelayMs: number;
}

/** The policy of limits.ts, for producers and workers built without a deployment's config (tests, tools). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: LIMITS.queue.attempts,
  firstDelayMs: LIMITS.queue.firstRetryDelayMs,
  maxDelayMs: LIMITS.queue.maxRetryDelayMs,
};

/** The BullMQ backoff type of our jobs; its strategy is `retryBackoffStrategy`, set on every worker. */
export const RETRY_BACKOFF_TYPE = 'capped-exponential';

/** The delay before retry number `attemptsMade` (1 after the first failure), milliseconds. */
export function retryDelayMs(attemptsMade: number, policy: Pick<RetryPolicy, 'firstDelayMs' | 'maxDelayMs'>): number {
  const exponent = Math.max(0, attemptsMade - 1);
  // 2^exponent overflows nothing before the cap wins: exponent is at most attempts - 1.
  return Math.min(policy.firstDelayMs * 2 ** Math.min(exponent, 30), policy.maxDelayMs);
}

/** The whole time from the first failure to the last attempt, milliseconds: what an outage may last and still end in a grade. */
export function retryWindowMs(policy: RetryPolicy): number {
  let total = 0;
  for (let n = 1; n < policy.attempts; n++) total += retryDelayMs(n, policy);
  return total;
}

/** Job options for a producer: how many attempts, and which backoff. */
export function retryJobOptions(policy: RetryPolicy) {
  return { attempts: policy.attempts, backoff: { type: RETRY_BACKOFF_TYPE, delay: policy.firstDelayMs } };
}

/**
 * The `settings.backoffStrategy` of a BullMQ worker: the capped exponential for our type.
 * A job queued with another type (none today) is retried at once rather than never.
 */
export function retryBackoffStrategy(policy: RetryPolicy) {
  return (attemptsMade: number, type?: string): number => (type === RETRY_BACKOFF_TYPE ? retryDelayMs(attemptsMade, policy) : 0);
}
