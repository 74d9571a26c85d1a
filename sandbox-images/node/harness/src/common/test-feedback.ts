import { TEST_TEXT_MAX, type TestResult, type TestStatus, type Verdict, type Visibility } from '../contracts';

/** What every kind's feedback says of one test, before points and visibility are added. */
export interface TestFeedback {
  status: TestStatus;
  verdict: Verdict;
  message: string;
  /** Short renderings for visible tests only. */
  expected?: string;
  actual?: string;
}

/** A kind's feedback for one outcome, as it reads at a given visibility. */
export type FeedbackAt = (visibility: Visibility) => TestFeedback;

/**
 * A test's entry in the result document: its feedback with the points it earned, the texts
 * held to the contract's bound (messages are short by construction; this only makes it
 * certain), and how long it took where that was measured.
 *
 * Given the kind's feedback as a function of visibility, a test that is not visible also keeps,
 * apart in `staff`, its feedback as a visible test would have it (the data, expected and
 * actual): staff see it, the API never shows it to students.
 */
export function testResultOf(test: { name: string; visibility: Visibility; points: number }, feedback: TestFeedback | FeedbackAt, durationMs?: number): TestResult {
  const clip = (text: string) => text.slice(0, TEST_TEXT_MAX);
  const own = typeof feedback === 'function' ? feedback(test.visibility) : feedback;
  const whole = typeof feedback === 'function' && test.visibility !== 'visible' && own.status !== 'passed' ? feedback('visible') : undefined;
  return {
    name: test.name,
    visibility: test.visibility,
    status: own.status,
    verdict: own.verdict,
    score: own.status === 'passed' ? test.points : 0,
    maxScore: test.points,
    message: clip(own.message),
    ...(own.expected !== undefined && { expected: clip(own.expected) }),
    ...(own.actual !== undefined && { actual: clip(own.actual) }),
    ...(durationMs !== undefined && { durationMs }),
    ...(whole && {
      staff: {
        message: clip(whole.message),
        ...(whole.expected !== undefined && { expected: clip(whole.expected) }),
        ...(whole.actual !== undefined && { actual: clip(whole.actual) }),
      },
    }),
  };
}
