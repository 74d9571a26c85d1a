import { TEST_TEXT_MAX, type TestResult, type TestStatus, type Verdict, type Visibility } from './contracts';

/** What every kind's feedback says of one test, before points and visibility are added. */
export interface TestFeedback {
  status: TestStatus;
  verdict: Verdict;
  message: string;
  /** Short renderings for visible tests only. */
  expected?: string;
  actual?: string;
}

/**
 * A test's entry in the result document: its feedback with the points it earned, the texts
 * held to the contract's bound (messages are short by construction; this only makes it
 * certain), and how long it took where that was measured.
 */
export function testResultOf(test: { name: string; visibility: Visibility; points: number }, feedback: TestFeedback, durationMs?: number): TestResult {
  const clip = (text: string) => text.slice(0, TEST_TEXT_MAX);
  return {
    name: test.name,
    visibility: test.visibility,
    status: feedback.status,
    verdict: feedback.verdict,
    score: feedback.status === 'passed' ? test.points : 0,
    maxScore: test.points,
    message: clip(feedback.message),
    ...(feedback.expected !== undefined && { expected: clip(feedback.expected) }),
    ...(feedback.actual !== undefined && { actual: clip(feedback.actual) }),
    ...(durationMs !== undefined && { durationMs }),
  };
}
