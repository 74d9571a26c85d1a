import { LIMITS, mostSevere, SANDBOX_PROTOCOL, type SandboxResult, type TestResult } from '../contracts';

/**
 * The submission's result from its tests' results: the verdict is the most severe one,
 * the score the sum of the passed tests' points, the message one line a student reads first.
 */
export function summarize(tests: TestResult[], maxScore: number): SandboxResult {
  const verdict = mostSevere(tests.map((t) => t.verdict));
  const passed = tests.filter((t) => t.status === 'passed');
  const score = Math.min(
    maxScore,
    passed.reduce((sum, t) => sum + t.score, 0),
  );
  const counts = `${passed.length} of ${tests.length} ${tests.length === 1 ? 'test' : 'tests'} passed`;
  const first = tests.find((t) => t.verdict === verdict);
  let message: string;
  if (verdict === 'accepted') message = tests.length === 1 ? 'the test passed' : `all ${tests.length} tests passed`;
  else if (verdict === 'tests_failed' || !first) message = counts;
  // The compile error explains every test: say it, nothing else.
  else if (verdict === 'compile_error') message = first.message;
  else message = `${counts}; ${first.message}`;
  return { protocol: SANDBOX_PROTOCOL, verdict, score, maxScore, message: message.slice(0, LIMITS.text.resultMessageChars), tests };
}

/** A result for when the harness could not grade at all; the message is for staff. */
export function internalErrorResult(message: string, maxScore = 0): SandboxResult {
  return {
    protocol: SANDBOX_PROTOCOL,
    verdict: 'internal_error',
    score: 0,
    maxScore,
    message: `the grader failed: ${message}`.slice(0, LIMITS.text.resultMessageChars),
    tests: [],
  };
}
