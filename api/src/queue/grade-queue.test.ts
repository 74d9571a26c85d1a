import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import pino from 'pino';
import { LIMITS, type SandboxResult } from '@grader/contracts';
import { connectRedis } from '@grader/runtime';
import { loadExerciseFolder } from '../exercises/exercise-package';
import { startRegrade } from '../authoring/regrade-batch';
import { Reconciler } from '../recorder/reconciler';
import { openDatabase } from '../store/database';
import { ExerciseStore } from '../store/exercise-store';
import { IdempotencyStore } from '../store/idempotency-store';
import { RegradeStore } from '../authoring/regrade-store';
import { SubmissionStore } from '../store/submission-store';
import { UserStore } from '../store/user-store';
import { createSubmission } from '../submissions/create-submission';
import { AssignmentStore } from '../assignments/assignment-store';
import { requeueSubmission } from '../submissions/requeue-submissions';
import { AddressPolicy } from '../webhooks/address-policy';
import { GradeQueue, gradeJobId, gradeJobOf } from './grade-queue';

const REDIS_URL = process.env.GRADER_REDIS_URL ?? 'redis://127.0.0.1:6379';
const HASH = 'b'.repeat(64);
const SUBMISSION = '6f1c8a2e-1b7f-4c8e-9a51-2f0a6f1d3c11';
const BATCH = '0b8f6a52-41a4-4a5e-8f1e-3c7d2e9a1b40';
const accepted: SandboxResult = { protocol: 1, verdict: 'accepted', score: 10, maxScore: 10, message: '', tests: [] };

describe('gradeJobOf: the one way a grade job is built', () => {
  const submission = { id: SUBMISSION, files: { 'query.sql': 'SELECT 1' } };
  const version = { slug: 'ex', version: 2, bundleHash: HASH };

  it("keys a submission's job by its id, with no options of its own beyond it", () => {
    expect(gradeJobOf({ submission, version })).toEqual({
      name: 'grade',
      data: { submissionId: SUBMISSION, exercise: version, files: submission.files },
      opts: { jobId: SUBMISSION },
    });
  });
  it('keys a regrade apart from the submission and queues it behind live work', () => {
    expect(gradeJobOf({ submission, version, regradeBatch: BATCH })).toEqual({
      name: 'regrade',
      data: { submissionId: SUBMISSION, exercise: version, files: submission.files, regradeBatch: BATCH },
      opts: { jobId: `regrade-${BATCH}-${SUBMISSION}`, priority: LIMITS.regrade.priority },
    });
    expect(gradeJobId(SUBMISSION, BATCH)).toBe(`regrade-${BATCH}-${SUBMISSION}`);
  });
  it('keeps only what a worker needs of a row, and refuses what no worker could grade', () => {
    const row = { ...submission, userId: 'u', status: 'queued' } as typeof submission;
    expect(Object.keys(gradeJobOf({ submission: row, version }).data)).toEqual(['submissionId', 'exercise', 'files']);
    expect(() => gradeJobOf({ submission: { ...submission, id: 'not-a-uuid' }, version })).toThrow();
  });
});

/** Real Redis, real SQLite: every path that queues a grading goes through the producer and queues the same job. */
describe('the grade jobs of every producer path', () => {
  const redis = connectRedis(REDIS_URL);
  const queue = new GradeQueue(redis, `test-${randomBytes(6).toString('hex')}`);
  const db = openDatabase(':memory:');
  const exercises = new ExerciseStore(db);
  const submissions = new SubmissionStore(db);
  const regrades = new RegradeStore(db);
  const logger = pino({ level: 'silent' });
  const pkg = loadExerciseFolder(path.resolve(__dirname, '../../../exercises/sql-revenue-by-customer'));
  exercises.publish(pkg);
  const user = new UserStore(db).create({ username: 'ada', displayName: 'Ada', role: 'instructor' });
  const files = Object.fromEntries(pkg.manifest.files.map((f) => [f.path, 'SELECT 1;']));

  afterAll(async () => {
    await queue.queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    db.close();
  });

  const stored = async (jobId: string) => {
    const job = await queue.queue.getJob(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    return { name: job.name, data: job.data as Record<string, unknown>, opts: job.opts as Record<string, unknown> };
  };

  it('queues the same job when a student submits, when the reconciler finds it lost, when staff queue it again, and (apart from its batch) for a regrade', async () => {
    const deps = { db, exercises, submissions, assignments: new AssignmentStore(db), idempotency: new IdempotencyStore(db), queue, logger, fairUse: LIMITS.fairUse, webhookPolicy: new AddressPolicy() };
    const { submission } = await createSubmission(deps, { user, exercise: pkg.manifest.slug, files });
    const live = await stored(submission.id);
    expect(live.name).toBe('grade');
    expect(live.data).toEqual({ submissionId: submission.id, exercise: { slug: pkg.manifest.slug, version: 1, bundleHash: pkg.bundleHash }, files });

    // Redis lost the job: the reconciler queues it again.
    await queue.removeJob(submission.id);
    const reconciler = new Reconciler(submissions, exercises, queue, logger, 0);
    expect(await reconciler.reconcileOnce(new Date(Date.now() + 1000))).toEqual({ requeued: 1, failed: 0 });
    expect(await stored(submission.id)).toEqual(live);

    // The grading failed for good; staff queue it again.
    expect(submissions.recordFailure(submission.id, 'w', new Date().toISOString(), 'engine gone')).toBe(true);
    await requeueSubmission({ submissions, exercises, queue, logger }, submission.id);
    expect(await stored(submission.id)).toEqual(live);

    // Graded, then regraded: the same job under the regrade's id, carrying its batch, behind live work.
    expect(submissions.recordGrade(submission.id, 'w', new Date().toISOString(), accepted)).toBe(true);
    const { batch } = await startRegrade({ db, exercises, submissions, regrades, gradeQueue: queue, logger }, { slug: pkg.manifest.slug, all: true, userId: user.id });
    const regrade = await stored(gradeJobId(submission.id, batch.id));
    expect(regrade).toEqual({
      name: 'regrade',
      data: { ...live.data, regradeBatch: batch.id },
      opts: { ...live.opts, jobId: gradeJobId(submission.id, batch.id), priority: LIMITS.regrade.priority },
    });
    expect(await queue.stateOf(submission.id, batch.id)).toMatchObject({ state: 'prioritized' });
  });

  it('adds a job once however often it is queued', async () => {
    const id = randomUUID();
    const version = { slug: pkg.manifest.slug, version: 1, bundleHash: pkg.bundleHash };
    await queue.enqueue({ id, files }, version);
    await queue.enqueue({ id, files: { 'query.sql': 'SELECT 2;' } }, version);
    expect((await stored(id)).data.files).toEqual(files);
  });
});
