import http from 'node:http';
import { LIMITS } from '../../contracts';

/**
 * The data source an app under test reads and writes through (redis-cache's slow source,
 * graphql-endpoint's backend): a JSON document of collections served over loopback HTTP by the
 * harness (trusted, in this process, so nothing the student runs can change what it counts),
 * each answer held back by `latencyMs`. A fresh copy of the exercise's data for each test. The
 * grader changes the data and makes the source fail without a request, so nothing it does is
 * counted.
 *
 *   GET    /<collection>[?field=value…]  200 the items whose fields equal the values, as text (a
 *                                        field given several times: any of them, `?id=1&id=2`)
 *   GET    /<collection>/<id>            200 the item, or 404
 *   POST   /<collection>                 201 the item created, with the next numeric id
 *   PUT    /<collection>/<id>            200 the item replaced (its id kept), or 404
 *   PATCH  /<collection>/<id>            200 the item with the body's fields merged, or 404
 *   DELETE /<collection>/<id>            204, or 404
 * Errors are `{ "error": "…" }` with 400 (a body that is not a JSON object), 404, 405 or 413.
 */

export type Item = Record<string, unknown> & { id?: unknown };
export type SourceData = Record<string, Item[]>;

/** One request the app made to the source, as it arrived. */
export interface SourceRequest {
  method: string;
  /** The path with its query string, e.g. `/products/1` or `/products?category=tea`. */
  path: string;
}

/** A rule that makes the source fail: requests whose path (without query) matches answer `status`. */
interface Failure {
  path: RegExp;
  status: number;
  remaining: number;
}

export interface DataSource {
  readonly latencyMs: number;
  /** The loopback port it listens on. */
  readonly port: number;
  /** Every request so far (up to LIMITS.dataSource.requestsMax), oldest first; `overflowed` once more came. */
  readonly requests: readonly SourceRequest[];
  readonly overflowed: boolean;
  /** Forgets the requests recorded so far. */
  resetRequests(): void;
  /** The data as it is now (a deep copy): a collection, or one item; undefined for neither. */
  read(path: string): unknown;
  /** Replaces an item (or, for `/<collection>`, the whole collection) without a request. */
  write(path: string, value: unknown): void;
  /** The next `times` requests whose path matches answer `status` with an error. */
  fail(path: RegExp, status: number, times: number): void;
  close(): Promise<void>;
}

/** Starts the source on 127.0.0.1:`port`; throws when the port cannot be had. */
export async function startDataSource(data: SourceData, latencyMs: number, port: number): Promise<DataSource> {
  let collections: SourceData = structuredClone(data);
  let requests: SourceRequest[] = [];
  let overflowed = false;
  let failures: Failure[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    if (requests.length < LIMITS.dataSource.requestsMax) requests.push({ method, path });
    else overflowed = true;
    readBody(req).then((body) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        const answer = failing(path) ?? handle(collections, method, path, body);
        if (res.destroyed) return;
        res.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      }, latencyMs);
      timers.add(timer);
    });
  });
  server.keepAliveTimeout = 60_000;

  const failing = (path: string): Answer | undefined => {
    const bare = path.split('?')[0] ?? path;
    const rule = failures.find((f) => f.remaining > 0 && f.path.test(bare));
    if (!rule) return undefined;
    rule.remaining -= 1;
    failures = failures.filter((f) => f.remaining > 0);
    return { status: rule.status, body: { error: `the source failed (${rule.status})` } };
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  const address = server.address();
  return {
    latencyMs,
    port: typeof address === 'object' && address ? address.port : port,
    get requests() {
      return requests;
    },
    get overflowed() {
      return overflowed;
    },
    resetRequests() {
      requests = [];
      overflowed = false;
    },
    read(path) {
      const target = locate(collections, path);
      return target === undefined ? undefined : structuredClone(target.item ?? target.items);
    },
    write(path, value) {
      const [name, id] = segments(path);
      if (name === undefined) throw new Error(`the source has no ${path}`);
      if (id === undefined) {
        if (!Array.isArray(value)) throw new Error(`${path} is a collection: write an array`);
        collections = { ...collections, [name]: structuredClone(value) as Item[] };
        return;
      }
      const items = collectionOf(collections, name) ?? (collections[name] = []);
      const index = items.findIndex((item) => String(item.id) === id);
      const item = { ...(structuredClone(value) as Item), id: index >= 0 ? items[index]?.id : idOf(id) };
      if (index >= 0) items[index] = item;
      else items.push(item);
    },
    fail(path, status, times) {
      failures.push({ path, status, remaining: times });
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Answer {
  status: number;
  body?: unknown;
}

/** Reads a request's body as JSON: undefined when there is none, an Error when it is not JSON or too large. */
function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LIMITS.dataSource.bodyBytes) chunks.push(chunk);
    });
    req.on('error', () => resolve(new Error('the request was cut')));
    req.on('end', () => {
      if (size > LIMITS.dataSource.bodyBytes) return resolve(new TooLarge());
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(new Error('the body is not JSON'));
      }
    });
  });
}

