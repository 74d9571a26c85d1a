import { AssertionFailure } from './assertion-failure';
import { ExchangeAborted, exchange, MAX_JSON_DEPTH, type HttpResponse } from './http-exchange';
import { jsonDifference, render } from '../../common/json-difference';
import { renderExpected, renderResponse } from './render-response';

/**
 * The `t` a test case receives: a small HTTP client for the student's app and the
 * assertions of a REST test. Everything here runs in the harness; the student's answers
 * arrive as plain data (status, headers, text, JSON.parse'd body) and no method of
 * anything the student made is ever called.
 *
 *   module.exports = {
 *     'creates-book': async (t) => {
 *       const res = await t.post('/books', { title: 'Dune', author: 'Frank Herbert', year: 1965 });
 *       t.expectStatus(res, 201);
 *       t.expectHeader(res, 'location', /^\/books\/\d+$/);
 *       t.expectJsonMatch(res, { title: 'Dune' });
 *     },
 *   };
 */
export interface SendOptions {
  /** Sent as JSON (content-type application/json unless a header says otherwise). */
  json?: unknown;
  /** Sent as is (content-type text/plain unless a header says otherwise): for malformed bodies. */
  text?: string;
  headers?: Record<string, string>;
}

export type Headers = Record<string, string>;

export interface TestKit {
  get(path: string, body?: unknown, headers?: Headers): Promise<HttpResponse>;
  post(path: string, body?: unknown, headers?: Headers): Promise<HttpResponse>;
  put(path: string, body?: unknown, headers?: Headers): Promise<HttpResponse>;
  patch(path: string, body?: unknown, headers?: Headers): Promise<HttpResponse>;
  delete(path: string, body?: unknown, headers?: Headers): Promise<HttpResponse>;
  send(method: string, path: string, options?: SendOptions): Promise<HttpResponse>;
  /** One status, or any of several. */
  expectStatus(res: HttpResponse, expected: number | readonly number[]): void;
  /** The header (any case) equals the string, or matches the RegExp. */
  expectHeader(res: HttpResponse, name: string, expected: string | RegExp): void;
  expectContentType(res: HttpResponse, expected: string | RegExp): void;
  /** The body is JSON deeply equal to `expected` (key order aside). */
  expectJson(res: HttpResponse, expected: unknown): void;
  /** The body is JSON with at least these properties (recursively); arrays must have the same length; a RegExp matches a string. */
  expectJsonMatch(res: HttpResponse, partial: unknown): void;
  fail(message: string): never;
}

export interface TestKitOptions {
  port: number;
  /** How an app of the student's language answers JSON, ending a message about a body that is not JSON (AppLauncher.jsonHint). */
  jsonHint?: string;
  /** performance.now() after which no request may still wait: the test's own deadline. */
  deadline: number;
  maxResponseBytes: number;
}

export interface TestKitSession {
  kit: TestKit;
  /** The oldest request still waiting for an answer, e.g. `GET /books`. */
  pendingRequest(): string | undefined;
  /** Ends the session: requests under way are cut, later ones refused. */
  close(): void;
}

/**
 * The kit a test case gets, for one test: requests to the student's app (each bounded by the
 * test's deadline, cut when the session closes) and the assertions.
 */
export function createTestKit(options: TestKitOptions): TestKitSession {
  const closing = new AbortController();
  const pending: string[] = [];
  const send = sender(options, closing.signal, pending);
  const shortcut =
    (method: string) =>
    (path: string, body?: unknown, headers?: Headers): Promise<HttpResponse> =>
      send(method, path, { json: body, headers });
  const kit: TestKit = {
    get: shortcut('GET'),
    post: shortcut('POST'),
    put: shortcut('PUT'),
    patch: shortcut('PATCH'),
    delete: shortcut('DELETE'),
    send,
    ...assertions(options.jsonHint ?? JAVASCRIPT_JSON_HINT),
  };

  return {
    kit,
    pendingRequest: () => pending[0],
    close: () => closing.abort(),
  };
}

