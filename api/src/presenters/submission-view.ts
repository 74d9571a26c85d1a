import type { TestResult, Verdict } from '@grader/shared';
import type { Submission } from '../store/submission-store';

/** What a student sees of one test: everything for visible tests, the outcome only otherwise. */
export interface TestView {
  name: string;
  status: TestResult['status'];
  verdict: Verdict;
  score: number;
  maxScore: number;
  message: string;
  expected?: string;
  actual?: string;
}

const OUTCOME_ONLY: Record<Verdict, string> = {
  accepted: 'Passed.',
  tests_failed: 'Wrong result.',
  compile_error: 'Did not compile.',
  runtime_error: 'Failed while running.',
  time_limit_exceeded: 'Ran longer than the time limit.',
  memory_limit_exceeded: 'Used more memory than the limit.',
  output_limit_exceeded: 'Produced more output than the limit.',
  internal_error: 'The grader failed on this test.',
};

export const GRADER_FAILED_MESSAGE =
  'The grader could not grade this submission because of a problem on our side. It does not count against you; staff have been told. Submit again later.';

/**
 * Hides what hidden tests must keep hidden. The harness already withholds data from
 * non-visible tests; this is the second line, applied to whatever was stored.
 */
export function testView(test: TestResult, hiddenIndex: number): TestView {
  const outcome = { status: test.status, verdict: test.verdict, score: test.score, maxScore: test.maxScore };
  switch (test.visibility) {
    case 'visible':
      return { name: test.name, ...outcome, message: test.message, ...(test.expected !== undefined ? { expected: test.expected } : {}), ...(test.actual !== undefined ? { actual: test.actual } : {}) };
    case 'name-only':
      return { name: test.name, ...outcome, message: OUTCOME_ONLY[test.verdict] };
    case 'hidden':
      return { name: `Hidden test ${hiddenIndex}`, ...outcome, message: OUTCOME_ONLY[test.verdict] };
  }
}

export function submissionView(s: Submission) {
  let hidden = 0;
  const tests = (s.result?.tests ?? []).map((t) => testView(t, t.visibility === 'hidden' ? ++hidden : 0));
  return {
    id: s.id,
    exercise: s.exercise,
    exerciseVersion: s.exerciseVersion,
    // Only ever shown to the submission's owner and to staff (see the routes' authorisation).
    files: s.files,
    status: s.status,
    score: s.status === 'graded' ? s.score : null,
    maxScore: s.maxScore,
    verdict: s.verdict,
    message: s.status === 'error' ? GRADER_FAILED_MESSAGE : (s.result?.message ?? null),
    tests,
    createdAt: s.createdAt,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
  };
}
export type SubmissionView = ReturnType<typeof submissionView>;
