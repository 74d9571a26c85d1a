import type { Visibility } from '../contracts';
import { testResultOf, type TestFeedback } from './test-feedback';

/** A kind's feedback: the data for a visible test, the class of input otherwise. */
const feedbackAt = (visibility: Visibility): TestFeedback =>
  visibility === 'visible'
    ? { status: 'failed', verdict: 'tests_failed', message: "findUser('admin\\'--', 'x') returned a row", expected: 'null', actual: '{ id: 1 }' }
    : { status: 'failed', verdict: 'tests_failed', message: 'a comment that cuts the query short in username returned a row it should not' };

describe("a test's entry in the result document", () => {
  it('keeps apart for staff what a test that is not visible would show, with its data', () => {
    const entry = testResultOf({ name: 'stops admin\'--', visibility: 'name-only', points: 2 }, feedbackAt);
    expect(entry).toMatchObject({ message: 'a comment that cuts the query short in username returned a row it should not', score: 0 });
    expect(entry.expected).toBeUndefined();
    expect(entry.staff).toEqual({ message: "findUser('admin\\'--', 'x') returned a row", expected: 'null', actual: '{ id: 1 }' });
  });

  it('keeps nothing apart for a visible test (its own fields are whole) nor for one that passed', () => {
    expect(testResultOf({ name: 'a', visibility: 'visible', points: 1 }, feedbackAt).staff).toBeUndefined();
    const passed = () => ({ status: 'passed' as const, verdict: 'accepted' as const, message: 'passed' });
    expect(testResultOf({ name: 'b', visibility: 'hidden', points: 1 }, passed).staff).toBeUndefined();
  });

  it('takes a plain feedback as before, with nothing for staff', () => {
    const entry = testResultOf({ name: 'c', visibility: 'hidden', points: 3 }, feedbackAt('hidden'), 12);
    expect(entry).toEqual({ name: 'c', visibility: 'hidden', status: 'failed', verdict: 'tests_failed', score: 0, maxScore: 3, message: feedbackAt('hidden').message, durationMs: 12 });
  });
});
