import { LIMITS } from '@grader/contracts';
import { retryBackoffStrategy, retryDelayMs, retryJobOptions, retryWindowMs, RETRY_BACKOFF_TYPE } from './retry-policy';

const DEFAULT = { attempts: LIMITS.queue.attempts, firstDelayMs: LIMITS.queue.firstRetryDelayMs, maxDelayMs: LIMITS.queue.maxRetryDelayMs };

describe('the retry policy of infrastructure failures', () => {
  it('doubles the delay from the first one up to the cap', () => {
    const policy = { firstDelayMs: 2_000, maxDelayMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 11].map((n) => retryDelayMs(n, policy))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('outlasts an outage of several minutes with the default limits, not seconds', () => {
    expect(retryWindowMs(DEFAULT)).toBeGreaterThanOrEqual(5 * 60_000);
    expect(retryWindowMs(DEFAULT)).toBeLessThanOrEqual(15 * 60_000);
  });

  it('gives producers our backoff type and workers the strategy for it', () => {
    expect(retryJobOptions(DEFAULT)).toEqual({ attempts: DEFAULT.attempts, backoff: { type: RETRY_BACKOFF_TYPE, delay: DEFAULT.firstDelayMs } });
    const strategy = retryBackoffStrategy(DEFAULT);
    expect(strategy(3, RETRY_BACKOFF_TYPE)).toBe(4 * DEFAULT.firstDelayMs);
    expect(strategy(3, 'something-else')).toBe(0);
  });

  it('never overflows, however many attempts', () => {
    expect(retryDelayMs(10_000, { firstDelayMs: 1, maxDelayMs: 5 })).toBe(5);
  });
});
