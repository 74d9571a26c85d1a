import { spawn } from 'node:child_process';
import { createLogger } from '@grader/runtime';
import { startWorker } from '../../worker/src/start-worker';
import { REPO_ROOT, startPipeline } from '../support/pipeline';
import { until } from '../support/wait';

/** A worker process killed in the middle of a grading: the job returns to the queue and another worker grades it. */
it('regrades, on another worker, a submission whose worker was killed mid-grading', async () => {
  const pipeline = await startPipeline({ worker: false, env: { GRADER_JOB_LOCK_MS: '2000' } });
  const { config } = pipeline;
  const doomed = spawn(process.execPath, ['--import', 'tsx', 'worker/src/main.ts'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
    env: {
      ...process.env,
      GRADER_REDIS_URL: config.redisUrl,
      GRADER_QUEUE_PREFIX: config.queuePrefix,
      GRADER_API_URL: config.apiUrl,
      GRADER_INTERNAL_TOKEN: config.internalToken!,
      GRADER_JOB_LOCK_MS: '2000',
      GRADER_LOG_LEVEL: 'silent',
    },
  });
  let rescuer: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    // Four tests of two seconds each: long enough to kill the worker while it grades.
    const endless = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) AS name FROM r';
    const created = await pipeline.student.submit('sql-revenue-by-customer', { 'query.sql': endless });
    await until(async () => (await pipeline.student.request('GET', `/api/submissions/${created.body.id}`)).body.status === 'running', 30_000, 'grading started');
    doomed.kill('SIGKILL');

    rescuer = await startWorker(config, createLogger({ name: 'rescuer', level: 'silent', pretty: false }));
    const graded = await pipeline.student.waitForGrade(created.body.id, 90_000);
    expect(graded).toMatchObject({ status: 'graded', verdict: 'time_limit_exceeded', score: 0 });
  } finally {
    doomed.kill('SIGKILL');
    await rescuer?.close();
    await pipeline.close();
  }
});
