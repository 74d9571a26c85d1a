import { CodeDraftDocument, LIMITS } from '@grader/contracts';
import { startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

/**
 * A student's code in progress follows them: saved through the real API into the real SQLite
 * file, read back from any client signed in as them, never by anyone else, checked as a
 * submission's files are, and never graded or counted.
 */
const SLUG = 'sql-revenue-by-customer';
const path = `/api/exercises/${SLUG}/draft`;

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline({ worker: false });
});
afterAll(async () => {
  await pipeline?.close();
});

it('answers 404 before anything is saved, then gives back the last save to the same user', async () => {
  const student = await pipeline.createUser('student');
  expectProblem(await student.request('GET', path), 404, 'not_found');
  const first = await student.request('PUT', path, { files: { 'query.sql': 'SELECT 1' } });
  expect(first.status).toBe(200);
  const second = await student.request('PUT', path, { files: { 'query.sql': 'SELECT name FROM customers' } });
  expect(CodeDraftDocument.parse(second.body)).toEqual({ exercise: SLUG, files: { 'query.sql': 'SELECT name FROM customers' }, updatedAt: expect.any(String) });
  const read = await student.request('GET', path);
  expect(read.status).toBe(200);
  expect(read.body).toEqual(second.body);
});

it('keeps each user’s draft to themselves', async () => {
  const owner = await pipeline.createUser('student');
  const other = await pipeline.createUser('student');
  await owner.request('PUT', path, { files: { 'query.sql': '-- mine' } });
  expectProblem(await other.request('GET', path), 404, 'not_found');
  await other.request('PUT', path, { files: { 'query.sql': '-- theirs' } });
  expect((await owner.request('GET', path)).body.files).toEqual({ 'query.sql': '-- mine' });
  expectProblem(await pipeline.anonymous.request('GET', path), 401, 'unauthorized');
});

it('is not a submission: nothing is stored or queued', async () => {
  const student = await pipeline.createUser('student');
  const rows = pipeline.submissionRows();
  await student.request('PUT', path, { files: { 'query.sql': 'SELECT 2' } });
  expect(pipeline.submissionRows()).toBe(rows);
  expect(await pipeline.gradeJobs()).toBe(0);
});

it('checks the files as a submission’s: the exercise’s names only, no control characters, a published exercise', async () => {
  const student = await pipeline.createUser('student');
  const wrong = await student.request('PUT', path, { files: { 'query.sql': 'SELECT 1', 'extra.sql': 'x' } });
  expectProblem(wrong, 422, 'wrong_files');
  expect(wrong.body.errors).toEqual([{ path: 'files.extra.sql', message: expect.stringContaining('unexpected') }]);
  const nul = await student.request('PUT', path, { files: { 'query.sql': 'SELECT 1\u0000' } });
  expectProblem(nul, 422, 'bad_characters');
  expectProblem(await student.request('PUT', '/api/exercises/no-such-exercise/draft', { files: { 'query.sql': 'x' } }), 422, 'unknown_exercise');
  expectProblem(await student.request('PUT', path, { files: {} }), 400, 'validation_failed');
  expectProblem(await student.request('PUT', path, { files: { 'query.sql': 'x'.repeat(LIMITS.submission.fileBytes + 1) } }), 400, 'validation_failed');
  // Nothing refused was kept.
  expectProblem(await student.request('GET', path), 404, 'not_found');
});

it('forgets the draft on DELETE, also when there is none', async () => {
  const student = await pipeline.createUser('student');
  await student.request('PUT', path, { files: { 'query.sql': 'SELECT 3' } });
  expect((await student.request('DELETE', path)).status).toBe(204);
  expectProblem(await student.request('GET', path), 404, 'not_found');
  expect((await student.request('DELETE', path)).status).toBe(204);
});

it(`limits saves to ${LIMITS.fairUse.codeDraftSavesPerMinute} a minute per user, with Retry-After`, async () => {
  const student = await pipeline.createUser('student');
  const saves = await Promise.all(
    Array.from({ length: LIMITS.fairUse.codeDraftSavesPerMinute + 1 }, (_, i) => student.request('PUT', path, { files: { 'query.sql': `SELECT ${i}` } })),
  );
  const refused = saves.filter((s) => s.status === 429);
  expect(refused).toHaveLength(1);
  expectProblem(refused[0]!, 429, 'rate_limited');
  expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
  // Another user is not held back by it.
  const other = await pipeline.createUser('student');
  expect((await other.request('PUT', path, { files: { 'query.sql': 'SELECT 1' } })).status).toBe(200);
});
