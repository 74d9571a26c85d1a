import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import pino from 'pino';
import { UnrecoverableError, Worker } from 'bullmq';
import { QUEUES } from '@grader/contracts';
import { connectRedis } from '@grader/runtime';
import { loadExerciseFolder } from '../../api/src/exercises/exercise-package';
import { GradeQueue } from '../../api/src/queue/grade-queue';
import { Reconciler } from '../../api/src/recorder/reconciler';
import { openDatabase } from '../../api/src/store/database';
import { ExerciseStore } from '../../api/src/store/exercise-store';
import { SubmissionStore } from '../../api/src/store/submission-store';
import { UserStore } from '../../api/src/store/user-store';
import { until } from '../support/wait';
import { REPO_ROOT } from '../support/pipeline';

const REDIS_URL = process.env.GRADER_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Real Redis, real SQLite: the reconciler against the states a crash can leave behind. */
describe('the reconciler', () => {
  const redis = connectRedis(REDIS_URL);
  const queue = new GradeQueue(redis, `test-${randomBytes(6).toString('hex')}`);
  const db = openDatabase(':memory:');
  const exercises = new ExerciseStore(db);
  const submissions = new SubmissionStore(db);
  const reconciler = new Reconciler(submissions, exercises, queue, pino({ level: 'silent' }), 0);
  const pkg = loadExerciseFolder(path.join(REPO_ROOT, 'exercises/sql-revenue-by-customer'));
  exercises.publish(pkg);
  const userId = new UserStore(db).create({ username: 'ada', displayName: 'Ada', role: 'student' }).id;

  afterAll(async () => {
    await queue.queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    db.close();
  });

  const insert = () => {
    const id = randomUUID();
    submissions.insert({ id, userId, exercise: pkg.manifest.slug, exerciseVersion: 1, files: { 'query.sql': 'SELECT 1' }, maxScore: 10 }, new Date(Date.now() - 1000));
    return id;
  };

  it('queues again a submission whose job is missing (the API died between insert and enqueue)', async () => {
    const id = insert();
    expect((await queue.stateOf(id)).state).toBe('missing');
    const outcome = await reconciler.reconcileOnce();
    expect(outcome.requeued).toBeGreaterThanOrEqual(1);
    expect((await queue.stateOf(id)).state).toBe('waiting');
    const job = await queue.queue.getJob(id);
    expect(job?.data).toMatchObject({ submissionId: id, exercise: { bundleHash: pkg.bundleHash } });
  });

  it('leaves a submission whose job is waiting alone', async () => {
    const id = insert();
    await queue.enqueue({ id, files: { 'query.sql': 'x' } }, { slug: pkg.manifest.slug, version: 1, bundleHash: pkg.bundleHash });
    await reconciler.reconcileOnce();
    expect(submissions.get(id)?.status).toBe('queued');
    expect(await queue.queue.getJobCounts('waiting')).toMatchObject({ waiting: expect.any(Number) });
  });

  it('marks a submission whose job failed for good as a grader error, not a zero', async () => {
    const id = insert();
    await queue.enqueue({ id, files: { 'query.sql': 'x' } }, { slug: pkg.manifest.slug, version: 1, bundleHash: pkg.bundleHash });
    // A worker that dies with the job, as BullMQ ends a job that stalled too often: no message to the recorder.
    const crashingConnection = connectRedis(REDIS_URL);
    const crashing = new Worker(
      QUEUES.grade,
      async (job) => {
        if (job.id === id) throw new UnrecoverableError('job stalled more than allowable limit');
      },
      { connection: crashingConnection, prefix: queue.queue.opts.prefix },
    );
    await until(async () => (await queue.stateOf(id)).state === 'failed');
    await crashing.close();
    crashingConnection.disconnect();
    await reconciler.reconcileOnce();
    expect(submissions.get(id)).toMatchObject({ status: 'error', score: null, verdict: 'internal_error' });
    // Staff are told it was the workers dying, not the submission.
    expect(submissions.get(id)?.error).toMatch(/^Infrastructure: the worker grading this submission stopped before finishing/);
  });
});
