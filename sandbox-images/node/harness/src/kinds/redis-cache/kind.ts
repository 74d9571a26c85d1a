import type { ExerciseManifest } from '../../contracts';
import { SERVICE_PORTS } from '../../container-layout';
import { appSyntaxError } from '../../common/app-syntax';
import { testResultOf } from '../../common/test-feedback';
import { graderWorkDir } from '../../common/workspace';
import type { Kind } from '../kind';
import { checkedFeedback, runCheckedTest, type CheckedOutcome } from '../rest-endpoint/checked-test';
import { REST_RUNNER } from '../rest-endpoint/student-runners';
import type { TestKit } from '../rest-endpoint/test-kit';
import { loadTestCases, type TestCases } from '../rest-endpoint/test-cases-module';
import { createCacheKit } from './cache-kit';
import { CHECK_LESSONS } from './feedback';
import { startCacheServer } from './redis-server';
import { parseSourceData } from '../../common/data-source/source-data';
import { startDataSource, type DataSource, type SourceData } from '../../common/data-source/server';

type RedisCacheManifest = Extract<ExerciseManifest, { kind: 'redis-cache' }>;

interface RedisCacheReady {
  manifest: RedisCacheManifest;
  entryPath: string;
  cases: TestCases;
  sourceData: SourceData;
}

/**
 * Kind redis-cache: the student's web app (Express in JavaScript; Flask, FastAPI or any WSGI or
 * ASGI app in Python) sits in front of a slow source and caches in Redis. Each test gets a
 * fresh Redis server started inside this sandbox (redis-server.ts: its own uid, loopback only,
 * no persistence, no admin commands for the app), a fresh copy of the slow source's data
 * (common/data-source, in this process), and a fresh app with REDIS_URL and SOURCE_URL, started as
 * rest-endpoint starts one. The instructor's case checks behaviour over HTTP, counts the
 * source's requests and reads Redis as the grader (cache-kit.ts). Server and source are gone
 * when the test ends.
 */
export const redisCache: Kind<RedisCacheManifest, RedisCacheReady, CheckedOutcome> = {
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
    let source: DataSource;
    try {
      source = await startDataSource(sourceData, manifest.cache.sourceLatencyMs, SERVICE_PORTS.dataSource);
    } catch (err) {
      await server.stop();
      throw err;
    }
    try {
      return await runCheckedTest({
        testCase: cases.get(test.case),
        caseId: test.case,
        language: manifest.cache.language,
        entryPath,
        entryName: manifest.cache.entry,
        startupTimeMs: manifest.cache.startupTimeMs,
        testTimeMs: manifest.limits.testTimeMs,
        memoryMb: manifest.limits.memoryMb,
        env: { REDIS_URL: `redis://127.0.0.1:${SERVICE_PORTS.redis}`, SOURCE_URL: `http://127.0.0.1:${SERVICE_PORTS.dataSource}` },
        extendKit: (kit): TestKit => createCacheKit(kit, source, server.client),
      });
    } finally {
      await source.close();
      await server.stop();
    }
  },

  resultOf: (test, outcome, durationMs) => testResultOf(test, (visibility) => checkedFeedback(outcome, visibility, test.check && CHECK_LESSONS[test.check]), durationMs),
  internal: (message) => ({ kind: 'internal', message }),
};
