import { z } from 'zod';

/**
 * The stable set of verdicts a graded submission can carry. Clients may switch on
 * these strings; never rename one, only add.
 */
export const VERDICTS = {
  accepted: 'Every test passed.',
  tests_failed: 'The solution ran, but at least one test did not pass.',
  compile_error: 'The solution could not be compiled or parsed.',
  runtime_error: 'The solution failed while running (an exception, a crash or a non-zero exit).',
  time_limit_exceeded: 'The solution ran longer than the time limit.',
  memory_limit_exceeded: 'The solution used more memory than the limit.',
  output_limit_exceeded: 'The solution produced more output than the limit.',
  internal_error: 'The grader itself failed; this is not a judgement of the solution.',
} as const;

export const Verdict = z.enum(Object.keys(VERDICTS) as [keyof typeof VERDICTS, ...(keyof typeof VERDICTS)[]]);
export type Verdict = z.infer<typeof Verdict>;

/**
 * When several tests fail for different reasons, the submission's verdict is the most
 * fundamental one: a compile error explains every failure after it, a resource overrun
 * explains a wrong answer, and so on.
 */
export const VERDICT_PRECEDENCE: readonly Verdict[] = [
  'internal_error',
  'compile_error',
  'memory_limit_exceeded',
  'time_limit_exceeded',
  'output_limit_exceeded',
  'runtime_error',
  'tests_failed',
  'accepted',
];

export function mostSevere(verdicts: Iterable<Verdict>): Verdict {
  let best: Verdict = 'accepted';
  for (const v of verdicts) {
    if (VERDICT_PRECEDENCE.indexOf(v) < VERDICT_PRECEDENCE.indexOf(best)) best = v;
  }
  return best;
}
