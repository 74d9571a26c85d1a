import { ATTACK_LESSONS, secureAuthFeedback } from './feedback';

const failedAttack = { kind: 'assertion' as const, message: 'GET /notes: expected status 401, got 200', expected: 'HTTP 401', actual: 'HTTP 200 []', gotThrough: true };

describe('secure-auth feedback', () => {
  it('names the attack that got through at every visibility, and shows the request only to a visible test', () => {
    const visible = secureAuthFeedback(failedAttack, 'visible', 'alg-none');
    expect(visible.message).toBe(`${ATTACK_LESSONS['alg-none']} (GET /notes: expected status 401, got 200)`);
    expect(visible).toMatchObject({ status: 'failed', verdict: 'tests_failed', expected: 'HTTP 401' });
    for (const visibility of ['name-only', 'hidden'] as const) {
      const feedback = secureAuthFeedback(failedAttack, visibility, 'alg-none');
      expect(feedback.message).toBe(ATTACK_LESSONS['alg-none']);
      expect(JSON.stringify(feedback)).not.toContain('/notes');
    }
  });

  it('reports any other failure (a sign-up, a refusal with the wrong status) as an ordinary failure', () => {
    const feedback = secureAuthFeedback({ ...failedAttack, gotThrough: false }, 'hidden', 'alg-none');
    expect(feedback.message).not.toContain('alg');
    expect(feedback.status).toBe('failed');
  });

  it('leaves crashes, limits and passes to the REST feedback', () => {
    expect(secureAuthFeedback({ kind: 'passed', gotThrough: true }, 'hidden', 'brute-force').message).toBe('passed');
    expect(secureAuthFeedback({ kind: 'crash', log: 'TypeError', gotThrough: true }, 'hidden', 'bad-header').message).toBe('your app crashed during this test');
  });
});
