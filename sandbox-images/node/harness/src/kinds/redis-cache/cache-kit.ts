import { AssertionFailure } from '../rest-endpoint/assertion-failure';
import type { TestKit } from '../rest-endpoint/test-kit';
import { RedisErrorReply, RedisUnavailable, type RedisClient, type RedisReply } from './redis-client';
import type { SlowSource, SourceRequest } from './source-server';

/**
 * What a redis-cache test case gets beside the REST test kit:
 *
 *   'second-read-is-cached': async (t) => {
 *     t.expectStatus(await t.get('/products/1'), 200);
 *     t.expectStatus(await t.get('/products/1'), 200);
 *     t.source.expectHits('GET /products/1', 1);
 *     await t.redis.expectTtl('product:1', { min: 1, max: 60 });
 *   },
 *
 * `t.source` is the slow source (source-server.ts), `t.redis` the test's Redis server read as
 * the grader. The `expect…` helpers fail as a cache fault (CacheFault): the test's check (`cache-hit`,
 * `invalidation`, …) is then named to the student with its lesson.
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
  /** Fails as a cache fault unless exactly `expected` requests match (`hits`); `why` ends the message. */
  expectHits(filter: string | RegExp | undefined, expected: number, why?: string): void;
  /** Forgets the requests counted so far. */
  resetHits(): void;
  /** The source's data at a path (`/products`, `/products/1`) as it is now, a copy. */
  read(path: string): unknown;
  /** Changes the data behind the app's back: an item replaced (`/products/1`) or a whole collection. Not counted. */
  write(path: string, value: unknown): void;
  /** The next `times` (default 1) requests whose path (no query) matches answer `status` (default 503). */
  fail(path: string | RegExp, status?: number, times?: number): void;
}

export interface RedisKit {
  /** Any command, as the grader (every right), e.g. `await t.redis.call('HGETALL', 'cart:1')`. Error replies are returned, not thrown. */
  call(...args: (string | number)[]): Promise<RedisReply>;
  /** The keys of database 0 that match a glob `pattern` (default all), sorted (SCAN, not KEYS). */
  keys(pattern?: string): Promise<string[]>;
  /** The key's remaining time to live in milliseconds; -1 for no expiry, -2 for no key (PTTL). */
  pttl(key: string): Promise<number>;
  /**
   * The key's value by its type: a string as parsed JSON when it is JSON, else as text; a hash
   * as an object; a list as an array; a set sorted; a sorted set as [member, score] pairs; null
   * for no key.
   */
  value(key: string): Promise<unknown>;
  /** Fails as a cache fault unless the key exists with an expiry of `min` to `max` seconds left. */
  expectTtl(key: string, range: { min?: number; max: number }): Promise<void>;
  /** Fails as a cache fault unless every key of database 0 has an expiry of at most `maxSeconds` left. */
  expectAllExpire(maxSeconds: number): Promise<void>;
  /** Fails as a cache fault unless database 0 holds exactly these keys (any order). */
  expectKeys(expected: readonly string[], why?: string): Promise<void>;
  /** Fails as a cache fault unless the key exists (`why` ends the message). */
  expectCached(key: string, why?: string): Promise<void>;
  /** Fails as a cache fault unless the key does not exist. */
  expectNotCached(key: string, why?: string): Promise<void>;
  /** Ends the key's life now, as its TTL running out would (DEL). */
  expire(key: string): Promise<void>;
}

/** Fails the test as its check (CACHE_CHECKS) failing: any other failure is an ordinary one. */
export function fault(message: string): never {
  throw new CacheFault(message);
}

/** What the kit's `expect…` helpers throw: the test's check failed, and its lesson is shown. */
export class CacheFault extends AssertionFailure {}

/** The REST kit with `source` and `redis`. */
export type RedisCacheKit = TestKit & { source: SourceKit; redis: RedisKit; fault: typeof fault };

