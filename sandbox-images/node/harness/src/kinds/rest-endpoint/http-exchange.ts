import http from 'node:http';

/**
 * One HTTP request from the harness to the student's app over loopback, and its answer
 * read by the harness: a fresh connection each time (no pool, so nothing outlives the
 * student's process), a timeout, and a cap on the answer's size. The answer's body is
 * parsed here with JSON.parse, so tests only ever see plain data.
 */
export interface HttpResponse {
  /** What was asked, for messages: `GET /books?author=Le%20Guin`. */
  request: string;
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The parsed JSON when the content-type says JSON and the text parses; otherwise the text. */
  body: unknown;
  text: string;
  /** The content-type says JSON and the body parsed as JSON. */
  isJson: boolean;
}

export interface ExchangeRequest {
  /** The app's loopback port, or (for the reference app of generated checks) its Unix socket. */
  port?: number;
  socketPath?: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Aborts the exchange (the test is over). */
  signal?: AbortSignal;
  /** Ends the exchange as a time-out (RequestTimedOut) when aborted: a clock other than `timeoutMs`'s, e.g. charged time. */
  timeUp?: AbortSignal;
  /**
   * Connections kept alive between requests (generated checks, which send hundreds to one
   * process and destroy the agent with it); by default a fresh connection each time.
   */
  agent?: http.Agent;
}

/** The app did not answer in time. */
export class RequestTimedOut extends Error {
  override readonly name = 'RequestTimedOut';
  constructor(readonly request: string) {
    super(`no answer to ${request} in time`);
  }
}

/** The connection failed: refused (the app is gone), reset, or closed before a whole answer. */
export class RequestFailed extends Error {
  override readonly name = 'RequestFailed';
  constructor(
    readonly request: string,
    readonly reason: string,
  ) {
    super(`${request}: ${reason}`);
  }
}

/** The answer's body went over the cap. */
export class ResponseTooLarge extends Error {
  override readonly name = 'ResponseTooLarge';
  constructor(
    readonly request: string,
    readonly limitBytes: number,
  ) {
    super(`the answer to ${request} is larger than ${limitBytes} bytes`);
  }
}

/** The test ended while the request was under way. */
export class ExchangeAborted extends Error {
  override readonly name = 'ExchangeAborted';
}

export function exchange(request: ExchangeRequest): Promise<HttpResponse> {
  const label = `${request.method} ${request.path}`;
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted) {
      reject(new ExchangeAborted(`${label} was not sent: the test is over`));
      return;
    }
    const headers = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(request.body.length);
    const req = http.request({
      ...(request.socketPath !== undefined ? { socketPath: request.socketPath } : { host: '127.0.0.1', port: request.port }),
      method: request.method,
      path: request.path,
      headers,
      // A fresh connection, closed after the answer: no pool outlives the test.
      agent: request.agent ?? false,
    });

    let done = false;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      request.timeUp?.removeEventListener('abort', onTimeUp);
      settle();
    };
    const fail = (err: Error): void => {
      finish(() => reject(err));
      req.destroy();
    };
    const onAbort = (): void => fail(new ExchangeAborted(`${label} was cut short: the test is over`));
    const onTimeUp = (): void => fail(new RequestTimedOut(label));
    const timer = setTimeout(onTimeUp, Math.max(0, request.timeoutMs));
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.timeUp?.aborted) onTimeUp();
    request.timeUp?.addEventListener('abort', onTimeUp, { once: true });

    req.on('error', (err: NodeJS.ErrnoException) => fail(new RequestFailed(label, describeConnectionError(err))));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxResponseBytes) {
          fail(new ResponseTooLarge(label, request.maxResponseBytes));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err: NodeJS.ErrnoException) => fail(new RequestFailed(label, describeConnectionError(err))));
      res.on('aborted', () => fail(new RequestFailed(label, 'the connection closed before the whole answer arrived')));
      res.on('end', () => {
        const text = Buffer.concat(chunks, size).toString('utf8');
        finish(() => resolve(readResponse(label, res, text)));
      });
    });
    req.end(request.body);
  });
}

function readResponse(label: string, res: http.IncomingMessage, text: string): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: unknown = text;
  let isJson = false;
  if (/\bjson\b/i.test(headers['content-type'] ?? '') && text.trim() !== '') {
    try {
      const parsed = JSON.parse(text) as unknown;
      // Comparing and rendering recurse: a document nested without end must not overflow our stack.
      if (nestingDepth(parsed) <= MAX_JSON_DEPTH) {
        body = parsed;
        isJson = true;
      }
    } catch {
      // Not JSON after all: the assertions say so.
    }
  }
  return { request: label, status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers, body, text, isJson };
}

/** Far deeper than any API document; shallow enough for recursive comparison. */
export const MAX_JSON_DEPTH = 100;

/** The nesting depth of parsed JSON, counted without recursion, stopping once past the limit. */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push({ value: child, depth: level });
  }
  return deepest;
}

function describeConnectionError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'nothing listens any more (the app has stopped)';
    case 'ECONNRESET':
      return 'the connection was reset before an answer arrived';
    default:
      if (err.code?.startsWith('HPE_')) return `the answer is not valid HTTP (${err.code})`;
      return err.message;
  }
}
