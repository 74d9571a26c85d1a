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

  it('words a time-out as a fixed test does, with the sequence that led to it (visible) or the routes and classes only (name-only)', () => {
    const long = 'x'.repeat(5_000);
    const outcome: GeneratedCheckOutcome = {
      kind: 'fault',
      at: 1,
      requests: [create({ title: 'Dune' }, 201), create({ title: long }, undefined, ['title: a very long string (5000 characters)'])],
      routes: ['POST /books', 'POST /books', 'GET /books'],
      outcome: { kind: 'no-answer', request: 'POST /books', limitMs: 2000 },
      runs: 3,
      shrinks: 2,
    };
    expect(generatedFeedback(outcome, 'visible')).toEqual({
      status: 'error',
      verdict: 'time_limit_exceeded',
      message:
        'no answer within 2 s to POST /books: every route must end with res.json(), res.send() or res.end()\n' +
        'The shortest sequence of requests found that shows it, from a fresh start:\n' +
        '1. POST /books {"title":"Dune"} → 201\n' +
        '2. POST /books {"title":"xxxxxxxxxxxx… (5000 characters)"} → no answer',
    });
    expect(generatedFeedback(outcome, 'name-only').message).toBe('your app did not answer within 2 s (POST /books (title: a very long string (5000 characters)), after POST /books)');
    expect(generatedFeedback(outcome, 'hidden').message).toBe('your app did not answer within 2 s');
  });

  it('reports a crash with the whole sequence by route, since which request meets the ended process depends on timing; its output only where visible', () => {
    const outcome: GeneratedCheckOutcome = {
      kind: 'fault',
      at: 0,
      requests: [create({ title: 'Dune' })],
      routes: ['POST /books', 'DELETE /books/:id'],
      outcome: { kind: 'crash', log: "TypeError: Cannot read properties of undefined (reading 'title')" },
      runs: 1,
      shrinks: 0,
    };
    expect(generatedFeedback(outcome, 'visible')).toEqual({
      status: 'error',
      verdict: 'runtime_error',
      message: "your app crashed (its process ended) during a sequence of generated requests, from a fresh start: POST /books, DELETE /books/:id\nTypeError: Cannot read properties of undefined (reading 'title')",
    });
    expect(generatedFeedback(outcome, 'name-only').message).toBe('your app crashed (its process ended) during a sequence of generated requests, from a fresh start: POST /books, DELETE /books/:id');
    expect(generatedFeedback(outcome, 'hidden').message).toBe('your app crashed during this test');
  });
});