export function createCacheKit(kit: TestKit, source: SlowSource, client: RedisClient): RedisCacheKit {
  const ask = async (...args: (string | number)[]): Promise<RedisReply> => {
    try {
      return await client.call(...args);
    } catch (err) {
      // The server is the app's: one it stopped answering (a script that never ends, a flood) fails the test.
      if (err instanceof RedisUnavailable) throw new AssertionFailure(`the test's Redis server did not answer the grader: ${err.message}`);
      throw err;
    }
  };
  const must = async (...args: (string | number)[]): Promise<RedisReply> => {
    const reply = await ask(...args);
    if (reply instanceof RedisErrorReply) throw new AssertionFailure(`the test's Redis server refused ${String(args[0])}: ${reply.message}`);
    return reply;
  };
  const keys = async (pattern = '*'): Promise<string[]> => {
    const found = new Set<string>();
    let cursor = '0';
    do {
      const reply = (await must('SCAN', cursor, 'MATCH', pattern, 'COUNT', 1000)) as [string, string[]];
      cursor = reply[0];
      for (const key of reply[1]) found.add(key);
    } while (cursor !== '0');
    return [...found].sort();
  };
  const pttl = async (key: string) => Number(await must('PTTL', key));

  const sourceKit: SourceKit = {
    latencyMs: source.latencyMs,
    hits: (filter) => source.requests.filter(matching(filter)).length,
    requests: () => source.requests.map((r) => ({ ...r })),
    expectHits(filter, expected, why) {
      const seen = source.requests.filter(matching(filter));
      if (seen.length === expected) return;
      const what = filter === undefined ? 'requests' : `${String(filter)}`;
      fault(`the slow source got ${what} ${times(seen.length)}, expected ${times(expected)}${why ? `: ${why}` : ''}`);
    },
    resetHits: () => source.resetRequests(),
    read: (path) => source.read(path),
    write: (path, value) => source.write(path, value),
    fail: (path, status = 503, count = 1) => source.fail(typeof path === 'string' ? new RegExp(`^${escapeRegExp(path)}$`) : path, status, count),
  };

  const redisKit: RedisKit = {
    call: ask,
    keys,
    pttl,
    value: async (key) => decodeValue(String(await must('TYPE', key)), key, must),
    async expectTtl(key, { min = 0, max }) {
      const ms = await pttl(key);
      if (ms === -2) fault(`nothing is cached under ${key}`);
      if (ms === -1) fault(`${key} is cached with no expiry: give it a TTL of at most ${max} s`);
      const seconds = ms / 1000;
      // Whole seconds, rounded up as Redis's TTL does: a TTL of 300 read a moment later is still "300 s".
      if (seconds < min || seconds > max) fault(`${key} expires in ${Math.ceil(seconds)} s, expected ${min === max ? `${max} s` : `${min} to ${max} s`}`);
    },
    async expectAllExpire(maxSeconds) {
      for (const key of await keys()) {
        const ms = await pttl(key);
        if (ms === -1) fault(`${key} is cached with no expiry: give every entry a TTL of at most ${maxSeconds} s`);
        if (ms > maxSeconds * 1000) fault(`${key} expires in ${Math.ceil(ms / 1000)} s, more than ${maxSeconds} s`);
      }
    },
    async expectKeys(expected, why) {
      const actual = await keys();
      const wanted = [...expected].sort();
      if (actual.length === wanted.length && actual.every((key, i) => key === wanted[i])) return;
      fault(`Redis holds ${list(actual)}, expected ${list(wanted)}${why ? `: ${why}` : ''}`);
    },
    async expectCached(key, why) {
      if (Number(await must('EXISTS', key)) !== 1) fault(`nothing is cached under ${key}${why ? `: ${why}` : ''}`);
    },
    async expectNotCached(key, why) {
      if (Number(await must('EXISTS', key)) !== 0) fault(`${key} is still cached${why ? `: ${why}` : ''}`);
    },
    async expire(key) {
      await must('DEL', key);
    },
  };
  return { ...kit, source: sourceKit, redis: redisKit, fault };
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

async function decodeValue(type: string, key: string, must: (...args: (string | number)[]) => Promise<RedisReply>): Promise<unknown> {
  switch (type) {
    case 'none':
      return null;
    case 'string': {
      const text = String(await must('GET', key));
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
    case 'hash': {
      const flat = (await must('HGETALL', key)) as string[];
      const object: Record<string, string> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) Object.defineProperty(object, flat[i] as string, { value: flat[i + 1], enumerable: true, writable: true, configurable: true });
      return object;
    }
    case 'list':
      return must('LRANGE', key, 0, -1);
    case 'set':
      return ((await must('SMEMBERS', key)) as string[]).sort();
    case 'zset': {
      const flat = (await must('ZRANGE', key, 0, -1, 'WITHSCORES')) as string[];
      const pairs: [string, number][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] as string, Number(flat[i + 1])]);
      return pairs;
    }
    default:
      return `(a ${type})`;
  }
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function list(keys: readonly string[]): string {
  if (keys.length === 0) return 'no key';
  const shown = keys.slice(0, 10).join(', ');
  return keys.length > 10 ? `${shown} and ${keys.length - 10} more` : shown;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