class TooLarge extends Error {}

/** The answer of the source to one request (pure: `collections` is changed by writes). */
export function handle(collections: SourceData, method: string, path: string, body: unknown): Answer {
  if (body instanceof TooLarge) return { status: 413, body: { error: `a body of the source's requests may be at most ${LIMITS.dataSource.bodyBytes} bytes` } };
  const [name, id, extra] = segments(path);
  const items = collectionOf(collections, name);
  if (items === undefined || extra !== undefined) return { status: 404, body: { error: `the source has no ${path.split('?')[0]}` } };
  if (id === undefined) {
    if (method === 'GET') return { status: 200, body: filtered(items, path) };
    if (method !== 'POST') return { status: 405, body: { error: `${method} is not allowed on a collection` } };
    if (!isObject(body)) return { status: 400, body: { error: 'the body must be a JSON object' } };
    const ids = items.map((item) => Number(item.id)).filter(Number.isFinite);
    const created = { ...body, id: (ids.length ? Math.max(...ids) : 0) + 1 };
    items.push(created);
    return { status: 201, body: created };
  }
  const index = items.findIndex((item) => String(item.id) === id);
  if (!['GET', 'PUT', 'PATCH', 'DELETE'].includes(method)) return { status: 405, body: { error: `${method} is not allowed on an item` } };
  if (index < 0) return { status: 404, body: { error: `no ${name} ${id}` } };
  const item = items[index] as Item;
  if (method === 'GET') return { status: 200, body: item };
  if (method === 'DELETE') {
    items.splice(index, 1);
    return { status: 204 };
  }
  if (!isObject(body)) return { status: 400, body: { error: 'the body must be a JSON object' } };
  const next = method === 'PUT' ? { ...body, id: item.id } : { ...item, ...body, id: item.id };
  items[index] = next;
  return { status: 200, body: next };
}

function filtered(items: Item[], path: string): Item[] {
  const query = new URLSearchParams(path.split('?')[1] ?? '');
  const wanted = new Map<string, Set<string>>();
  for (const [field, value] of query) wanted.set(field, (wanted.get(field) ?? new Set()).add(value));
  return items.filter((item) => [...wanted].every(([field, values]) => Object.hasOwn(item, field) && values.has(String(item[field]))));
}

/** The decoded segments of a path without its query: `/products/1` → ['products', '1']. */
function segments(path: string): (string | undefined)[] {
  const bare = (path.split('?')[0] ?? '').replace(/^\/+|\/+$/g, '');
  if (bare === '') return [];
  try {
    return bare.split('/').map(decodeURIComponent);
  } catch {
    return ['\u0000'];
  }
}

function locate(collections: SourceData, path: string): { items: Item[]; item?: Item } | undefined {
  const [name, id] = segments(path);
  const items = collectionOf(collections, name);
  if (!items) return undefined;
  if (id === undefined) return { items };
  const item = items.find((i) => String(i.id) === id);
  return item ? { items, item } : undefined;
}

/** The collection of that name (own properties only: `__proto__` is no collection). */
function collectionOf(collections: SourceData, name: string | undefined): Item[] | undefined {
  return name !== undefined && Object.hasOwn(collections, name) ? collections[name] : undefined;
}

function idOf(text: string): string | number {
  return /^\d+$/.test(text) ? Number(text) : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
