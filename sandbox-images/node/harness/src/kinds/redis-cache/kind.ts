import type { ExerciseManifest } from '../../contracts';
import { CACHE_PORTS, STUDENT_APP_PORT } from '../../container-layout';
import { appSyntaxError } from '../../common/app-syntax';
import { ExerciseDefect } from '../../common/exercise-defect';
import { testResultOf } from '../../common/test-feedback';
import { graderWorkDir } from '../../common/workspace';
import type { Kind } from '../kind';
import { appLauncher } from '../rest-endpoint/app-launcher';
import { runRestTest } from '../rest-endpoint/run-rest-test';
import { REST_RUNNER } from '../rest-endpoint/student-runners';
import type { TestKit } from '../rest-endpoint/test-kit';
import { loadTestCases, type TestCases } from '../rest-endpoint/test-cases-module';
import { CacheFault, createCacheKit } from './cache-kit';
import { redisCacheFeedback, type RedisCacheOutcome } from './feedback';
import { startCacheServer } from './redis-server';
import { startSlowSource, type SourceData } from './source-server';

type RedisCacheManifest = Extract<ExerciseManifest, { kind: 'redis-cache' }>;

interface RedisCacheReady {
  manifest: RedisCacheManifest;
  entryPath: string;
  cases: TestCases;
  sourceData: SourceData;
}

/** The exercise's source data is not a JSON object of arrays of objects: for staff. */
class SourceDataDefect extends ExerciseDefect {
  override readonly name = 'SourceDataDefect';
}

/**
 * Kind redis-cache: the student's web app (Express in JavaScript; Flask, FastAPI or any WSGI or
 * ASGI app in Python) sits in front of a slow source and caches in Redis. Each test gets a
 * fresh Redis server started inside this sandbox (redis-server.ts: its own uid, loopback only,
 * no persistence, no admin commands for the app), a fresh copy of the slow source's data
 * (source-server.ts, in this process), and a fresh app with REDIS_URL and SOURCE_URL, started as
 * rest-endpoint starts one. The instructor's case checks behaviour over HTTP, counts the
 * source's requests and reads Redis as the grader (cache-kit.ts). Server and source are gone
 * when the test ends.
 */
export const redisCache: Kind<RedisCacheManifest, RedisCacheReady, RedisCacheOutcome> = {
  name: 'redis-cache',
  studentRunners: [REST_RUNNER],

  async prepare({ manifest, input, written }) {
    const entryPath = written.get(manifest.cache.entry);
    if (entryPath === undefined) return { common: { kind: 'compile', message: `your submission has no file ${manifest.cache.entry}` } };
    const syntaxError = await appSyntaxError(manifest.cache.language, input.submission);
    if (syntaxError !== undefined) return { common: { kind: 'compile', message: syntaxError } };
    const cases = loadTestCases(manifest.cache.testsFile, input.exerciseFiles, graderWorkDir('package'));
    return { ready: { manifest, entryPath, cases, sourceData: parseSourceData(manifest.cache.sourceFile, input.exerciseFiles[manifest.cache.sourceFile]) } };
  },

  async runTest({ manifest, entryPath, cases, sourceData }, { test }) {
    const server = await startCacheServer();
    let source;
    try {
      source = await startSlowSource(sourceData, manifest.cache.sourceLatencyMs, CACHE_PORTS.source);
    } catch (err) {
      await server.stop();
      throw err;
    }
    let cacheFault = false as boolean;
    const testCase = cases.get(test.case);
    try {
      const run = await runRestTest({
        testCase: async (kit) => {
          try {
            return await testCase(kit);
          } catch (err) {
            if (err instanceof CacheFault) cacheFault = true;
            throw err;
          }
        },
        caseId: test.case,
        entryPath,
        entryName: manifest.cache.entry,
        launcher: appLauncher(manifest.cache.language),
        port: STUDENT_APP_PORT,
        startupTimeMs: manifest.cache.startupTimeMs,
        testTimeMs: manifest.limits.testTimeMs,
        memoryMb: manifest.limits.memoryMb,
        env: { REDIS_URL: `redis://127.0.0.1:${CACHE_PORTS.redis}`, SOURCE_URL: `http://127.0.0.1:${CACHE_PORTS.source}` },
        extendKit: (kit): TestKit => createCacheKit(kit, source, server.client),
      });
      const outcome: RedisCacheOutcome = { ...run.outcome, ...(cacheFault && { cacheFault }) };
      return { outcome, ...(run.durationMs !== undefined && { durationMs: run.durationMs }), decidesRest: !run.listened && run.outcome.kind !== 'internal' };
    } finally {
      await source.close();
      await server.stop();
    }
  },

  resultOf: (test, outcome, durationMs) => testResultOf(test, (visibility) => redisCacheFeedback(outcome, visibility, test.check), durationMs),
  internal: (message) => ({ kind: 'internal', message }),
};

/** The source's data from the exercise package: `{ "<collection>": [{ ... }, ...] }`. */
export function parseSourceData(file: string, text: string | undefined): SourceData {
  if (text === undefined) throw new SourceDataDefect(`the exercise package has no source data ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SourceDataDefect(`the source data ${file} is not JSON: ${(err as Error).message}`);
  }
  const valid =
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    Object.values(data).every((items) => Array.isArray(items) && items.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item)));
  if (!valid) throw new SourceDataDefect(`the source data ${file} must be a JSON object whose values are arrays of objects (the collections)`);
  return data as SourceData;
}
