import type { TestResult, Visibility } from '../../contracts';
import { testResultOf } from '../../common/test-feedback';
import type { Judgement } from './judge';
import type { InjectionTest } from './types';

/** The judgement's message for the test's visibility; expected and actual only for a failing visible test (and for staff). */
export function injectionTestResult(test: InjectionTest, judgement: Judgement, durationMs?: number): TestResult {
  const feedbackAt = (visibility: Visibility) => {
    const showOutputs = visibility === 'visible' && judgement.status !== 'passed';
    return {
      status: judgement.status,
      verdict: judgement.verdict,
      message: visibility === 'visible' ? judgement.visible : visibility === 'name-only' ? judgement.nameOnly : judgement.hidden,
      ...(showOutputs && judgement.expected !== undefined && { expected: judgement.expected }),
      ...(showOutputs && judgement.actual !== undefined && { actual: judgement.actual }),
    };
  };
  return testResultOf(test, feedbackAt, durationMs);
}

/**
 * The submission's headline names the injection: "3 of 14 tests passed; 9 failed because input
 * reached the SQL (an SQL injection): …". A count only, hidden tests' included (it names no input).
 */
export function injectionNote(outcomes: ReadonlyArray<Judgement | undefined>): string | undefined {
  const injected = outcomes.filter((o) => o?.injection === true).length;
  if (injected === 0) return undefined;
  return `${injected === 1 ? '1 failed' : `${injected} failed`} because input reached the SQL (an SQL injection): pass every value as a bound parameter (?) and choose identifiers from an allow-list`;
}
