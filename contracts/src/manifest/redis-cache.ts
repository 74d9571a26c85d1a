import { z } from 'zod';
import { LIMITS } from '../limits';
import { SubmittedPath } from '../submitted-files';
import { ManifestCommon, PackagePath, TestBase, type ManifestKind, webAppStack, STACK } from './common';

/**
 * What a redis-cache test checks, named to the student with its lesson whenever the test fails
 * (whatever its visibility): the lesson says what a cache in front of a slow source must do,
 * nothing of the test's requests or data.
 * - `cache-hit`: a repeated read is answered from Redis, not from the slow source.
 * - `invalidation`: a read after a write through the app shows the write (no stale entry).
 * - `ttl`: every entry the app caches expires, within the time the statement gives.
 * - `key-design`: entries are stored under the keys the statement names, one per resource.
 * - `errors-not-cached`: a failure or a missing resource from the source is not kept as if it were data.
 * - `isolation`: one caller's private data never reaches another through the cache.
 */
export const CACHE_CHECKS = ['cache-hit', 'invalidation', 'ttl', 'key-design', 'errors-not-cached', 'isolation'] as const;
export type CacheCheck = (typeof CACHE_CHECKS)[number];

export const RedisCacheTest = TestBase.extend({
  /** The id of a test case exported by the tests module (`cache.testsFile`). */
  case: z.string().min(1).max(200),
  /** What this test checks (CACHE_CHECKS), named with its lesson when it fails. */
  check: z.enum(CACHE_CHECKS).optional(),
}).strict();

export const RedisCacheManifest = z.object({
  ...ManifestCommon,
  kind: z.literal('redis-cache'),
  cache: z
    .object({
      /** The language of the student's app: `javascript` (Express, CommonJS) or `python` (runtime `python`: Flask, FastAPI or any WSGI or ASGI app). */
      language: z.enum(['javascript', 'python']).default('javascript'),
      /**
       * The submitted module that exports createApp() (or the app; for Python create_app() or a
       * module-level `app`), started afresh for each test with REDIS_URL (a Redis server of its
       * own, empty, started for the test inside the sandbox) and SOURCE_URL (the slow source).
       */
      entry: SubmittedPath.default('app.js'),
      /**
       * Package path of the instructor's CommonJS module: `module.exports = { '<case id>': async (t) => { ... } }`.
       * `t` is the rest-endpoint test kit plus `t.source` (the slow source's requests and data)
       * and `t.redis` (the test's Redis server, read as the grader): harness/src/kinds/redis-cache/README.md.
       */
      testsFile: PackagePath,
      /**
       * Package path of the slow source's data, a JSON object of collections: `{ "products": [{ "id": 1, ... }] }`.
       * The source serves it over HTTP at SOURCE_URL (GET /<collection>, GET, PUT, PATCH and
       * DELETE /<collection>/<id>, POST /<collection>), a fresh copy for each test.
       */
      sourceFile: PackagePath,
      /** How long the source takes to answer each request, milliseconds: what a cache saves. */
      sourceLatencyMs: z.number().int().min(0).max(LIMITS.dataSource.latencyMsMax).default(LIMITS.cache.sourceLatencyMs),
      /** Milliseconds from starting the student's app to its listening, on top of each test's own time. */
      startupTimeMs: z.number().int().min(100).max(LIMITS.exercise.startupTimeMsMax).default(LIMITS.exercise.startupTimeMs),
    })
    .strict(),
  tests: z.array(RedisCacheTest).min(1).max(50),
});

function checkRedisCache(m: z.infer<typeof RedisCacheManifest>, submitted: Set<string>, ctx: z.RefinementCtx): void {
  const { entry, language } = m.cache;
  if (!submitted.has(entry)) ctx.addIssue({ code: 'custom', path: ['cache', 'entry'], message: `${entry} is not one of the student's files` });
  if (language === 'javascript' && !/\.c?js$/.test(entry)) ctx.addIssue({ code: 'custom', path: ['cache', 'entry'], message: `${entry} is not a JavaScript file (.js or .cjs)` });
  if (language === 'python' && !/\.py$/.test(entry)) ctx.addIssue({ code: 'custom', path: ['cache', 'entry'], message: `${entry} is not a Python file (.py)` });
  if (language === 'python' && m.runtime !== 'python') ctx.addIssue({ code: 'custom', path: ['runtime'], message: 'a Python app runs in the python runtime: set runtime: python' });
  const cases = new Set<string>();
  m.tests.forEach((t, i) => {
    if (cases.has(t.case)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'case'], message: `test case ${JSON.stringify(t.case)} is used by two tests` });
    cases.add(t.case);
  });
}

export const REDIS_CACHE_KIND: ManifestKind<typeof RedisCacheManifest> = {
  schema: RedisCacheManifest,
  check: checkRedisCache,
  packageFiles: (m) => [m.cache.testsFile, m.cache.sourceFile],
  // A fresh Redis server and app per test; the slow source's answers are slow on purpose.
  extraTestMs: (m) => m.cache.startupTimeMs + LIMITS.cache.serverStartMs + (m.cache.language === 'python' ? LIMITS.exercise.pythonAppTestMs : 0),
  language: (m) => m.cache.language,
  environment: (m) => [...webAppStack(m.cache.language), STACK.redis],
};
