import fs from 'node:fs';
import path from 'node:path';
import { startPipeline, REPO_ROOT, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

/**
 * The text of a submission is checked once at the API, the same for every kind and engine:
 * no engine's quirk about invisible characters may decide a grade.
 */
const solution = (slug: string, file: string) => fs.readFileSync(path.join(REPO_ROOT, 'exercises', slug, 'solution', file), 'utf8');
const BOM = '\uFEFF';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
});
afterAll(async () => {
  await pipeline?.close();
});

it.each([
  ['pg-running-balance', 'query.sql'],
  ['sql-revenue-by-customer', 'query.sql'],
  ['rest-books-crud', 'app.js'],
])('grades a %s reference saved with a byte-order mark as the reference, and says the mark was removed', async (slug, file) => {
  const created = await pipeline.student.submit(slug, { [file]: BOM + solution(slug, file) });
  expect(created.status).toBe(202);
  expect(created.body.notices).toEqual([`${file}: the byte-order mark at the start of the file was removed.`]);
  const graded = await pipeline.student.waitForGrade(created.body.id);
  expect(graded).toMatchObject({ status: 'graded', verdict: 'accepted' });
  expect(graded.score).toBe(graded.maxScore);
  expect(graded.files[file]).toBe(solution(slug, file));
});

it('refuses a NUL in a trailing comment with the file, line and column, and stores nothing', async () => {
  const rows = pipeline.submissionRows();
  const query = `${solution('pg-running-balance', 'query.sql').trimEnd()}\n-- done\u0000`;
  const refused = await pipeline.student.submit('pg-running-balance', { 'query.sql': query });
  expectProblem(refused, 422, 'bad_characters');
  const lines = query.split('\n').length;
  expect(refused.body.errors).toEqual([{ path: 'files.query.sql', message: expect.stringContaining(`line ${lines}, column 8: U+0000 (NUL)`) }]);
  expect(pipeline.submissionRows()).toBe(rows);
});

it('refuses a file named __proto__ instead of dropping it', async () => {
  const body = `{"exercise":"sql-revenue-by-customer","files":{"query.sql":"SELECT 1","__proto__":"x"}}`;
  const refused = await pipeline.student.request('POST', '/api/submissions', body);
  expectProblem(refused, 400, 'validation_failed');
  expect(refused.body.errors).toEqual([{ path: 'files.__proto__', message: expect.stringContaining('__proto__') }]);
});
