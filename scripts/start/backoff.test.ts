import { afterCrash, DEFAULT_POLICY, NO_CRASHES, restartDelay, type CrashHistory, type RestartPolicy } from './backoff';

const SHORT_RUN = 50;
const policy: RestartPolicy = DEFAULT_POLICY;

/** Feeds runs of the given lengths to afterCrash, returning each decision. */
function crashAfterRuns(uptimes: number[], start: CrashHistory = NO_CRASHES) {
  let history = start;
  return uptimes.map((uptime) => {
    const decision = afterCrash(history, uptime, policy);
    history = decision.history;
    return decision;
  });
}

describe('restartDelay', () => {
  it('waits 1 s after a first crash and doubles with each crash in a row, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelay(n))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });
  it('stays at the cap after very many crashes', () => {
    expect(restartDelay(5000)).toBe(30_000);
  });
  it('scales with the policy given', () => {
    expect([1, 2, 3, 4].map((n) => restartDelay(n, { ...policy, baseDelayMs: 10, maxDelayMs: 40 }))).toEqual([10, 20, 40, 40]);
  });
});

describe('afterCrash', () => {
  it('gives up on a child whose first 3 starts each failed within the start-up window', () => {
    const decisions = crashAfterRuns([SHORT_RUN, SHORT_RUN, SHORT_RUN]);
    expect(decisions.map((d) => d.action)).toEqual(['restart', 'restart', 'give-up']);
    expect(decisions.slice(0, 2).map((d) => (d.action === 'restart' ? d.delayMs : null))).toEqual([1000, 2000]);
  });
  it('never gives up on a child that once stayed up past the start-up window, however often it crashes after', () => {
    const decisions = crashAfterRuns([policy.startupWindowMs, ...Array<number>(20).fill(SHORT_RUN)]);
    expect(decisions.every((d) => d.action === 'restart')).toBe(true);
    expect(decisions.at(-1)).toMatchObject({ delayMs: policy.maxDelayMs });
  });
  it('keeps doubling after runs longer than the start-up window but shorter than a healthy run', () => {
    const delays = crashAfterRuns([20_000, 20_000, 20_000]).map((d) => (d.action === 'restart' ? d.delayMs : null));
    expect(delays).toEqual([1000, 2000, 4000]);
  });
  it('starts the backoff over at 1 s after a run of at least a minute', () => {
    const decisions = crashAfterRuns([20_000, 20_000, 20_000, 20_000, policy.stableAfterMs, SHORT_RUN]);
    expect(decisions.map((d) => (d.action === 'restart' ? d.delayMs : null))).toEqual([1000, 2000, 4000, 8000, 1000, 2000]);
  });
  it('remembers that the child has started, and the crashes since its last healthy run', () => {
    expect(afterCrash(NO_CRASHES, policy.stableAfterMs + 1, policy).history).toEqual({ crashes: 1, hasStarted: true });
    expect(afterCrash({ crashes: 4, hasStarted: true }, SHORT_RUN, policy).history).toEqual({ crashes: 5, hasStarted: true });
  });
});