/** Sends one request to the student's app, listed in `pending` while it is under way; refused once `closing` is aborted. */
function sender(options: TestKitOptions, closing: AbortSignal, pending: string[]): TestKit['send'] {
  return async (method: string, path: string, sendOptions: SendOptions = {}): Promise<HttpResponse> => {
    if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError(`a request path must start with "/", got ${render(path)}`);
    const headers = lowerCaseKeys(sendOptions.headers ?? {});
    let body: Buffer | undefined;
    if (sendOptions.text !== undefined) {
      body = Buffer.from(sendOptions.text, 'utf8');
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else if (sendOptions.json !== undefined) {
      body = Buffer.from(JSON.stringify(sendOptions.json), 'utf8');
      headers['content-type'] ??= 'application/json';
    }
    const label = `${method.toUpperCase()} ${path}`;
    if (closing.aborted) throw new ExchangeAborted(`${label} was not sent: the test is over`);
    pending.push(label);
    try {
      return await exchange({
        port: options.port,
        method: method.toUpperCase(),
        path,
        headers,
        body,
        timeoutMs: options.deadline - performance.now(),
        maxResponseBytes: options.maxResponseBytes,
        signal: closing,
      });
    } finally {
      pending.splice(pending.indexOf(label), 1);
    }
  };
}

/** How an Express app answers JSON: the hint of a message about a body that is not JSON. */
export const JAVASCRIPT_JSON_HINT = 'answer with res.json(...)';

/** The kit's assertions: each throws an AssertionFailure that says what was expected and what came. */
const assertions = (jsonHint: string): Pick<TestKit, 'expectStatus' | 'expectHeader' | 'expectContentType' | 'expectJson' | 'expectJsonMatch' | 'fail'> => ({
  expectStatus(res, expected) {
    const allowed = typeof expected === 'number' ? [expected] : [...expected];
    if (allowed.includes(res.status)) return;
    const hint = res.status === 500 ? ' (an app answers 500 when a route handler raises an error)' : '';
    throw new AssertionFailure(`${res.request}: expected status ${allowed.join(' or ')}, got ${res.status}${hint}`, `HTTP ${allowed.join(' or ')}`, renderResponse(res));
  },
  expectHeader(res, name, expected) {
    const key = name.toLowerCase();
    const value = res.headers[key];
    const wanted = expected instanceof RegExp ? `matching ${String(expected)}` : JSON.stringify(expected);
    if (value !== undefined && (expected instanceof RegExp ? expected.test(value) : value === expected)) return;
    const got = value === undefined ? 'none' : JSON.stringify(value);
    throw new AssertionFailure(`${res.request}: expected a ${displayName(key)} header ${wanted}, got ${got}`, `${displayName(key)}: ${expected instanceof RegExp ? wanted : expected}`, renderResponse(res, key));
  },
  expectContentType(res, expected) {
    const value = res.headers['content-type'];
    if (value !== undefined && (expected instanceof RegExp ? expected.test(value) : value === expected)) return;
    const wanted = expected instanceof RegExp ? `matching ${String(expected)}` : JSON.stringify(expected);
    const wantsJson = expected instanceof RegExp ? expected.test('application/json') : /json/.test(expected);
    const hint = wantsJson ? ` (${jsonHint})` : '';
    throw new AssertionFailure(`${res.request}: expected a content-type ${wanted}, got ${value === undefined ? 'none' : JSON.stringify(value)}${hint}`, `Content-Type: ${wanted}`, renderResponse(res));
  },
  expectJson(res, expected) {
    requireJson(res, expected, jsonHint);
    const difference = jsonDifference(JSON.parse(JSON.stringify(expected)) as unknown, res.body, 'equal');
    if (difference) throw new AssertionFailure(`${res.request}: ${difference.message}${statusNote(res)}`, renderExpected(expected), renderResponse(res));
  },
  expectJsonMatch(res, partial) {
    requireJson(res, partial, jsonHint);
    const difference = jsonDifference(partial, res.body, 'subset');
    if (difference) throw new AssertionFailure(`${res.request}: ${difference.message}${statusNote(res)}`, renderExpected(partial), renderResponse(res));
  },
  fail(message) {
    throw new AssertionFailure(String(message));
  },
});

/**
 * A body compared without its status checked first (a test that calls expectJson alone): when
 * the answer was no success, that is the likelier mistake, and the body's difference alone
 * ("missing the property items") hides it.
 */
function statusNote(res: HttpResponse): string {
  return res.status >= 300 ? ` (in an answer with status ${res.status})` : '';
}

function requireJson(res: HttpResponse, expected: unknown, jsonHint: string): void {
  if (res.isJson) return;
  const contentType = res.headers['content-type'];
  let problem: string;
  if (res.text.trim() === '') problem = 'expected a JSON body, got an empty body';
  else if (contentType !== undefined && /\bjson\b/i.test(contentType)) problem = `the body is not valid JSON, or is nested deeper than ${MAX_JSON_DEPTH} levels`;
  else problem = `expected a JSON body, got content-type ${contentType === undefined ? 'none' : JSON.stringify(contentType)} (${jsonHint})`;
  throw new AssertionFailure(`${res.request}: ${problem}`, renderExpected(expected), renderResponse(res));
}

function lowerCaseKeys(headers: Headers): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value);
  return out;
}

function displayName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}
