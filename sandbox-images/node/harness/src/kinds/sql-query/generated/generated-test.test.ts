import Database from 'better-sqlite3';
import { ExerciseManifest, LIMITS, type SandboxInput } from '../../../contracts';
import { executeQuery } from '../execute-query';
import { sqlFeedback } from '../feedback';
import { judgeRun, prepareGenerated, runGenerated, type Judge, type StudentRun } from './generated-test';
import type { Judgement } from './rounds';

/**
 * A generated test end to end, with both queries run here on in-memory databases (the
 * runners' processes are tested on their own): what it finds, how small, and what it says.
 */
const SCHEMA = `CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE order_items (order_id INTEGER NOT NULL, product_id INTEGER, quantity INTEGER NOT NULL);`;
const REFERENCE = 'SELECT p.id, p.name FROM products p WHERE NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.product_id = p.id)';

function manifestWith(visibility: 'visible' | 'name-only' | 'hidden', orderMatters = false) {
  return ExerciseManifest.parse({
    slug: 'never-ordered',
    title: 'Never ordered',
    kind: 'sql-query',
    files: [{ path: 'query.sql', starter: 'starter.sql' }],
    solution: { 'query.sql': 'solution.sql' },
    sql: { orderMatters },
    maxScore: 2,
    tests: [{ name: 'generated', points: 2, visibility, generated: { schema: 'schema.sql', columns: { 'order_items.product_id': { references: 'products.id' } } } }],
  }) as Extract<ExerciseManifest, { kind: 'sql-query' }>;
}

function run(script: string, sql: string): StudentRun {
  const db = new Database(':memory:');
  try {
    db.exec(script);
    const out = executeQuery(db, sql, 1000);
    if (out.kind === 'ok') return { kind: 'rows', result: { columns: out.columns, rows: out.rows } };
    if (out.kind === 'error') return out.stage === 'run' ? { kind: 'runtime', message: out.message } : { kind: 'refused', stage: out.stage, code: out.code, message: out.message };
    return { kind: 'too-many-rows', limit: out.limit };
  } finally {
    db.close();
  }
}

/**
 * `judgedAtMost`: the datasets judged before the time runs out (the rest stay unjudged);
 * `studentShare`: the share of each batch's judging time the student's query took.
 */
async function grade(student: string, visibility: 'visible' | 'name-only' | 'hidden' = 'name-only', judgedAtMost = Number.POSITIVE_INFINITY, studentShare = 0.1) {
  const manifest = manifestWith(visibility);
  const input = { exerciseFiles: { 'schema.sql': SCHEMA }, submission: { 'query.sql': student } } as unknown as SandboxInput;
  const test = manifest.tests[0]!;
  const check = prepareGenerated(manifest, input, { ...test, generated: test.generated! }, REFERENCE);
  let judged = 0;
  const judge: Judge = async (datasets) => {
    check.search.spent(studentShare * 100 * datasets.length, 100 * datasets.length);
    return datasets.map((d): Judgement => {
      if (judged >= judgedAtMost) return { kind: 'unjudged' };
      judged += 1;
      const script = check.script(d);
      const expected = run(script, REFERENCE);
      if (expected.kind !== 'rows') throw new Error('the reference failed');
      return judgeRun(check, manifest, expected.result, run(script, student), new Set());
    });
  };
  const outcome = await runGenerated(check, judge, { started: performance.now(), deadline: performance.now() + (judgedAtMost === 0 ? -1 : 60_000), lastRound: performance.now() + 60_000 });
  return { outcome, feedback: sqlFeedback(outcome, visibility), judged, rounds: check.search.rounds };
}

