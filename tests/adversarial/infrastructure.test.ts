import fs from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { createLogger } from '@grader/runtime';
import { startWorker } from '../../worker/src/start-worker';
import { DockerSocketProxy } from '../support/docker-socket-proxy';
import { until } from '../support/wait';
import { expectProblem } from '../support/problem';
import { REPO_ROOT, startPipeline } from '../support/pipeline';

/**
 * Infrastructure failures are retried with backoff and, if they persist, shown as a grader
 * error — never recorded as the student's zero.
 */
const EXERCISE = 'sql-revenue-by-customer';
const REFERENCE = fs.readFileSync(path.join(REPO_ROOT, 'exercises', EXERCISE, 'solution/query.sql'), 'utf8');

/** Short delays so that many retries fit in a test; production waits minutes (see retry-policy.ts). */
const FAST_RETRIES = { GRADER_RETRY_FIRST_DELAY_MS: '200', GRADER_RETRY_MAX_DELAY_MS: '1000' };

it('outlasts a Docker engine outage longer than the old four attempts, says so in health, and grades once the engine is back', async () => {
  const proxy = new DockerSocketProxy();
  const pipeline = await startPipeline({ env: { GRADER_DOCKER_SOCKET: proxy.socketPath, GRADER_JOB_ATTEMPTS: '40', ...FAST_RETRIES } });
  try {
    const created = await pipeline.student.submit(EXERCISE, { 'query.sql': REFERENCE });
    await until(async () => ((await pipeline.attemptsOf(created.body.id)) ?? 0) >= 5, 60_000, 'five failed attempts');
    const meanwhile = await pipeline.student.request('GET', `/api/submissions/${created.body.id}`);
    expect(meanwhile.body).toMatchObject({ status: expect.stringMatching(/^(queued|running)$/), score: null });
    // The API takes work, but says nothing can grade it now.
    const health = await pipeline.anonymous.request('GET', '/healthz');
    expect({ status: health.status, body: health.body }).toEqual({
      status: 200,
      body: { status: 'degraded', checks: { database: 'ok', redis: 'ok', grading: 'down', canary: 'off' }, workers: { reporting: 1, ready: 0 }, canary: null },
    });

    await proxy.up();
    const graded = await pipeline.student.waitForGrade(created.body.id);
    expect(graded).toMatchObject({ status: 'graded', verdict: 'accepted', score: 10 });
    await until(async () => (await pipeline.anonymous.request('GET', '/healthz')).body.status === 'ok', 60_000, 'health ok again');
  } finally {
    await pipeline.close();
    await proxy.down();
  }
});

it('shows a grading that keeps failing (sandbox image missing) as a grader error with no score, after its retries', async () => {
  const pipeline = await startPipeline({ env: { GRADER_SANDBOX_IMAGE_PREFIX: 'grader-image-that-does-not-exist-', GRADER_JOB_ATTEMPTS: '4', ...FAST_RETRIES } });
  try {
    const created = await pipeline.student.submit(EXERCISE, { 'query.sql': REFERENCE });
    const outcome = await pipeline.student.waitForGrade(created.body.id, 60_000);
    expect(outcome).toMatchObject({ status: 'error', score: null, verdict: 'internal_error', tests: [] });
    expect(outcome.message).toMatch(/does not count against you/);
    expect(JSON.stringify(outcome)).not.toMatch(/grader-image-that-does-not-exist/); // staff detail stays internal
    expect(pipeline.graderErrorOf(created.body.id)).toMatch(/^Infrastructure: grading failed after 4 attempts/);
    expect(await pipeline.attemptsOf(created.body.id)).toBe(4);
  } finally {
    await pipeline.close();
  }
});

it('lets staff queue again the submissions an outage turned into grader errors, and grades them', async () => {
  const proxy = new DockerSocketProxy();
  const pipeline = await startPipeline({ env: { GRADER_DOCKER_SOCKET: proxy.socketPath, GRADER_JOB_ATTEMPTS: '2', ...FAST_RETRIES } });
  try {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const created = await pipeline.student.submit(EXERCISE, { 'query.sql': `${REFERENCE}\n-- attempt ${n}` });
      ids.push(created.body.id);
    }
    for (const id of ids) expect(await pipeline.student.waitForGrade(id)).toMatchObject({ status: 'error', score: null });
    await proxy.up();

    const instructor = await pipeline.createUser('instructor');
    expectProblem(await pipeline.student.request('POST', `/api/submissions/${ids[0]}/requeue`), 403, 'forbidden');
    const one = await instructor.request('POST', `/api/submissions/${ids[0]}/requeue`);
    expect({ status: one.status, body: one.body }).toEqual({ status: 202, body: { id: ids[0], status: 'queued' } });
    expect(await pipeline.student.waitForGrade(ids[0]!)).toMatchObject({ status: 'graded', verdict: 'accepted', score: 10 });
    expect(pipeline.graderErrorOf(ids[0]!)).toBeNull();
    // A graded submission is not the grader's to redo this way.
    expectProblem(await instructor.request('POST', `/api/submissions/${ids[0]}/requeue`), 409, 'not_requeueable');

    const rest = await pipeline.admin.request('POST', '/api/submissions/requeue', { exercise: EXERCISE });
    expect(rest.status).toBe(202);
    expect(rest.body).toEqual({ requeued: 2, ids: ids.slice(1) });
    for (const id of ids.slice(1)) expect(await pipeline.student.waitForGrade(id)).toMatchObject({ status: 'graded', score: 10 });
  } finally {
    await pipeline.close();
    await proxy.down();
  }
});

it('removes, on start-up, a sandbox container that a dead worker left running', async () => {
  const docker = new Docker();
  const leftover = await docker.createContainer({
    Image: 'grader-sandbox-node',
    Entrypoint: ['sleep', '600'],
    Labels: { 'grader.managed': 'true', 'grader.submission': 'left-by-a-dead-worker', 'grader.deadline': String(Date.now() - 120_000) },
    HostConfig: { NetworkMode: 'none', ReadonlyRootfs: true, CapDrop: ['ALL'] },
  });
  await leftover.start();
  const pipeline = await startPipeline({ worker: false });
  const worker = await startWorker({ ...pipeline.config }, createLogger({ name: 'test', level: 'silent', pretty: false }));
  try {
    await expect(leftover.inspect()).rejects.toMatchObject({ statusCode: 404 });
  } finally {
    await worker.close();
    await pipeline.close();
    await leftover.remove({ force: true }).catch(() => undefined);
  }
});
