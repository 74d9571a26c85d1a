import { restFeedback } from './feedback';

describe('feedback of a rest-endpoint test', () => {
  it('shows a visible failed assertion with expected and actual', () => {
    const feedback = restFeedback({ kind: 'assertion', message: 'POST /books: expected status 201, got 200', expected: 'HTTP 201', actual: 'HTTP 200 OK' }, 'visible');
    expect(feedback).toEqual({ status: 'failed', verdict: 'tests_failed', message: 'POST /books: expected status 201, got 200', expected: 'HTTP 201', actual: 'HTTP 200 OK' });
  });

  it('tells a name-only test the method and collection of the request, and the statuses where the status was wrong, never the path, query or body', () => {
    const at = (message: string) => restFeedback({ kind: 'assertion', message, expected: 'x', actual: 'y' }, 'name-only');
    expect(at('PATCH /users/2: expected status 422, got 400')).toEqual({ status: 'failed', verdict: 'tests_failed', message: "your app's answers differ from what this test expects: PATCH /users/… answered 400 where 422 was expected" });
    expect(at('GET /books?author=Secret: body[0].title: expected "Dune", got "Emma"').message).toBe("your app's answers differ from what this test expects, at a GET /books?… request");
    expect(at('GET /books/Secret-Name: expected status 404, got 200').message).not.toContain('Secret');
    expect(at('the list should hold 3 books').message).toBe("your app's answers differ from what this test expects");
  });

  it.each(['name-only', 'hidden'] as const)('tells a %s test only the kind of failure, never the request or data', (visibility) => {
    const failed = restFeedback({ kind: 'assertion', message: 'GET /books?author=Secret: body[0] …', expected: 'x', actual: 'y' }, visibility);
    expect(failed.message).not.toContain('Secret');
    expect(failed).not.toHaveProperty('expected');
    expect(restFeedback({ kind: 'no-answer', request: 'GET /books?author=Secret', limitMs: 2000 }, visibility).message).toBe('your app did not answer within 2 s');
    expect(restFeedback({ kind: 'crash', request: 'GET /secret', log: 'TypeError at app.js:3' }, visibility).message).toBe('your app crashed during this test');
    expect(restFeedback({ kind: 'start-crash', log: 'Error: boom', exit: 'exit code 1' }, visibility).message).toBe('your app crashed while starting');
  });

  it('names the waiting request of a visible test that timed out', () => {
    expect(restFeedback({ kind: 'no-answer', request: 'GET /books', limitMs: 2000 }, 'visible')).toEqual({
      status: 'error',
      verdict: 'time_limit_exceeded',
      message: 'no answer within 2 s to GET /books: every route must end with res.json(), res.send() or res.end()',
    });
  });

  it("quotes the app's error for a visible crash", () => {
    expect(restFeedback({ kind: 'start-crash', log: "Error: Cannot find module 'expresss'", exit: 'exit code 1' }, 'visible').message).toBe(
      "your app crashed while starting: Error: Cannot find module 'expresss'",
    );
    expect(restFeedback({ kind: 'start-crash', log: '', exit: 'exit code 0' }, 'visible').message).toBe('your app ended (exit code 0) before it started listening, and printed no error');
    expect(restFeedback({ kind: 'crash', request: 'POST /books', log: 'TypeError: x' }, 'visible')).toMatchObject({ verdict: 'runtime_error', message: 'your app crashed before answering POST /books: TypeError: x' });
  });

  it('maps limits to their verdicts whatever the visibility', () => {
    expect(restFeedback({ kind: 'start-silent', limitMs: 3000 }, 'hidden')).toMatchObject({ verdict: 'runtime_error', message: expect.stringContaining('did not start listening within 3 s') });
    expect(restFeedback({ kind: 'memory', limitMb: 256 }, 'hidden').verdict).toBe('memory_limit_exceeded');
    expect(restFeedback({ kind: 'output', limitBytes: 65536 }, 'hidden')).toMatchObject({ verdict: 'output_limit_exceeded', message: expect.stringContaining('64 KiB') });
    expect(restFeedback({ kind: 'too-large', request: 'GET /books', limitBytes: 1048576 }, 'visible').message).toBe("your app's answer to GET /books is larger than 1 MiB");
    expect(restFeedback({ kind: 'compile', message: "app.js:3: Unexpected token '}'" }, 'hidden')).toEqual({ status: 'error', verdict: 'compile_error', message: "app.js:3: Unexpected token '}'" });
  });

  it('calls hitting the process limit a runtime error with the same words for every visibility', () => {
    for (const visibility of ['visible', 'name-only', 'hidden'] as const) {
      expect(restFeedback({ kind: 'processes' }, visibility)).toEqual({
        status: 'error',
        verdict: 'runtime_error',
        message: 'your code started more processes than the sandbox allows (128, threads included): a fork bomb, or processes started in a loop',
      });
    }
  });
});
