import { startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

/**
 * Requests about one submission that arrive at the same instant. The checks that decide them
 * (the Idempotency-Key, the cap on waiting submissions) and the row they create are one SQLite
 * transaction, so no interleaving lets two requests pass one check. Several rounds, because
 * one round may happen not to interleave.
 */
const EXERCISE = 'sql-products-never-ordered';
const ROUNDS = 8;

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline({ worker: false, env: { GRADER_QUEUED_PER_USER: '5', GRADER_SUBMISSIONS_PER_MINUTE: '1000' } });
});
afterAll(async () => {
  await pipeline?.close();
});

it('answers identical requests sent at once with one Idempotency-Key with one submission, the others a replay of it or 409 while it is stored', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const client = await pipeline.createUser('student', `idem-${round}`);
    const headers = { 'idempotency-key': `same-instant-${round}` };
    const answers = await Promise.all([1, 2, 3].map(() => client.submit(EXERCISE, { 'query.sql': 'SELECT 1' }, headers)));
    const accepted = answers.filter((a) => a.status === 202);
    for (const a of answers.filter((x) => x.status !== 202)) expectProblem(a, 409, 'idempotency_in_flight');
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(new Set(accepted.map((a) => a.body.id)).size).toBe(1);
    expect(accepted.filter((a) => a.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    // Once stored, the key always answers the same submission.
    const later = await client.submit(EXERCISE, { 'query.sql': 'SELECT 1' }, headers);
    expect({ status: later.status, id: later.body.id }).toEqual({ status: 202, id: accepted[0]!.body.id });
    expect((await client.request('GET', '/api/submissions')).body.items).toHaveLength(1);
  }
  expect(await pipeline.gradeJobs()).toBe(pipeline.submissionRows());
});

it('holds the cap on waiting submissions when one student sends more at once than it allows', async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const client = await pipeline.createUser('student', `burst-${round}`);
    const answers = await Promise.all(Array.from({ length: 7 }, (_, i) => client.submit(EXERCISE, { 'query.sql': `SELECT ${i}` })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    for (const refused of answers.filter((a) => a.status === 429)) expectProblem(refused, 429, 'too_many_waiting');
    expect((await client.request('GET', '/api/submissions')).body.items).toHaveLength(5);
  }
  // Nothing half-stored: every row has its job and every job its row.
  expect(await pipeline.gradeJobs()).toBe(pipeline.submissionRows());
});
