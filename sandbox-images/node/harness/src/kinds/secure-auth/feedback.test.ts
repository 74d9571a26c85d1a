import { checkedFeedback } from '../rest-endpoint/checked-test';
import { ATTACK_LESSONS } from './feedback';

const failedAttack = { kind: 'assertion' as const, message: 'GET /notes: expected status 401, got 200', expected: 'HTTP 401', actual: 'HTTP 200 []', checkFailed: true };
const lesson = ATTACK_LESSONS['alg-none'];

describe('secure-auth feedback', () => {
  it('names the attack that got through at every visibility, and shows the request only to a visible test', () => {
    const visible = checkedFeedback(failedAttack, 'visible', lesson);
    expect(visible.message).toBe(`${lesson} (GET /notes: expected status 401, got 200)`);
    expect(visible).toMatchObject({ status: 'failed', verdict: 'tests_failed', expected: 'HTTP 401' });
    for (const visibility of ['name-only', 'hidden'] as const) {
      const feedback = checkedFeedback(failedAttack, visibility, lesson);
      expect(feedback.message).toBe(lesson);
      expect(JSON.stringify(feedback)).not.toContain('/notes');
    }
  });

  it('reports any other failure (a sign-up, a refusal with the wrong status) as an ordinary failure', () => {
    const feedback = checkedFeedback({ ...failedAttack, checkFailed: false }, 'hidden', lesson);
    expect(feedback.message).not.toContain('alg');
    expect(feedback.status).toBe('failed');
  });

  it('leaves crashes, limits and passes to the REST feedback', () => {
    expect(checkedFeedback({ kind: 'passed', checkFailed: true }, 'hidden', ATTACK_LESSONS['brute-force']).message).toBe('passed');
    expect(checkedFeedback({ kind: 'crash', log: 'TypeError', checkFailed: true }, 'hidden', ATTACK_LESSONS['bad-header']).message).toBe('your app crashed during this test');
  });
});
