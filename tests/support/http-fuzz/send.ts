import http from 'node:http';
import net from 'node:net';

export type Persona = 'anonymous' | 'student' | 'instructor' | 'admin' | 'browser';

/** One fuzzed request, as sent; the persona's credentials are added when sending unless a header replaces them. */
export interface FuzzRequest {
  persona: Persona;
  method: string;
  /** Path and query, on the wire as written (percent-encoding included or deliberately broken). */
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** What was changed from a well-formed request, for the report. */
  mutations: string[];
}

export interface FuzzAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Credentials of the personas: a bearer token, or a session cookie with its CSRF token. */
export interface Credentials {
  tokens: Partial<Record<Persona, string>>;
  session?: { cookie: string; csrfToken: string };
}

/** How long one answer may take before the request counts as hung (a finding in itself). */
const ANSWER_MS = 20_000;

/** The headers sent: the request's own, with the persona's credentials where it did not set its own. */
export function headersFor(request: FuzzRequest, credentials: Credentials): Record<string, string | string[]> {
  const token = credentials.tokens[request.persona];
  const headers: Record<string, string | string[]> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (request.persona === 'browser' && credentials.session) {
    headers.cookie = credentials.session.cookie;
    headers['x-csrf-token'] = credentials.session.csrfToken;
  }
  const withToken = (value: string) => value.replace('{token}', token ?? 'gr_tok_none');
  for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.map(withToken) : withToken(value);
  return headers;
}

/**
 * Sends one request on a connection of its own, from `localAddress` (any of 127/8 on Linux: the
 * sign-in routes count attempts per address, and a fuzzer on one address would meet only 429s).
 * An event stream that opens is closed once its head arrives.
 */
export function send(base: URL, request: FuzzRequest, credentials: Credentials, localAddress: string): Promise<FuzzAnswer> {
  return new Promise((resolve, reject) => {
    const headers = headersFor(request, credentials);
    if (request.body) headers['content-length'] = String(request.body.length);
    const req = http.request({ host: base.hostname, port: base.port, method: request.method, path: request.path, headers, localAddress, agent: false });
    req.setTimeout(ANSWER_MS, () => req.destroy(new Error(`no answer within ${ANSWER_MS} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        res.destroy();
        return resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.end(request.body);
  });
}

/** Writes raw bytes on a new connection and reads until the server closes it: for what Node's parser refuses. */
export function exchangeRaw(base: URL, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(base.port), base.hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(ANSWER_MS, () => socket.destroy(new Error(`no answer within ${ANSWER_MS} ms`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.end(bytes);
  });
}

/** An HTTP/1.1 answer read off a socket: status, headers (lower-case names) and body. */
export function parseRawAnswer(text: string): FuzzAnswer {
  const split = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, split < 0 ? text.length : split).split('\r\n');
  const headers: http.IncomingHttpHeaders = {};
  for (const line of lines) headers[line.slice(0, line.indexOf(':')).trim().toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: split < 0 ? '' : text.slice(split + 4) };
}

/** The request as an HTTP message, long values cut, for a report a person can read and replay. */
export function describeRequest(request: FuzzRequest, credentials?: Credentials): string {
  const cut = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const headers = credentials ? headersFor(request, credentials) : request.headers;
  const lines = [`${request.method} ${cut(request.path)} HTTP/1.1   [as ${request.persona}; ${request.mutations.join(', ') || 'well-formed'}]`];
  for (const [name, value] of Object.entries(headers)) for (const v of [value].flat()) lines.push(`${name}: ${cut(v)}`);
  if (request.body) lines.push('', cut(JSON.stringify(request.body.toString('latin1')), 400));
  return lines.join('\n');
}