describe('a generated SQL test', () => {
  it('passes a correct query written differently', async () => {
    const { outcome } = await grade('SELECT p.id, p.name FROM products p LEFT JOIN order_items oi ON oi.product_id = p.id GROUP BY p.id, p.name HAVING COUNT(oi.product_id) = 0');
    expect(outcome).toEqual({ kind: 'passed' });
  });

  it('catches NOT IN over a NULL with the smallest dataset, and names the kinds of data without their values', async () => {
    const { outcome, feedback } = await grade('SELECT id, name FROM products WHERE id NOT IN (SELECT product_id FROM order_items)');
    expect(outcome).toMatchObject({ kind: 'generated', rows: 2 });
    expect(feedback.message).toBe(
      "your query's result differs from the expected one on generated data with a product without order items and a NULL in order_items.product_id: your result lacks rows",
    );
    expect(feedback).not.toHaveProperty('expected');
  });

  it('shows a visible test the shrunk dataset as INSERT statements, with both results', async () => {
    const { feedback } = await grade('SELECT id, name FROM products WHERE id NOT IN (SELECT product_id FROM order_items)', 'visible');
    expect(feedback.message).toMatch(/^on generated data with a product without order items and a NULL in order_items\.product_id, expected 1 row, got 0; missing row \(\d+, '\w+'\)\n\nThe dataset \(shrunk to 2 rows that still show it\):\nINSERT INTO products \(id, name\) VALUES\n {2}\(\d+, '\w+'\);\nINSERT INTO order_items \(order_id, product_id, quantity\) VALUES\n {2}\(\d+, NULL, \d+\);$/);
    expect(feedback.expected).toContain('(1 row)');
    expect(feedback.actual).toContain('(0 rows)');
  });

  it('tells a hidden test only that it failed, and does not shrink', async () => {
    const { feedback } = await grade('SELECT id, name FROM products WHERE id NOT IN (SELECT product_id FROM order_items)', 'hidden');
    expect(feedback).toEqual({ status: 'failed', verdict: 'tests_failed', message: "your query's result differs from the expected result on generated data" });
  });

  it('finds the same counterexample every time', async () => {
    const wrong = 'SELECT p.id, p.name FROM products p LEFT JOIN order_items oi ON oi.product_id = p.id GROUP BY p.id HAVING COUNT(*) = 0';
    const [once, again] = [await grade(wrong, 'visible'), await grade(wrong, 'visible')];
    expect(again.feedback).toEqual(once.feedback);
    expect(once.feedback.message).toMatch(/with a product without order items/);
  });

  const CORRECT = 'SELECT p.id, p.name FROM products p WHERE NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.product_id = p.id)';

  it('passes when the time ran out after half the datasets or more, all alike (a busy host slows both solutions)', async () => {
    const half = Math.ceil(LIMITS.generated.runs * LIMITS.generated.enoughRunsFraction);
    const { outcome, judged } = await grade(CORRECT, 'name-only', half);
    expect(judged).toBe(half);
    expect(outcome).toEqual({ kind: 'passed' });
  });

  it("is a time-out, never a pass, when the student's query took the time, even with half the datasets judged (a query slowed on purpose)", async () => {
    const half = Math.ceil(LIMITS.generated.runs * LIMITS.generated.enoughRunsFraction);
    const { outcome, feedback } = await grade(CORRECT, 'name-only', half, LIMITS.generated.studentShareMax);
    expect(outcome).toMatchObject({ kind: 'unfinished' });
    expect((outcome as { judged: number }).judged).toBeGreaterThanOrEqual(half);
    expect(feedback).toMatchObject({ status: 'error', verdict: 'time_limit_exceeded' });
  });

  it("passes a search its query did not slow, all datasets judged, whatever share of the time the query took", async () => {
    const { outcome } = await grade(CORRECT, 'name-only', Number.POSITIVE_INFINITY, 0.9);
    expect(outcome).toEqual({ kind: 'passed' });
  });

  it('is a time-out, never a pass, with fewer than half the datasets judged when the time ran out', async () => {
    const { outcome, feedback } = await grade(CORRECT, 'name-only', 10);
    // Counted as the search met them: a dataset drawn twice counts twice.
    expect(outcome).toMatchObject({ kind: 'unfinished', runs: LIMITS.generated.runs });
    expect((outcome as { judged: number }).judged).toBeLessThan(Math.ceil(LIMITS.generated.runs * LIMITS.generated.enoughRunsFraction));
    expect(feedback).toMatchObject({ status: 'error', verdict: 'time_limit_exceeded' });
  });

  it('is a time-out, never a pass, when the time runs out before the datasets are judged', async () => {
    const { feedback } = await grade(CORRECT, 'name-only', 0);
    expect(feedback).toMatchObject({ status: 'error', verdict: 'time_limit_exceeded' });
    // No time at all (the tests before took it): said so, not "0 of 100 in 0 s".
    expect(feedback.message).toMatch(/^the tests before this one used up the time, so none of the generated datasets could be tried/);
  });

  it('ends with the query’s own verdict when it cannot run, without shrinking', async () => {
    const { outcome, rounds } = await grade('SELECT id, nme FROM products');
    expect(outcome).toMatchObject({ kind: 'refused', stage: 'prepare' });
    expect(rounds).toBe(1);
  });
});
