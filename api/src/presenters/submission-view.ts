import type { z } from 'zod';
import type { SubmissionDocument, TestResult, Verdict } from '@grader/contracts';
import { adjustedScore } from '../assignments/deadlines';
import type { Submission } from '../store/submission-store';

/** What a reader sees of one test: everything of a visible test; of the others, what their visibility allows (staff see all). */
export interface TestView {
  name: string;
  visibility: TestResult['visibility'];
  status: TestResult['status'];
  verdict: Verdict;
  score: number;
  maxScore: number;
  message: string;
  expected?: string;
  actual?: string;
}

/**
 * Who reads a submission: its owner (a student); its owner once the tests are revealed to them
 * (an assignment's due date has passed: testsRevealedTo), who sees every test whole as staff do;
 * or staff (instructors and admins), who always see every test whole.
 */
export type Audience = 'owner' | 'revealed' | 'staff';

const OUTCOME_ONLY: Record<Verdict, string> = {
  accepted: 'passed',
  tests_failed: 'wrong result',
  compile_error: 'did not compile',
  runtime_error: 'failed while running',
  time_limit_exceeded: 'ran longer than the time limit',
  memory_limit_exceeded: 'used more memory than the limit',
  output_limit_exceeded: 'produced more output than the limit',
  internal_error: 'the grader failed on this test',
};

export const GRADER_FAILED_MESSAGE =
  'The grader could not grade this submission because of a problem on our side. It does not count against you; staff have been told. Submit again later.';

/**
 * Hides what tests must keep hidden from their owner. The harness already withholds data from
 * non-visible tests' own fields (a name-only test's message names the class of input and the
 * parameter or route, never the data); this is the second line, applied to whatever was stored:
 * - visible: name, message, expected and actual;
 * - name-only: name and the harness's message, never expected or actual;
 * - hidden: "Hidden test N" and the outcome only.
 * Staff see every test whole: its real name, and for a test that is not visible the feedback the
 * harness kept for them (`staff`), with the data, so that they can tell a student why.
 */
export function testView(test: TestResult, hiddenIndex: number, audience: Audience = 'owner'): TestView {
  const outcome = { visibility: test.visibility, status: test.status, verdict: test.verdict, score: test.score, maxScore: test.maxScore };
  const whole = (detail: { message: string; expected?: string; actual?: string }): TestView => ({
    name: test.name,
    ...outcome,
    message: detail.message,
    ...(detail.expected !== undefined ? { expected: detail.expected } : {}),
    ...(detail.actual !== undefined ? { actual: detail.actual } : {}),
  });
  if (audience !== 'owner') return whole(test.staff ?? test);
  switch (test.visibility) {
    case 'visible':
      return whole(test);
    case 'name-only':
      return { name: test.name, ...outcome, message: test.message || OUTCOME_ONLY[test.verdict] };
    case 'hidden':
      return { name: `Hidden test ${hiddenIndex}`, ...outcome, message: OUTCOME_ONLY[test.verdict] };
  }
}

export function submissionView(s: Submission, audience: Audience = 'owner'): z.input<typeof SubmissionDocument> {
  let hidden = 0;
  const tests = (s.result?.tests ?? []).map((t) => testView(t, t.visibility === 'hidden' ? ++hidden : 0, audience));
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
    ...(s.assignment
      ? {
          assignment: {
            ...s.assignment,
            adjustedScore: s.status === 'graded' && s.score !== null ? adjustedScore(s.score, s.assignment.penaltyPercent) : null,
            testsRevealed: audience !== 'owner',
          },
        }
      : {}),
  };
}
export type SubmissionView = ReturnType<typeof submissionView>;
