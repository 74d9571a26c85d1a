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

  it("shows the reference's error texts as <any text>: error texts are never compared, so its wording is no model answer", () => {
    const answer = (status: number, body: unknown) => ({ request: 'POST /books', status, statusText: '', headers: { 'content-type': 'application/json' }, body, text: JSON.stringify(body), isJson: true });
    const outcome: GeneratedCheckOutcome = {
      kind: 'differ',
      at: 0,
      requests: [create({ title: '' }, 409)],
      difference: { visible: 'expected status 422, got 409', named: 'the status differs' },
      expected: answer(422, { error: 'title must not be empty', field: 'title' }),
      actual: answer(409, { error: 'taken' }),
      runs: 1,
      shrinks: 0,
    };
    const shown = generatedFeedback(outcome, 'visible', { error: 'string' });
    expect(shown.expected).toContain('"error": "<any text>"');
    expect(shown.expected).toContain('"field": "title"');
    expect(shown.actual).toContain('"error": "taken"');
    // A 2xx body is compared whole, and shown whole.
    const created = generatedFeedback({ ...outcome, expected: answer(201, { error: 'a field named error' }) }, 'visible', { error: 'string' });
    expect(created.expected).toContain('"error": "a field named error"');
  });
});
