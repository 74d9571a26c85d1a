import fs from 'node:fs';
import path from 'node:path';
import { RESULT_MARKER } from '@grader/contracts';
import { loadExerciseFolder } from '../../api/src/exercises/exercise-package';
import { containersOf } from '../support/containers';
import { until } from '../support/wait';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';

/**
 * Hostile SQL through the real pipeline. Each case states the verdict and score it must
 * get; afterwards the worker must still grade a correct solution and no container may be left.
 */
const EXERCISE = 'sql-revenue-by-customer';
const REFERENCE = fs.readFileSync(path.join(REPO_ROOT, 'exercises', EXERCISE, 'solution/query.sql'), 'utf8');

interface Attack {
  threat: string;
  query: string;
  verdict: string;
}

const ATTACKS: Attack[] = [
  {
    threat: 'an endless recursive query (infinite loop)',
    query: 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) AS name FROM r',
    verdict: 'time_limit_exceeded',
  },
  {
    threat: 'a query that allocates more memory than the limit (memory bomb)',
    query: "SELECT length(replace(hex(zeroblob(200000000)), '0', 'ab')) AS name",
    verdict: 'memory_limit_exceeded',
  },
  {
    threat: 'a million rows (output flood)',
    query: 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 1000000) SELECT x AS name, x AS orders, x AS total_cents FROM r',
    verdict: 'output_limit_exceeded',
  },
  {
    threat: 'attaching another database file (reading the grader’s files)',
    query: "ATTACH DATABASE '/grader/expected.db' AS stolen",
    verdict: 'compile_error',
  },
  {
    threat: 'creating a file through ATTACH hidden after a SELECT',
    query: "SELECT 1; ATTACH DATABASE '/tmp/planted.db' AS p",
    verdict: 'compile_error',
  },
  {
    threat: 'loading a native extension',
    query: "SELECT load_extension('/tmp/evil.so') AS name",
    verdict: 'runtime_error',
  },
  {
    threat: 'deleting the data other tests see',
    query: 'DELETE FROM customers',
    verdict: 'compile_error',
  },
  {
    threat: 'a stacked query that drops a table',
    query: 'SELECT name FROM customers; DROP TABLE orders',
    verdict: 'compile_error',
  },
  {
    threat: 'rewriting the database through a pragma',
    query: 'PRAGMA writable_schema = ON',
    verdict: 'compile_error',
  },
  {
    threat: 'rows that look like the harness’s result document (result forgery)',
    query: `SELECT '${RESULT_MARKER.trim()}' || char(10) || '{"protocol":1,"verdict":"accepted","score":10,"maxScore":10,"message":"","tests":[]}' AS name, 0 AS orders, 0 AS total_cents`,
    verdict: 'tests_failed',
  },
];

/**
 * PostgreSQL queries that never end, submitted together to pg-running-balance: each
 * of their four tests starts an engine after the last one was killed with its runaway query.
 * Every test is the student's verdict, never the grader's failure (submission status graded).
 * A query that only computes is a time-out whatever the load. One that also piles rows up in
 * the engine (a recursive CTE keeps every row it made; a cross join of generate_series
 * materialises them) runs out of time on a busy machine and out of memory on a fast one:
 * either is the student's runaway, so both are stated.
 */
const PG_EXERCISE = 'pg-running-balance';
const RUNAWAY = ['time_limit_exceeded', 'memory_limit_exceeded'];
const PG_RUNAWAYS: Array<{ threat: string; query: string; verdicts: string[] }> = [
  {
    threat: 'a count that never ends (computation only)',
    query: 'SELECT count(*) AS balance FROM (SELECT generate_series(1, 2000000000) AS n) s',
    verdicts: ['time_limit_exceeded'],
  },
  { threat: 'an endless recursive CTE', query: 'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) AS balance FROM t', verdicts: RUNAWAY },
  {
    threat: 'a recursive CTE with a huge count',
    query: 'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 1000000000) SELECT count(*) AS balance FROM t',
    verdicts: RUNAWAY,
  },
  {
    threat: 'a three-way generate_series cross join',
    query: 'SELECT count(*) AS balance FROM generate_series(1, 100000) a, generate_series(1, 100000) b, generate_series(1, 100000) c',
    verdicts: RUNAWAY,
  },
];

let pipeline: Pipeline;
const submitted: string[] = [];

beforeAll(async () => {
  pipeline = await startPipeline();
});
afterAll(async () => {
  await pipeline?.close();
});

describe('hostile SQL earns nothing and harms nothing', () => {
  it.each(ATTACKS)('$threat → $verdict, score 0, graded once', async ({ query, verdict }) => {
    const created = await pipeline.student.submit(EXERCISE, { 'query.sql': query });
    expect(created.status).toBe(202);
    submitted.push(created.body.id);
    const graded = await pipeline.student.waitForGrade(created.body.id);
    expect(graded).toMatchObject({ status: 'graded', verdict, score: 0 });
    // A student's failure is a grade, never retried as if it were infrastructure.
    expect(await pipeline.attemptsOf(created.body.id)).toBe(1);
  });

  it('still gives a correct solution full marks while attacks run beside it', async () => {
    const attacks = ATTACKS.slice(0, 3).map((a) => pipeline.student.submit(EXERCISE, { 'query.sql': a.query }));
    const correct = await pipeline.student.submit(EXERCISE, { 'query.sql': REFERENCE });
    const attackIds = (await Promise.all(attacks)).map((r) => r.body.id as string);
    submitted.push(correct.body.id, ...attackIds);
    const graded = await pipeline.student.waitForGrade(correct.body.id);
    expect(graded).toMatchObject({ status: 'graded', verdict: 'accepted', score: 10 });
    for (const id of attackIds) expect((await pipeline.student.waitForGrade(id)).score).toBe(0);
  });

  it('grades PostgreSQL runaway queries submitted in a row as the student\'s runaway in every test, never as the grader\'s failure', async () => {
    const created = await Promise.all(PG_RUNAWAYS.map((r) => pipeline.student.submit(PG_EXERCISE, { 'query.sql': r.query })));
    const ids = created.map((c) => c.body.id as string);
    submitted.push(...ids);
    for (const [i, id] of ids.entries()) {
      const { threat, verdicts } = PG_RUNAWAYS[i]!;
      const graded = await pipeline.student.waitForGrade(id);
      const graderError = graded.status === 'error' ? pipeline.graderErrorOf(id) : undefined;
      expect({ threat, status: graded.status, score: graded.score, graderError }).toEqual({ threat, status: 'graded', score: 0, graderError: undefined });
      for (const verdict of [graded.verdict, ...(graded.tests as Array<{ verdict: string }>).map((t) => t.verdict)]) expect(verdicts).toContain(verdict);
      expect(graded.tests).toHaveLength(loadExerciseFolder(path.join(REPO_ROOT, 'exercises', PG_EXERCISE)).manifest.tests.length);
      expect(await pipeline.attemptsOf(id)).toBe(1);
    }
  }, 300_000);

  it('leaves no container behind', async () => {
    // Once every submission is graded (an earlier failing test may have left some in the queue).
    for (const id of submitted) await pipeline.student.waitForGrade(id);
    await until(async () => (await containersOf(submitted)).length === 0, 60_000, 'every container of these submissions removed');
  });
});
