import fs from 'node:fs';
import path from 'node:path';
import { loadExerciseFolder } from '../../api/src/exercises/exercise-package';
import { startPipeline, REPO_ROOT, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

const REVENUE = 'sql-revenue-by-customer';
const PRODUCTS = 'sql-products-never-ordered';
const testsOf = (slug: string) => loadExerciseFolder(path.join(REPO_ROOT, 'exercises', slug)).manifest.tests;
const solution = (slug: string) => fs.readFileSync(path.join(REPO_ROOT, 'exercises', slug, 'solution/query.sql'), 'utf8');

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
});
afterAll(async () => {
  await pipeline?.close();
});

describe('a submission travels API → SQLite → BullMQ → Docker sandbox → grade in SQLite', () => {
  it('gives the reference solution full marks', async () => {
    const graded = await pipeline.student.submitAndWait(REVENUE, { 'query.sql': solution(REVENUE) });
    expect(graded).toMatchObject({ exercise: REVENUE, status: 'graded', verdict: 'accepted', score: 10, maxScore: 10 });
    expect(graded.files).toEqual({ 'query.sql': solution(REVENUE) });
    // Every test of the manifest, the generated ones included, reported and passed.
    expect(graded.tests).toHaveLength(testsOf(REVENUE).length);
    expect(graded.tests.every((t: { status: string }) => t.status === 'passed')).toBe(true);
    expect(Date.parse(graded.createdAt)).toBeLessThanOrEqual(Date.parse(graded.startedAt));
    expect(Date.parse(graded.startedAt)).toBeLessThanOrEqual(Date.parse(graded.finishedAt));
  });

  it('gives a correct query written differently full marks', async () => {
    const query = `
      SELECT name, orders, total_cents FROM (
        SELECT (SELECT name FROM customers c WHERE c.id = o.customer_id) AS name,
               count(*) AS orders, total(amount_cents) AS total_cents
        FROM orders o GROUP BY customer_id
      ) WHERE total_cents >= 10000 ORDER BY total_cents DESC, name`;
    const graded = await pipeline.student.submitAndWait(REVENUE, { 'query.sql': query });
    expect(graded).toMatchObject({ status: 'graded', verdict: 'accepted', score: 10 });
  });

  it('gives a wrong query less than full marks and says which row differs', async () => {
    // Forgets the tie-break by name.
    const query = solution(REVENUE).replace(/ORDER BY[^;]*/, 'ORDER BY total_cents DESC, c.id');
    const graded = await pipeline.student.submitAndWait(REVENUE, { 'query.sql': query });
    expect(graded.status).toBe('graded');
    expect(graded.verdict).toBe('tests_failed');
    expect(graded.score).toBeLessThan(10);
    const ties = graded.tests.find((t: { name: string }) => t.name === 'breaks ties by name');
    expect(ties).toMatchObject({ status: 'failed', score: 0, maxScore: 2 });
    expect(ties.message).toMatch(/row \d+/i);
    expect(ties.expected).toEqual(expect.any(String));
    expect(ties.actual).toEqual(expect.any(String));
  });

  it('reports a syntax error as a compile error with SQLite’s message', async () => {
    const graded = await pipeline.student.submitAndWait(REVENUE, { 'query.sql': 'SELEC name FROM customers' });
    expect(graded).toMatchObject({ status: 'graded', verdict: 'compile_error', score: 0 });
    expect(`${graded.message} ${graded.tests[0]?.message}`).toMatch(/syntax error/);
  });

  it('catches the NOT IN trap on hidden data without revealing the hidden tests', async () => {
    const graded = await pipeline.student.submitAndWait(PRODUCTS, {
      'query.sql': 'SELECT id, name FROM products WHERE id NOT IN (SELECT product_id FROM order_items)',
    });
    expect(graded).toMatchObject({ status: 'graded', verdict: 'tests_failed', score: 6, maxScore: 10 });
    const nameOnly = graded.tests.find((t: { name: string }) => t.name === 'copes with order lines whose product was deleted');
    // Name-only: says the result differs, never which rows.
    expect(nameOnly).toMatchObject({ status: 'failed', message: expect.stringMatching(/differs/) });
    expect(nameOnly).not.toHaveProperty('expected');
    expect(nameOnly).not.toHaveProperty('staff');
    expect(nameOnly.message).not.toMatch(/Chair|Shelf/);
    const hidden = graded.tests.filter((t: { name: string }) => t.name.startsWith('Hidden test'));
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).not.toHaveProperty('expected');
    expect(JSON.stringify(graded)).not.toContain('a large catalogue');
    expect(JSON.stringify(graded)).not.toContain('product-1501');
  });
});

