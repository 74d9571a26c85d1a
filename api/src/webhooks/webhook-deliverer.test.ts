import path from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { loadExerciseFolder } from '../exercises/exercise-package';
import { openDatabase, type Db } from '../store/database';
import { ExerciseStore } from '../store/exercise-store';
import { SubmissionStore } from '../store/submission-store';
import { UserStore, type User } from '../store/user-store';
import { WebhookAttemptStore } from '../store/webhook-attempt-store';
import { AddressRefusedError } from './address-policy';
import type { AttemptOutcome, WebhookClient } from './webhook-client';
import { deliverWebhook } from './webhook-deliverer';
import type { WebhookJob } from './webhook-queue';

const SUBMISSION = '6f1c8a2e-1b7f-4c8e-9a51-2f0a6f1d3c11';

describe('one webhook attempt', () => {
  let db: Db;
  let users: UserStore;
  let attempts: WebhookAttemptStore;
  let user: User;
  let job: WebhookJob;
  beforeEach(() => {
    db = openDatabase(':memory:');
    new ExerciseStore(db).publish(loadExerciseFolder(path.resolve(__dirname, '../../../exercises/sql-revenue-by-customer')));
    users = new UserStore(db);
    attempts = new WebhookAttemptStore(db);
    user = users.create({ username: 'ada', displayName: 'Ada', role: 'student' });
    new SubmissionStore(db).insert({ id: SUBMISSION, userId: user.id, exercise: 'sql-revenue-by-customer', exerciseVersion: 1, files: { 'query.sql': 'x' }, maxScore: 10 });
    job = { deliveryId: '0b6f4f0e-8a1e-4c1b-9d51-3f0a6f1d3c22', submissionId: SUBMISSION, userId: user.id, event: 'submission.graded', url: 'https://hooks.test/x', body: '{"id":"x"}' };
  });
  afterEach(() => db.close());

  const answering = (outcome: Partial<AttemptOutcome>) => {
    const sent: Array<Record<string, string>> = [];
    const client = {
      post: async (_url: string, _body: string, headers: Record<string, string>) => {
        sent.push(headers);
        return { statusCode: null, error: null, durationMs: 12, ...outcome };
      },
    } as unknown as WebhookClient;
    return { client, sent };
  };

  it('records a 2xx as a success, with the signed headers sent', async () => {
    const { client, sent } = answering({ statusCode: 204 });
    await deliverWebhook({ users, attempts, client, logger: undefined as never }, job, 1);
    expect(attempts.listFor(SUBMISSION)).toEqual([expect.objectContaining({ attempt: 1, statusCode: 204, error: null, durationMs: 12 })]);
    expect(sent[0]).toMatchObject({
      'Content-Type': 'application/json',
      'X-Grader-Event': 'submission.graded',
      'X-Grader-Delivery': job.deliveryId,
      'X-Grader-Timestamp': expect.stringMatching(/^\d+$/),
      'X-Grader-Signature': expect.stringMatching(/^v1=[0-9a-f]{64}$/),
    });
  });

  it.each([[500], [404], [401], [301]])('fails an attempt answered %i, so BullMQ retries it', async (status) => {
    const { client } = answering({ statusCode: status });
    await expect(deliverWebhook({ users, attempts, client, logger: undefined as never }, job, 2)).rejects.toThrow(`the receiver answered ${status}`);
    expect(attempts.listFor(SUBMISSION)[0]).toMatchObject({ attempt: 2, statusCode: status });
  });

  it('fails a network error with its message recorded', async () => {
    const { client } = answering({ error: Object.assign(new Error('connect ECONNREFUSED 93.184.215.14:443'), { code: 'ECONNREFUSED' }) });
    await expect(deliverWebhook({ users, attempts, client, logger: undefined as never }, job, 1)).rejects.toThrow(/ECONNREFUSED/);
    expect(attempts.listFor(SUBMISSION)[0]).toMatchObject({ statusCode: null, error: 'connect ECONNREFUSED 93.184.215.14:443' });
  });

  it('does not retry a refused address: it would be refused again', async () => {
    const { client } = answering({ error: new AddressRefusedError('hooks.test', '10.0.0.1 is a private address') });
    await expect(deliverWebhook({ users, attempts, client, logger: undefined as never }, job, 1)).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('records an attempt run twice (a lost BullMQ lock) once', async () => {
    const { client } = answering({ statusCode: 200 });
    await deliverWebhook({ users, attempts, client, logger: undefined as never }, job, 1);
    await deliverWebhook({ users, attempts, client, logger: undefined as never }, job, 1);
    expect(attempts.listFor(SUBMISSION)).toHaveLength(1);
  });
});
