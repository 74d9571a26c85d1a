import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { connectRedis, watchRedisConnection } from '@grader/runtime';
import { PrivateRedis } from '../support/private-redis';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';
import { until } from '../support/wait';

/**
 * Redis stops (a Redis of this test's own, killed without a disk) and starts again. While it
 * is down the API answers at once: 503 with Retry-After for what needs the queue, health
 * saying which dependency is down, reads from SQLite as usual. Each answer below is awaited
 * while Redis is still down, so an API that waited for the outage to end would never answer
 * and the test would fail. Once Redis is back, submissions are graded again.
 */
const EXERCISE = 'sql-revenue-by-customer';
const REFERENCE = fs.readFileSync(path.join(REPO_ROOT, 'exercises', EXERCISE, 'solution/query.sql'), 'utf8');

let redis: PrivateRedis;
let pipeline: Pipeline;
beforeAll(async () => {
  redis = await PrivateRedis.start();
  pipeline = await startPipeline({ env: { GRADER_REDIS_URL: redis.url } });
});
afterAll(async () => {
  await redis?.start().catch(() => undefined);
  await pipeline?.close();
  await redis?.stop();
});

it('answers at once while Redis is down, stores nothing half-way, and grades again once it is back', async () => {
  const before = await pipeline.student.submitAndWait(EXERCISE, { 'query.sql': REFERENCE });
  expect(before).toMatchObject({ status: 'graded', score: 10 });
  const rows = pipeline.submissionRows();

  await redis.stop();
  const health = await pipeline.anonymous.request('GET', '/healthz');
  expect({ status: health.status, retryAfter: health.headers.get('retry-after'), body: health.body }).toEqual({
    status: 503,
    retryAfter: '5',
    body: { status: 'unavailable', checks: { database: 'ok', redis: 'down', grading: 'down', canary: 'off' }, workers: null, canary: null },
  });
  for (let i = 0; i < 3; i++) {
    const refused = await pipeline.student.submit(EXERCISE, { 'query.sql': `${REFERENCE}\n-- during the outage ${i}` });
    expectProblem(refused, 503, 'dependency_unavailable');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  }
  expect(pipeline.submissionRows()).toBe(rows);
  // What lives in SQLite is still served.
  expect((await pipeline.student.request('GET', `/api/submissions/${before.id}`)).body).toMatchObject({ status: 'graded', score: 10 });

  await redis.start();
  await until(async () => (await pipeline.anonymous.request('GET', '/healthz')).status === 200, 60_000, 'health answering 200 again');
  const after = await pipeline.student.submit(EXERCISE, { 'query.sql': REFERENCE });
  expect(after.status).toBe(202);
  expect(await pipeline.student.waitForGrade(after.body.id)).toMatchObject({ status: 'graded', verdict: 'accepted', score: 10 });
});

it('logs an outage once when Redis goes away and once when it is back, however many reconnections it takes', async () => {
  const lines: { msg: string }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  // A Redis of its own: the pipeline above has had its outage and is left in peace.
  const own = await PrivateRedis.start();
  const connection = connectRedis(own.url);
  let reconnections = 0;
  connection.on('reconnecting', () => reconnections++);
  watchRedisConnection(connection, pino({ level: 'info' }, sink), 'test');
  try {
    await until(async () => connection.status === 'ready', 15_000, 'connected');
    await own.stop();
    await until(async () => reconnections >= 5, 30_000, 'five reconnection attempts');
    await own.start();
    await until(async () => connection.status === 'ready', 30_000, 'connected again');
    await until(async () => lines.length >= 2, 5_000, 'the recovery logged');
    expect(lines.map((l) => l.msg)).toEqual(['redis unreachable; retrying in the background', 'redis reachable again']);
  } finally {
    connection.disconnect();
    await own.stop();
  }
});
