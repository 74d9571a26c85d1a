import type { TestResult } from '../contracts';
import { internalErrorResult, summarize } from './result-summary';

function test(name: string, status: TestResult['status'], verdict: TestResult['verdict'], points: number, message: string = verdict): TestResult {
  return { name, visibility: 'visible', status, verdict, score: status === 'passed' ? points : 0, maxScore: points, message };
}

describe('summarize', () => {
  it('accepts a submission whose tests all passed, with full score', () => {
    const result = summarize([test('a', 'passed', 'accepted', 2), test('b', 'passed', 'accepted', 3)], 5);
    expect(result).toMatchObject({ verdict: 'accepted', score: 5, maxScore: 5, message: 'all 2 tests passed' });
  });

  it('adds up the points of the passed tests only', () => {
    const result = summarize([test('a', 'passed', 'accepted', 2), test('b', 'failed', 'tests_failed', 3)], 5);
    expect(result).toMatchObject({ verdict: 'tests_failed', score: 2, message: '1 of 2 tests passed' });
  });

  it('takes the most severe verdict and its first message', () => {
    const result = summarize(
      [test('a', 'failed', 'tests_failed', 1), test('b', 'error', 'time_limit_exceeded', 1, 'too slow'), test('c', 'error', 'runtime_error', 1)],
      3,
    );
    expect(result).toMatchObject({ verdict: 'time_limit_exceeded', score: 0, message: '0 of 3 tests passed; too slow' });
  });

  it("gives a compile error's message alone", () => {
    const result = summarize([test('a', 'error', 'compile_error', 1, 'near "SELEC": syntax error')], 1);
    expect(result).toMatchObject({ verdict: 'compile_error', message: 'near "SELEC": syntax error' });
  });

  it('never scores above the maximum', () => {
    expect(summarize([test('a', 'passed', 'accepted', 9)], 5).score).toBe(5);
  });
});

describe('internalErrorResult', () => {
  it('scores nothing and says the grader failed', () => {
    expect(internalErrorResult('boom', 4)).toMatchObject({ verdict: 'internal_error', score: 0, maxScore: 4, message: 'the grader failed: boom', tests: [] });
  });
});
