import fc from 'fast-check';
import { LIMITS } from '../../contracts';

/**
 * The search behind every generated check, in every kind: property-based testing (QuickCheck,
 * Claessen and Hughes 2000; here fast-check) with the reference solution as the oracle. Inputs
 * are drawn from an arbitrary, each is run by a caller-given comparison of the student's code
 * with the reference on identical fresh state, and the first input on which they differ is
 * shrunk to a minimal counterexample.
 *
 * Deterministic by construction: the seed comes from the exercise and the check, never from
 * the clock, so a submission graded twice meets the same inputs and gets the same grade and the
 * same counterexample (the time budget only matters to a solution so slow that it hits it,
 * and then its own time-outs decide).
 */

/** 32-bit FNV-1a of the parts, joined by NUL: a stable seed from text. */
export function seedOf(...parts: string[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('\0')) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash | 0;
}

/**
 * The drawn inputs that must have been judged, all agreeing, for a check whose time ran out
 * first to pass (LIMITS.generated.enoughRunsFraction): a busy host slows both solutions, and a
 * verdict must not follow the machine's load; fewer is a time-out, never a pass.
 */
export function enoughRuns(drawn: number): number {
  return Math.ceil(drawn * LIMITS.generated.enoughRunsFraction);
}

export interface SearchOptions<I = unknown> {
  seed: number;
  /** Inputs to try (LIMITS.generated.runs by default, at most runsMax). */
  runs?: number;
  /** Time for the search and the shrinking, milliseconds (LIMITS.generated.timeMs by default, at most timeMsMax). */
  timeMs?: number;
  /** Inputs tried first, in order, before the drawn ones; they count among `runs`. */
  examples?: I[];
}

export type SearchOutcome<I, D> =
  /** No input showed a difference. `runs` may be below the asked number when the time ran out. */
  | { kind: 'held'; runs: number }
  /** `input` is the shrunk counterexample and `difference` what the comparison said of it. */
  | { kind: 'counterexample'; input: I; difference: D; runs: number; shrinks: number };

/**
 * Looks for an input on which `differs` reports a difference (a value), shrinking the first
 * one found. `differs` answers undefined when both sides agree. An exception thrown by `differs`
 * is not a difference: it propagates (it is the grader's failure, not the student's).
 */
export async function searchCounterexample<I, D>(arbitrary: fc.Arbitrary<I>, differs: (input: I) => Promise<D | undefined>, options: SearchOptions<I>): Promise<SearchOutcome<I, D>> {
  const runs = Math.min(options.runs ?? LIMITS.generated.runs, LIMITS.generated.runsMax);
  const timeMs = Math.min(options.timeMs ?? LIMITS.generated.timeMs, LIMITS.generated.timeMsMax);
  let graderFailure: unknown;
  // The difference of the last failing input: fast-check shrinks by trying smaller inputs and
  // keeping each that still fails, so the last one to fail is the counterexample it reports.
  let lastFailure: { input: I; difference: D } | undefined;
  const property = fc.asyncProperty(arbitrary, async (input) => {
    try {
      const difference = await differs(input);
      if (difference === undefined) return true;
      lastFailure = { input, difference };
      return false;
    } catch (err) {
      // Kept aside: fast-check would otherwise treat it as a failing input and shrink it.
      graderFailure ??= err;
      return true;
    }
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: runs,
    interruptAfterTimeLimit: timeMs,
    markInterruptAsFailure: false,
    ...(options.examples && { examples: options.examples.map((example): [I] => [example]) }),
  });
  if (graderFailure !== undefined) throw graderFailure;
  if (!details.failed || !lastFailure) return { kind: 'held', runs: details.numRuns };
  return { kind: 'counterexample', input: lastFailure.input, difference: lastFailure.difference, runs: details.numRuns, shrinks: details.numShrinks };
}
