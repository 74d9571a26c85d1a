import { createSourceKit, type SourceKit } from '../../common/data-source/kit';
import type { DataSource } from '../../common/data-source/server';
import { AssertionFailure, CheckFailed } from '../rest-endpoint/assertion-failure';
import type { TestKit } from '../rest-endpoint/test-kit';
import { RedisErrorReply, RedisUnavailable, type RedisClient, type RedisReply } from './redis-client';

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
 * `t.source` is the slow source (common/data-source), `t.redis` the test's Redis server read as
 * the grader. The `expect…` helpers fail as the test's check (CheckFailed): the check (`cache-hit`,
 * `invalidation`, …) is then named to the student with its lesson.
 */
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
  throw new CheckFailed(message);
}

/** The REST kit with `source` and `redis`. */
export type RedisCacheKit = TestKit & { source: SourceKit; redis: RedisKit; fault: typeof fault };

export function createCacheKit(kit: TestKit, source: DataSource, client: RedisClient): RedisCacheKit {
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
  return { ...kit, source: createSourceKit(source), redis: redisKit, fault };
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

function list(keys: readonly string[]): string {
  if (keys.length === 0) return 'no key';
  const shown = keys.slice(0, 10).join(', ');
  return keys.length > 10 ? `${shown} and ${keys.length - 10} more` : shown;
}
