import fc from 'fast-check';
import { searchCounterexample, seedOf } from './search';

describe('the search for a counterexample', () => {
  it('derives the same seed from the same parts, and another from other parts', () => {
    expect(seedOf('inject-login-lookup', 'v2', 'findUser')).toBe(seedOf('inject-login-lookup', 'v2', 'findUser'));
    expect(seedOf('inject-login-lookup', 'v2', 'findUser')).not.toBe(seedOf('inject-login-lookup', 'v3', 'findUser'));
    expect(Number.isInteger(seedOf('x'))).toBe(true);
  });

  it('finds an input where two functions differ and shrinks it to the smallest', async () => {
    const reference = (n: number) => Math.abs(n);
    const student = (n: number) => (n > 41 ? -n : Math.abs(n));
    const outcome = await searchCounterexample(fc.integer({ min: 0, max: 1_000_000 }), async (n) => (reference(n) === student(n) ? undefined : { expected: reference(n), actual: student(n) }), { seed: 7 });
    expect(outcome).toMatchObject({ kind: 'counterexample', input: 42, difference: { expected: 42, actual: -42 } });
  });

  it('gives the same counterexample on every run with the same seed', async () => {
    const differs = async (s: string) => (s.includes('%') ? 'a wildcard' : undefined);
    const once = await searchCounterexample(fc.string(), differs, { seed: seedOf('a'), runs: 500 });
    const again = await searchCounterexample(fc.string(), differs, { seed: seedOf('a'), runs: 500 });
    expect(again).toEqual(once);
  });

  it('says it held when no input shows a difference', async () => {
    expect(await searchCounterexample(fc.integer(), async () => undefined, { seed: 1, runs: 30 })).toEqual({ kind: 'held', runs: 30 });
  });

  it('lets the grader’s own failure through instead of taking it for a counterexample', async () => {
    await expect(
      searchCounterexample(fc.integer(), async () => {
        throw new Error('the reference could not start');
      }, { seed: 1, runs: 5 }),
    ).rejects.toThrow('the reference could not start');
  });

  it('reports the difference seen even when a flaky solution would not repeat it', async () => {
    let calls = 0;
    const outcome = await searchCounterexample(fc.constant(1), async () => (++calls === 1 ? 'answered differently once' : undefined), { seed: 1, runs: 3 });
    expect(outcome).toMatchObject({ kind: 'counterexample', input: 1, difference: 'answered differently once' });
  });
});
