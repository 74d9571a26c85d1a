import { DockerSocketProxy } from '../support/docker-socket-proxy';
import { startPipeline } from '../support/pipeline';
import { until } from '../support/wait';

/**
 * The canary: a grading through the real path (queue, worker, sandbox, recorder) every second
 * here (20 s in a deployment), overdue after 20 s (30 s), so that /healthz fails when grading has
 * stalled although every part still answers. The stall here is the worker's Docker engine gone
 * (a socket proxy the test switches off): the worker keeps consuming and retrying.
 */
it('makes /healthz fail within a minute of grading stalling, and pass again once grading is back, with no submission row of its own', async () => {
  const proxy = new DockerSocketProxy();
  await proxy.up();
  const pipeline = await startPipeline({ env: { GRADER_DOCKER_SOCKET: proxy.socketPath, GRADER_CANARY_EVERY_S: '1', GRADER_CANARY_OVERDUE_S: '20' } });
  let last: Awaited<ReturnType<typeof pipeline.anonymous.request>> | undefined;
  const healthUntil = async (holds: (status: number, body: any) => boolean, timeoutMs: number, what: string) => {
    await until(async () => {
      last = await pipeline.anonymous.request('GET', '/healthz');
      return holds(last.status, last.body);
    }, timeoutMs, what);
    return last!;
  };
  try {
    const ok = await healthUntil((_, body) => body.checks.canary === 'ok', 60_000, 'a first canary graded');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'ok', checks: { database: 'ok', redis: 'ok', grading: 'ok', canary: 'ok' }, canary: { lastGradedAt: expect.any(String), ageS: expect.any(Number) } });

    // Within a minute of the stall (the spec's bound, not a measurement: the canary is due 20 s after it at most).
    await proxy.down();
    const stalled = await healthUntil((status) => status === 503, 60_000, '/healthz failing');
    expect(stalled.body).toMatchObject({ status: 'stalled', checks: { canary: 'stalled', database: 'ok', redis: 'ok' } });
    expect(stalled.headers.get('retry-after')).not.toBeNull();

    await proxy.up();
    // The canary's grade and the worker's next heartbeat (every 10 s) each bring one check back.
    await healthUntil((status, body) => status === 200 && body.status === 'ok' && body.checks.canary === 'ok', 90_000, '/healthz passing again');
    // The canary grades no submission: nothing of it is stored, shown or counted.
    expect(pipeline.submissionRows()).toBe(0);
  } finally {
    await pipeline.close();
    await proxy.down();
  }
});

it('reports the canary as off, and never fails health for it, when GRADER_CANARY_EVERY_S is 0', async () => {
  const pipeline = await startPipeline({ env: { GRADER_CANARY_EVERY_S: '0' } });
  // (The default of every other test's pipeline too: its jobs would mix with theirs.)
  try {
    const health = await pipeline.anonymous.request('GET', '/healthz');
    expect(health.body).toMatchObject({ status: 'ok', checks: { canary: 'off' }, canary: null });
  } finally {
    await pipeline.close();
  }
});
