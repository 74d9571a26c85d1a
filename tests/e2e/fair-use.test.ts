import { startPipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

/** A class submitting at once before a deadline: limits answer 429 or 503 with Retry-After, and store nothing. */
const EXERCISE = 'sql-products-never-ordered';
const files = (n: number) => ({ 'query.sql': `SELECT ${n}` });

it('limits how often one user may submit (429 with Retry-After)', async () => {
  const pipeline = await startPipeline({ worker: false, env: { GRADER_SUBMISSIONS_PER_MINUTE: '3', GRADER_QUEUED_PER_USER: '50' } });
  try {
    for (let i = 0; i < 3; i++) expect((await pipeline.student.submit(EXERCISE, files(i))).status).toBe(202);
    const refused = await pipeline.student.submit(EXERCISE, files(4));
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user is not slowed down by the first.
    expect((await (await pipeline.createUser()).submit(EXERCISE, files(5))).status).toBe(202);
    expect(pipeline.submissionRows()).toBe(4);
  } finally {
    await pipeline.close();
  }
});

it('caps how many submissions one user may have waiting (429 with Retry-After)', async () => {
  const pipeline = await startPipeline({ worker: false, env: { GRADER_QUEUED_PER_USER: '2' } });
  try {
    expect((await pipeline.student.submit(EXERCISE, files(1))).status).toBe(202);
    expect((await pipeline.student.submit(EXERCISE, files(2))).status).toBe(202);
    const refused = await pipeline.student.submit(EXERCISE, files(3));
    expectProblem(refused, 429, 'too_many_waiting');
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(pipeline.submissionRows()).toBe(2);
    expect(await pipeline.gradeJobs()).toBe(2);
  } finally {
    await pipeline.close();
  }
});

it('says the queue is saturated (503 with Retry-After) rather than accept work it cannot grade soon', async () => {
  const pipeline = await startPipeline({ worker: false, env: { GRADER_QUEUE_CAPACITY: '2', GRADER_QUEUED_PER_USER: '50' } });
  try {
    const a = await pipeline.createUser();
    const b = await pipeline.createUser();
    expect((await a.submit(EXERCISE, files(1))).status).toBe(202);
    expect((await b.submit(EXERCISE, files(2))).status).toBe(202);
    const refused = await pipeline.student.submit(EXERCISE, files(3));
    expectProblem(refused, 503, 'queue_saturated');
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(pipeline.submissionRows()).toBe(2);
  } finally {
    await pipeline.close();
  }
});
