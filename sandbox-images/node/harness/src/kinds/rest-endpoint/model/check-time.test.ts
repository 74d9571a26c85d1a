import { LIMITS } from '../../../contracts';
import { generatedFeedback } from './feedback';
import { checkTimeMs } from './session';

describe('the search time of a generated REST check', () => {
  it("is the check's share of the time left, less a start of the apps", () => {
    expect(checkTimeMs(20_000, 2, 3_000)).toBe(7_000);
  });

  it('is at most LIMITS.generated.timeMsMax, however much time is left', () => {
    expect(checkTimeMs(600_000, 1, 3_000)).toBe(LIMITS.generated.timeMsMax);
  });

  it('is at least LIMITS.generated.timeMsMin when the tests before it used the time up', () => {
    expect(checkTimeMs(-5_000, 1, 3_000)).toBe(LIMITS.generated.timeMsMin);
    expect(checkTimeMs(1_000, 3, 3_000)).toBe(LIMITS.generated.timeMsMin);
  });
});

describe('a generated REST check whose time ran out before its sequences were all sent', () => {
  const outcome = { kind: 'unfinished' as const, runs: 12, asked: 40 };

  it('is a time-out, never a pass: an app could otherwise cut the search short by answering slowly', () => {
    expect(generatedFeedback(outcome, 'visible')).toEqual({
      status: 'error',
      verdict: 'time_limit_exceeded',
      message: "your app was too slow for this check: 12 of 40 sequences of generated requests answered in the check's time, all as the reference does; answer each request promptly",
    });
  });

  it('names the fresh start as where the time went when building the app took a large part of it', () => {
    expect(generatedFeedback({ ...outcome, startMs: 1_512 }, 'visible').message).toBe(
      "your app was too slow for this check: 12 of 40 sequences of generated requests answered in the check's time, all as the reference does; the check builds your app afresh before each sequence, and that took about 1.5 s each time: keep slow work out of the function that builds your app, createApp() or create_app() (do it once, or lazily)",
    );
    expect(generatedFeedback({ ...outcome, startMs: 40 }, 'visible').message).toMatch(/answer each request promptly$/);
  });

  it('says only that the app was too slow where the test is hidden', () => {
    expect(generatedFeedback(outcome, 'hidden').message).toBe('your app was too slow for this check');
  });
});
