import { TrialRunDocument } from '@grader/contracts';
import { publishExercise } from '../support/authoring';
import { catalogueAnswers, countRowsExercise } from '../support/exercise-package';
import type { ApiClient } from '../support/http';
import { startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';
import { until } from '../support/wait';

/**
 * Trying before submitting, through the real pipeline (HTTP API, Redis, a worker, Docker,
 * SQLite): a trial run grades the student's files on the visible tests only, in the same sandbox,
 * and records nothing as a submission. No hidden or name-only test is run or named.
 */
const SLUG = 'sql-revenue-by-customer';
const { solution, manifest } = catalogueAnswers(SLUG);
const VISIBLE = manifest.tests.filter((t) => t.visibility === 'visible');
const VISIBLE_POINTS = VISIBLE.reduce((sum, t) => sum + t.points, 0);
/** Right but for the tie-break, which a visible test checks. */
const NO_TIE_BREAK = { 'query.sql': solution['query.sql']!.replace('total_cents DESC, c.name ASC', 'total_cents DESC') };

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
}, 60_000);
afterAll(async () => {
  await pipeline?.close();
});

/** Starts a trial run and reads it until it ends. */
async function tryFiles(client: ApiClient, files: Record<string, string>, slug = SLUG): Promise<TrialRunDocument> {
  const started = await client.request('POST', `/api/exercises/${slug}/trial-runs`, { files });
  expect(started.status).toBe(202);
  expect(started.headers.get('location')).toBe(`/api/trial-runs/${started.body.id}`);
  let run: TrialRunDocument | undefined;
  await until(async () => {
    run = TrialRunDocument.parse((await client.request('GET', `/api/trial-runs/${started.body.id}`)).body);
    return run.status === 'graded' || run.status === 'error';
  }, 120_000, 'the trial run to end');
  return run!;
}

it('grades the visible tests only, out of their points, and records nothing as a submission', async () => {
  const student = await pipeline.createUser('student');
  const run = await tryFiles(student, solution);
  expect(run).toMatchObject({ trial: true, status: 'graded', score: VISIBLE_POINTS, maxScore: VISIBLE_POINTS, verdict: 'accepted', files: solution });
  expect(run.tests.map((t) => t.name)).toEqual(VISIBLE.map((t) => t.name));
  expect(run.tests.every((t) => t.visibility === 'visible' && t.status === 'passed')).toBe(true);
  // Not a submission: not in the history, not in the table, not in the exercise's statistics.
  expect((await student.request('GET', `/api/submissions?exercise=${SLUG}`)).body.items).toEqual([]);
  expect(pipeline.submissionRows()).toBe(0);
  expect((await pipeline.admin.request('GET', `/api/instructor/exercises/${SLUG}/statistics`)).body.attempts).toBe(0);
});

it('shows a failing visible test whole (message, expected and actual), as a submission would', async () => {
  const student = await pipeline.createUser('student');
  const run = await tryFiles(student, NO_TIE_BREAK);
  expect(run.status).toBe('graded');
  expect(run.score).toBeLessThan(VISIBLE_POINTS);
  const failed = run.tests.filter((t) => t.status !== 'passed');
  expect(failed.length).toBeGreaterThan(0);
  for (const test of failed) expect(test).toMatchObject({ message: expect.stringMatching(/\S/), expected: expect.any(String), actual: expect.any(String) });
});

it('keeps one trial run in flight per user: a second while the first waits is refused, with nothing stored', async () => {
  const student = await pipeline.createUser('student');
  const first = await student.request('POST', `/api/exercises/${SLUG}/trial-runs`, { files: solution });
  expect(first.status).toBe(202);
  const second = await student.request('POST', `/api/exercises/${SLUG}/trial-runs`, { files: NO_TIE_BREAK });
  expectProblem(second, 429, 'trial_run_in_progress');
  expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
  // Another student is not held up by it.
  const other = await pipeline.createUser('student');
  expect((await tryFiles(other, solution)).status).toBe('graded');
  await until(async () => (await student.request('GET', `/api/trial-runs/${first.body.id}`)).body.status === 'graded', 120_000, 'the first trial run');
  // Once it has ended, the next one is taken.
  expect((await tryFiles(student, NO_TIE_BREAK)).status).toBe('graded');
});

