import { CheckFailed } from '../../kinds/rest-endpoint/assertion-failure';
import type { DataSource, SourceRequest } from './server';

/**
 * `t.source`: the data source of a test (server.ts) as the instructor's case sees it: the app's
 * requests counted, the data read and changed behind the app's back.
 *
 *   t.source.expectHits('GET /products/1', 1, 'three reads of one product should cost one request');
 *   t.source.expectAtMostHits(/^GET \/authors/, 1, 'the authors of all books in one request');
 */
export interface SourceKit {
  /** The time the source takes per answer, milliseconds. */
  latencyMs: number;
  /**
   * How many requests the app made to the source that match: `'GET /products/1'` (method and
   * path), `'/products/1'` (any method), a RegExp tested on `'<METHOD> <path>'`, or nothing (all).
   * The path includes its query string.
   */
  hits(filter?: string | RegExp): number;
  /** The requests the app made to the source, oldest first. */
  requests(): SourceRequest[];
  /** Fails as the test's check (CheckFailed) unless exactly `expected` requests match (`hits`); `why` ends the message. */
  expectHits(filter: string | RegExp | undefined, expected: number, why?: string): void;
  /** Fails as the test's check unless at most `max` requests match. */
  expectAtMostHits(filter: string | RegExp | undefined, max: number, why?: string): void;
  /** Forgets the requests counted so far. */
  resetHits(): void;
  /** The source's data at a path (`/products`, `/products/1`) as it is now, a copy. */
  read(path: string): unknown;
  /** Changes the data behind the app's back: an item replaced (`/products/1`) or a whole collection. Not counted. */
  write(path: string, value: unknown): void;
  /** The next `times` (default 1) requests whose path (no query) matches answer `status` (default 503). */
  fail(path: string | RegExp, status?: number, times?: number): void;
}

export function createSourceKit(source: DataSource): SourceKit {
  const counted = (filter: string | RegExp | undefined) => source.requests.filter(matching(filter)).length;
  const what = (filter: string | RegExp | undefined) => (filter === undefined ? 'requests' : filter instanceof RegExp ? `requests matching ${String(filter)}` : filter);
  return {
    latencyMs: source.latencyMs,
    hits: counted,
    requests: () => source.requests.map((r) => ({ ...r })),
    expectHits(filter, expected, why) {
      const seen = counted(filter);
      if (seen !== expected) throw new CheckFailed(`the source got ${what(filter)} ${times(seen)}, expected ${times(expected)}${why ? `: ${why}` : ''}`);
    },
    expectAtMostHits(filter, max, why) {
      const seen = counted(filter);
      if (seen > max) throw new CheckFailed(`the source got ${what(filter)} ${times(seen)}, expected at most ${times(max)}${why ? `: ${why}` : ''}`);
    },
    resetHits: () => source.resetRequests(),
    read: (path) => source.read(path),
    write: (path, value) => source.write(path, value),
    fail: (path, status = 503, count = 1) => source.fail(typeof path === 'string' ? new RegExp(`^${escapeRegExp(path)}$`) : path, status, count),
  };
}

/** A request filter: 'GET /p' (method and path), '/p' (path), a RegExp on 'GET /p', or all. */
function matching(filter: string | RegExp | undefined): (r: SourceRequest) => boolean {
  if (filter === undefined) return () => true;
  if (filter instanceof RegExp) return (r) => filter.test(`${r.method} ${r.path}`);
  const spaced = filter.indexOf(' ');
  if (spaced < 0) return (r) => r.path === filter;
  const method = filter.slice(0, spaced).toUpperCase();
  const path = filter.slice(spaced + 1);
  return (r) => r.method === method && r.path === path;
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
