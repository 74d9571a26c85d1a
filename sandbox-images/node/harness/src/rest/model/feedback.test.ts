import type { GeneratedCheckOutcome, SentRequest } from './check';
import { generatedFeedback } from './feedback';

const create = (json: unknown, status?: number, labels: string[] = []): SentRequest => ({
  step: { op: 'create', ids: {}, query: {} },
  request: { route: 'POST /books', method: 'POST', target: '/books', json, hasBody: true, labels },
  ...(status !== undefined && { status }),
});

describe('feedback of a generated REST check', () => {
  it('passes quietly when no sequence told the apps apart', () => {
    expect(generatedFeedback({ kind: 'held', runs: 40 }, 'visible')).toEqual({ status: 'passed', verdict: 'accepted', message: 'passed' });
  });

  it("words a crash as a fixed test does, with the sequence that led to it (visible) or the routes and classes only (name-only)", () => {
    const long = 'x'.repeat(5_000);
    const outcome: GeneratedCheckOutcome = {
      kind: 'fault',
      at: 1,
      requests: [create({ title: 'Dune' }, 201), create({ title: long }, undefined, ['title: a very long string (5000 characters)'])],
      outcome: { kind: 'crash', request: 'POST /books', log: 'RangeError: too long' },
      runs: 3,
      shrinks: 2,
    };
    expect(generatedFeedback(outcome, 'visible')).toEqual({
      status: 'error',
      verdict: 'runtime_error',
      message:
        'your app crashed before answering POST /books: RangeError: too long\n' +
        'The shortest sequence of requests found that shows it, from a fresh start:\n' +
        '1. POST /books {"title":"Dune"} → 201\n' +
        '2. POST /books {"title":"xxxxxxxxxxxx… (5000 characters)"} → no answer',
    });
    expect(generatedFeedback(outcome, 'name-only').message).toBe('your app crashed during this test (POST /books (title: a very long string (5000 characters)), after POST /books)');
    expect(generatedFeedback(outcome, 'hidden').message).toBe('your app crashed during this test');
  });
});