it('counts only trial runs taken against the minute’s limit: refused ones ran nothing', async () => {
  const student = await pipeline.createUser('student');
  const first = await student.request('POST', `/api/exercises/${SLUG}/trial-runs`, { files: solution });
  const left = Number(/r=(\d+)/.exec(first.headers.get('ratelimit') ?? '')?.[1]);
  expect(left).toBeGreaterThan(0);
  // A double-click while the first waits, and wrong files: refused, and the count stays.
  expectProblem(await student.request('POST', `/api/exercises/${SLUG}/trial-runs`, { files: solution }), 429, 'trial_run_in_progress');
  expectProblem(await student.request('POST', `/api/exercises/${SLUG}/trial-runs`, { files: { 'answer.sql': 'SELECT 1' } }), 422, 'wrong_files');
  await until(async () => (await student.request('GET', `/api/trial-runs/${first.body.id}`)).body.status === 'graded', 120_000, 'the first trial run');
  const next = await student.request('POST', `/api/exercises/${SLUG}/trial-runs`, { files: NO_TIE_BREAK });
  expect(next.status).toBe(202);
  expect(Number(/r=(\d+)/.exec(next.headers.get('ratelimit') ?? '')?.[1])).toBe(left - 1);
});

it('shows a trial run to its owner only', async () => {
  const owner = await pipeline.createUser('student');
  const run = await tryFiles(owner, solution);
  const other = await pipeline.createUser('student');
  expectProblem(await other.request('GET', `/api/trial-runs/${run.id}`), 404, 'not_found');
  expectProblem(await pipeline.anonymous.request('GET', `/api/trial-runs/${run.id}`), 401, 'unauthorized');
  expectProblem(await owner.request('GET', '/api/trial-runs/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
});

it('checks the files as a submission’s, storing nothing when they are refused', async () => {
  const student = await pipeline.createUser('student');
  expectProblem(await student.request('POST', `/api/exercises/${SLUG}/trial-runs`, { files: { 'answer.sql': 'SELECT 1' } }), 422, 'wrong_files');
  expectProblem(await student.request('POST', `/api/exercises/${SLUG}/trial-runs`, { files: { 'query.sql': 'SELECT 1\u0000' } }), 422, 'bad_characters');
  expectProblem(await student.request('POST', '/api/exercises/no-such-exercise/trial-runs', { files: { 'query.sql': 'SELECT 1' } }), 422, 'unknown_exercise');
  expectProblem(await student.request('POST', `/api/exercises/${SLUG}/trial-runs`, { files: 'SELECT 1' }), 400, 'validation_failed');
  // Nothing was queued for any of them: the next trial run is taken at once.
  expect((await tryFiles(student, solution)).status).toBe('graded');
});

it('refuses a trial run of an exercise with no visible test: there is nothing to try', async () => {
  const hiddenOnly = countRowsExercise('count-rows-hidden');
  hiddenOnly['exercise.yaml'] = hiddenOnly['exercise.yaml']!.replace('    dataset: datasets/three.sql', '    visibility: hidden\n    dataset: datasets/three.sql');
  const { slug } = await publishExercise(pipeline.admin, hiddenOnly);
  const student = await pipeline.createUser('student');
  const refused = await student.request('POST', `/api/exercises/${slug}/trial-runs`, { files: { 'query.sql': 'SELECT count(*) FROM t' } });
  expectProblem(refused, 409, 'no_visible_tests');
  expect(refused.body.detail).toContain('submit to be graded');
}, 180_000);
