import { sqlFeedback, type SqlTestOutcome } from './feedback';
import type { QueryResult } from './query-result';

const expected: QueryResult = { columns: ['name', 'age'], rows: [['ann', 20], ['cy', 40]] };
const actual: QueryResult = { columns: ['name', 'age'], rows: [['ann', 20], ['bob', 12], ['cy', 40]] };
const wrong: SqlTestOutcome = {
  kind: 'wrong',
  difference: { kind: 'rows', expectedCount: 2, actualCount: 3, missing: [], extra: [['bob', 12]], missingCount: 0, extraCount: 1 },
  expected,
  actual,
};

describe('sqlFeedback', () => {
  it('passes a passed test with the accepted verdict', () => {
    expect(sqlFeedback({ kind: 'passed' }, 'hidden')).toEqual({ status: 'passed', verdict: 'accepted', message: 'passed' });
  });

  it('shows a visible test the row counts, the unexpected row and both results', () => {
    const feedback = sqlFeedback(wrong, 'visible');
    expect(feedback).toMatchObject({ status: 'failed', verdict: 'tests_failed' });
    expect(feedback.message).toBe("expected 2 rows, got 3; unexpected row ('bob', 12)");
    expect(feedback.expected).toContain("'cy'");
    expect(feedback.actual).toContain("'bob'");
  });

  it('gives a name-only test the shape of the difference (rows missing, extra, reordered), without any value', () => {
    const feedback = sqlFeedback(wrong, 'name-only');
    expect(feedback).toEqual({ status: 'failed', verdict: 'tests_failed', message: "your query's result differs from the expected result for this test: your result has rows it should not have" });
    expect(feedback.message).not.toContain('bob');
  });

  it('calls a query that filled the temporary storage a memory limit, not an error of its own (a runaway recursive CTE spills to the tmpfs)', () => {
    expect(sqlFeedback({ kind: 'storage', limitMb: 64 }, 'hidden')).toEqual({
      status: 'error',
      verdict: 'memory_limit_exceeded',
      message: 'your query needed more temporary storage than the 64 MiB the sandbox has: check for a join that multiplies rows, a recursive CTE that never stops, or a value that grows without bound',
    });
  });

  it('gives a hidden test a generic message without any data', () => {
    const feedback = sqlFeedback(wrong, 'hidden');
    expect(feedback).toEqual({ status: 'failed', verdict: 'tests_failed', message: "your query's result differs from the expected result for this test" });
  });

  it('points at the first differing row of an ordered result', () => {
    const feedback = sqlFeedback(
      { kind: 'wrong', expected, actual, difference: { kind: 'row-at', index: 1, expectedCount: 2, actualCount: 2, expected: ['cy', 40], actual: ['bob', 12], sameRowsOtherOrder: false } },
      'visible',
    );
    expect(feedback.message).toBe("row 2 differs: expected ('cy', 40), got ('bob', 12)");
  });

  it('tells apart rows in the wrong order from wrong rows', () => {
    const feedback = sqlFeedback(
      { kind: 'wrong', expected, actual, difference: { kind: 'row-at', index: 0, expectedCount: 2, actualCount: 2, expected: ['ann', 20], actual: ['cy', 40], sameRowsOtherOrder: true } },
      'visible',
    );
    expect(feedback.message).toMatch(/^the rows are right but in the wrong order: .*ORDER BY$/);
  });

  it('says how many columns were expected', () => {
    const feedback = sqlFeedback({ kind: 'wrong', expected, actual, difference: { kind: 'column-count', expected: 2, actual: 3 } }, 'visible');
    expect(feedback.message).toMatch(/^expected 2 columns, got 3/);
  });

  it("shows SQLite's syntax error to every visibility, since it depends on the query alone", () => {
    const outcome: SqlTestOutcome = { kind: 'refused', stage: 'prepare', code: 'SQLITE_ERROR', message: 'near "SELEC": syntax error' };
    for (const visibility of ['visible', 'name-only', 'hidden'] as const) {
      const feedback = sqlFeedback(outcome, visibility);
      expect(feedback).toMatchObject({ status: 'error', verdict: 'compile_error' });
      expect(feedback.message).toContain('near "SELEC": syntax error');
    }
  });

  it('hides a schema-dependent prepare error from a hidden test', () => {
    const outcome: SqlTestOutcome = { kind: 'refused', stage: 'prepare', code: 'SQLITE_ERROR', message: 'no such table: secret_orders' };
    expect(sqlFeedback(outcome, 'visible').message).toContain('no such table: secret_orders');
    expect(sqlFeedback(outcome, 'hidden').message).not.toContain('secret_orders');
  });

  it('says an empty query is empty', () => {
    expect(sqlFeedback({ kind: 'refused', stage: 'prepare', code: 'EMPTY_QUERY', message: 'x' }, 'visible').message).toMatch(/^your query is empty/);
  });

  it('names the time limit and what usually causes it', () => {
    const feedback = sqlFeedback({ kind: 'timeout', limitMs: 2000 }, 'hidden');
    expect(feedback).toEqual({
      status: 'error',
      verdict: 'time_limit_exceeded',
      message: 'your query ran longer than 2 s: check for a missing join condition or an unbounded recursive CTE',
    });
  });

  it('says a generated test had no time left when the tests before it used it up, rather than "0 of 100 in 0 s"', () => {
    expect(sqlFeedback({ kind: 'unfinished', judged: 0, runs: 100, limitMs: 0 }, 'visible').message).toMatch(/^the tests before this one used up the time, so none of the generated datasets could be tried/);
    expect(sqlFeedback({ kind: 'unfinished', judged: 12, runs: 100, limitMs: 5_000 }, 'visible').message).toMatch(/^your query did not get through the generated datasets in time \(12 of 100 in 5 s\)/);
  });

  it('maps resource overruns and runtime errors to their verdicts', () => {
    expect(sqlFeedback({ kind: 'memory', limitMb: 256 }, 'visible').verdict).toBe('memory_limit_exceeded');
    expect(sqlFeedback({ kind: 'too-many-rows', limit: 10000 }, 'visible').verdict).toBe('output_limit_exceeded');
    expect(sqlFeedback({ kind: 'too-large', limitBytes: 8 << 20 }, 'visible').verdict).toBe('output_limit_exceeded');
    expect(sqlFeedback({ kind: 'runtime', message: 'integer overflow' }, 'visible')).toMatchObject({ verdict: 'runtime_error', message: 'your query failed while running: integer overflow' });
    expect(sqlFeedback({ kind: 'runtime', message: 'integer overflow' }, 'hidden').message).not.toContain('overflow');
    expect(sqlFeedback({ kind: 'internal', message: 'the exercise is broken' }, 'visible')).toMatchObject({ status: 'error', verdict: 'internal_error' });
  });

  it('tells a visible test that a quoted column name keeps its case, naming the column and the fix', () => {
    const named = (expectedName: string, actualName: string): SqlTestOutcome => ({
      kind: 'wrong',
      difference: { kind: 'column-names', index: 1, expected: expectedName, actual: actualName, quoted: true },
      expected: { columns: ['name', expectedName], rows: [] },
      actual: { columns: ['name', actualName], rows: [] },
    });
    expect(sqlFeedback(named('orders', 'Orders'), 'visible').message).toBe(
      'column 2 should be named "orders", got "Orders": a name in quotes keeps its case exactly; write AS orders, without quotes',
    );
    expect(sqlFeedback(named('Orders', 'ORDERS'), 'visible').message).toMatch(/write AS "Orders"$/);
  });

  it('gives a test not run after an earlier runaway that runaway\'s verdict, with nothing of the earlier test\'s data', () => {
    const feedback = sqlFeedback({ kind: 'not-run', earlier: { kind: 'runtime', message: 'secret value 42' } }, 'visible', 'postgres');
    expect(feedback).toMatchObject({ status: 'error', verdict: 'runtime_error' });
    expect(feedback.message).toMatch(/^not run: on an earlier test your query failed while running/);
    expect(feedback.message).not.toContain('secret');
    expect(sqlFeedback({ kind: 'not-run', earlier: { kind: 'timeout', limitMs: 2000 } }, 'hidden', 'postgres').verdict).toBe('time_limit_exceeded');
  });

  it('calls hitting the process limit a runtime error', () => {
    expect(sqlFeedback({ kind: 'processes' }, 'hidden')).toMatchObject({ status: 'error', verdict: 'runtime_error', message: expect.stringMatching(/more processes than the sandbox allows \(128/) });
  });

  it('tells a PostgreSQL function from a newer version than the grader runs apart from a missing cast', () => {
    const refused = { kind: 'refused', stage: 'prepare', code: '42883', message: 'function any_value(text) does not exist' } as const;
    expect(sqlFeedback(refused, 'visible', 'postgres').message).toMatch(/any_value\(\) came with PostgreSQL 16; your query runs on PostgreSQL 15/);
    const typo = { ...refused, message: 'function sume(numeric) does not exist' };
    expect(sqlFeedback(typo, 'visible', 'postgres').message).toMatch(/a cast .* may be missing/);
  });

  it('says that a function the role may not call is not allowed, rather than only "permission denied"', () => {
    const refused = { kind: 'refused', stage: 'prepare', code: '42501', message: 'permission denied for function pg_read_file' } as const;
    expect(sqlFeedback(refused, 'visible', 'postgres').message).toMatch(/may read the exercise's tables and nothing else/);
  });
});
