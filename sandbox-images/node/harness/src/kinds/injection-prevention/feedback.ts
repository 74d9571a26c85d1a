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
