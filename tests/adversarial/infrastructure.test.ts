import fs from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { createLogger } from '@grader/shared';
import { startWorker } from '../../worker/src/start-worker';
import { DockerSocketProxy } from '../support/docker-socket-proxy';
import { until } from '../support/wait';
import { REPO_ROOT, startPipeline } from '../support/pipeline';

/**
 * Infrastructure failures are retried with backoff and, if they persist, shown as a grader
 * error — never recorded as the student's zero.
 */
const EXERCISE = 'sql-revenue-by-customer';
const REFERENCE = fs.readFileSync(path.join(REPO_ROOT, 'exercises', EXERCISE, 'solution/query.sql'), 'utf8');

it('retries a grading whose Docker engine is down, and grades it once the engine is back', async () => {
  const proxy = new DockerSocketProxy();
  const pipeline = await startPipeline({ env: { GRADER_DOCKER_SOCKET: proxy.socketPath } });
  try {
    const created = await pipeline.student.submit(EXERCISE, { 'query.sql': REFERENCE });
    await until(async () => ((await pipeline.attemptsOf(created.body.id)) ?? 0) >= 1);
    const meanwhile = await pipeline.student.request('GET', `/api/submissions/${created.body.id}`);
    expect(meanwhile.body.status).not.toBe('graded');
    expect(meanwhile.body.score).toBeNull();

    await proxy.up();
    const graded = await pipeline.student.waitForGrade(created.body.id);
    expect(graded).toMatchObject({ status: 'graded', verdict: 'accepted', score: 10 });
    expect(await pipeline.attemptsOf(created.body.id)).toBeGreaterThanOrEqual(2);
  } finally {
    await pipeline.close();
    await proxy.down();
  }
});

it('shows a grading that keeps failing (sandbox image missing) as a grader error with no score, after its retries', async () => {
  const pipeline = await startPipeline({ env: { GRADER_SANDBOX_IMAGE_PREFIX: 'grader-image-that-does-not-exist-' } });
  try {
    const created = await pipeline.student.submit(EXERCISE, { 'query.sql': REFERENCE });
    const outcome = await pipeline.student.waitForGrade(created.body.id, 60_000);
    expect(outcome).toMatchObject({ status: 'error', score: null, verdict: 'internal_error', tests: [] });
    expect(outcome.message).toMatch(/does not count against you/);
    expect(JSON.stringify(outcome)).not.toMatch(/grader-image-that-does-not-exist/); // staff detail stays internal
    expect(await pipeline.attemptsOf(created.body.id)).toBe(4);
  } finally {
    await pipeline.close();
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