describe('bad input gets a problem+json error and nothing is stored or queued', () => {
  const cases: Array<[string, unknown, number, string]> = [
    ['an unknown exercise', { exercise: 'no-such-exercise', files: { 'query.sql': 'SELECT 1' } }, 422, 'unknown_exercise'],
    ['a missing file', { exercise: REVENUE, files: { 'other.sql': 'SELECT 1' } }, 422, 'wrong_files'],
    ['an unexpected extra file', { exercise: REVENUE, files: { 'query.sql': 'SELECT 1', 'notes.txt': 'hi' } }, 422, 'wrong_files'],
    ['files of the wrong type', { exercise: REVENUE, files: { 'query.sql': 42 } }, 400, 'validation_failed'],
    ['no files at all', { exercise: REVENUE, files: {} }, 400, 'validation_failed'],
    ['an unknown field', { exercise: REVENUE, files: { 'query.sql': 'SELECT 1' }, admin: true }, 400, 'validation_failed'],
    ['malformed JSON', '{"exercise": ', 400, 'malformed_json'],
    ['a body over the size limit', { exercise: REVENUE, files: { 'query.sql': 'x'.repeat(600 * 1024) } }, 413, 'payload_too_large'],
  ];

  it.each(cases)('refuses %s', async (_name, body, status, code) => {
    const rowsBefore = pipeline.submissionRows();
    const jobsBefore = await pipeline.gradeJobs();
    const response = await pipeline.student.request('POST', '/api/submissions', body);
    expectProblem(response, status, code);
    expect(pipeline.submissionRows()).toBe(rowsBefore);
    expect(await pipeline.gradeJobs()).toBe(jobsBefore);
  });

  it('lists the field errors of a validation failure', async () => {
    const response = await pipeline.student.request('POST', '/api/submissions', { exercise: 'Bad Slug!', files: { '../x': 1 } });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['exercise']));
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await pipeline.student.request('POST', '/api/submissions', 'exercise=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expectProblem(response, 415, 'unsupported_media_type');
  });

  it('answers an unknown submission, a malformed id and an unknown route with 404 problems', async () => {
    expectProblem(await pipeline.student.request('GET', '/api/submissions/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    expectProblem(await pipeline.student.request('GET', '/api/submissions/not-a-uuid'), 404, 'not_found');
    expectProblem(await pipeline.student.request('GET', '/api/nothing-here'), 404, 'route_not_found');
    expectProblem(await pipeline.student.request('GET', '/api/exercises/no-such-exercise'), 404, 'not_found');
  });

  it('keeps the internal bundle route closed without the workers’ token', async () => {
    const { body } = await pipeline.student.request('GET', '/api/exercises');
    expect(body.items.length).toBeGreaterThan(0);
    expectProblem(await pipeline.student.request('GET', `/internal/bundles/${'0'.repeat(64)}`), 401, 'unauthorized');
  });
});

describe('the catalogue and health', () => {
  it('lists the published exercises', async () => {
    const { status, body } = await pipeline.student.request('GET', '/api/exercises');
    expect(status).toBe(200);
    expect(body.items.map((e: { slug: string }) => e.slug)).toEqual(expect.arrayContaining([REVENUE, PRODUCTS]));
  });

  it('shows an exercise’s statement, starter files, limits and visible tests, never its solution or hidden tests', async () => {
    const { status, body } = await pipeline.student.request('GET', `/api/exercises/${REVENUE}`);
    expect(status).toBe(200);
    expect(body.statement).toContain('# Best customers by revenue');
    expect(Object.keys(body.starterFiles)).toEqual(['query.sql']);
    expect(body.limits).toEqual({ testTimeMs: 2000, memoryMb: 256 });
    // The manifest's visible and name-only tests by name, the hidden ones only counted.
    const tests = testsOf(REVENUE);
    const hidden = tests.filter((t) => t.visibility === 'hidden');
    expect(body.tests.map((t: { name: string }) => t.name)).toEqual(tests.filter((t) => t.visibility !== 'hidden').map((t) => t.name));
    expect(body.tests.map((t: { name: string }) => t.name)).toContain('breaks ties by name');
    expect(hidden.length).toBeGreaterThan(0);
    expect(body.hiddenTests).toEqual({ count: hidden.length, points: hidden.reduce((sum, t) => sum + t.points, 0) });
    const text = JSON.stringify(body);
    expect(text).not.toContain('HAVING SUM');
    expect(text).not.toContain('a larger shop');
  });

  it('reports healthy with the worker connected', async () => {
    const { status, body } = await pipeline.student.request('GET', '/healthz');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    expect(body.workers).toEqual({ reporting: expect.any(Number), ready: expect.any(Number) });
    expect(body.workers.ready).toBeGreaterThanOrEqual(1);
  });

  it('echoes a request id', async () => {
    const response = await pipeline.student.request('GET', '/healthz', undefined, { 'x-request-id': 'trace-123' });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
  });
});

it('accepts a submission as 202 with a Location header', async () => {
  const response = await pipeline.student.submit(PRODUCTS, { 'query.sql': solution(PRODUCTS) });
  expect(response.status).toBe(202);
  expect(response.body).toEqual({ id: expect.any(String), status: 'queued' });
  expect(response.headers.get('location')).toBe(`/api/submissions/${response.body.id}`);
});
