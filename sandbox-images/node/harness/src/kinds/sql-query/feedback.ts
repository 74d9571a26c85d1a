import type { SqlDialect, Visibility } from '../../contracts';
import { PROCESS_LIMIT_MESSAGE } from '../../common/process/pids-usage';
import { valuesEqual, type Difference } from './compare-results';
import { QUERY_REFUSALS } from './execute-query';
import type { QueryResult } from './query-result';
import { cut, renderRow, renderTable } from './render-rows';
import type { SqlValue } from './sql-value';
import type { TestFeedback } from '../../common/test-feedback';
import { listKinds, shapeOfDifference } from './generated/wording';

export type { TestFeedback };

/** What happened in one sql-query test, before it is put into words. */
export type SqlTestOutcome =
  | { kind: 'passed' }
  | { kind: 'wrong'; difference: Difference; expected: QueryResult; actual: QueryResult }
  | { kind: 'refused'; stage: 'prepare' | 'check'; code: string; message: string }
  | { kind: 'runtime'; message: string }
  | { kind: 'timeout'; limitMs: number }
  /** A generated test's time ran out before its datasets were all judged (none differed). */
  | { kind: 'unfinished'; judged: number; runs: number; limitMs: number }
  | { kind: 'memory'; limitMb: number }
  /** The query filled the temporary storage SQLite spills to (a tmpfs of `limitMb`). */
  | { kind: 'storage'; limitMb: number }
  /** The runner's processes hit the container's pids limit (common/process/pids-usage.ts). */
  | { kind: 'processes' }
  /**
   * Not run: the student's query took the engine down on an earlier test (`earlier`, its
   * outcome) and no engine could be started again; the test takes that runaway's verdict.
   */
  | { kind: 'not-run'; earlier: SqlTestOutcome }
  | { kind: 'too-many-rows'; limit: number }
  | { kind: 'too-large'; limitBytes: number }
  /** The grader or the exercise is at fault; the message is for staff. */
  | { kind: 'internal'; message: string }
  /**
   * A generated test found a dataset on which the student's query answers differently
   * (`inner`: the wrong rows, or an error where the reference answered), shrunk: its INSERT
   * statements, its number of rows, and the kinds of data that make the difference.
   */
  | { kind: 'generated'; inner: Extract<SqlTestOutcome, { kind: 'wrong' | 'runtime' }>; dataset: string; rows: number; kinds: string[] };


const ROWS_LISTED = 3;

/**
 * Puts an outcome into words that teach without leaking hidden data: a visible test
 * shows the difference and short renderings of both results; a name-only or hidden test
 * gets a generic message, unless the message cannot depend on the test's data (a syntax
 * error, a time limit).
 */
export function sqlFeedback(outcome: SqlTestOutcome, visibility: Visibility, dialect: SqlDialect = 'sqlite'): TestFeedback {
  const visible = visibility === 'visible';
  switch (outcome.kind) {
    case 'passed':
      return { status: 'passed', verdict: 'accepted', message: 'passed' };
    case 'wrong':
      // Name-only: the shape of the difference (rows missing, extra, in another order), never a value.
      if (visibility === 'name-only') return { status: 'failed', verdict: 'tests_failed', message: `your query's result differs from the expected result for this test: ${shapeOfDifference(outcome)}` };
      if (!visible) return { status: 'failed', verdict: 'tests_failed', message: "your query's result differs from the expected result for this test" };
      return {
        status: 'failed',
        verdict: 'tests_failed',
        message: describeDifference(outcome.difference, outcome.expected.columns),
        expected: renderTable(outcome.expected),
        actual: renderTable(outcome.actual),
      };
    case 'refused': {
      const message = refusalMessage(outcome, dialect);
      const shareable = visible || dataIndependent(outcome);
      return { status: 'error', verdict: 'compile_error', message: shareable ? message : 'your query could not be prepared against this test\'s tables' };
    }
    case 'runtime':
      return {
        status: 'error',
        verdict: 'runtime_error',
        message: visible ? `your query failed while running: ${outcome.message}` : "your query failed while running on this test's data",
      };
    case 'timeout':
      return {
        status: 'error',
        verdict: 'time_limit_exceeded',
        message: `your query ran longer than ${seconds(outcome.limitMs)}: check for a missing join condition or an unbounded recursive CTE`,
      };
    case 'unfinished':
      return {
        status: 'error',
        verdict: 'time_limit_exceeded',
        message:
          outcome.limitMs < 1_000
            ? // The search had no time of its own: the tests before it (a runaway on each) used the sandbox's.
              `the tests before this one used up the time, so none of the generated datasets could be tried: each query should take a moment; check for a missing join condition or an unbounded recursive CTE`
            : `your query did not get through the generated datasets in time (${outcome.judged} of ${outcome.runs} in ${seconds(outcome.limitMs)}): each should take a moment; check for a missing join condition or an unbounded recursive CTE`,
      };
    case 'memory':
      return {
        status: 'error',
        verdict: 'memory_limit_exceeded',
        message: `your query needed more than the ${outcome.limitMb} MiB memory limit: check for a join that multiplies rows or a recursive CTE that never stops`,
      };
    case 'storage':
      return {
        status: 'error',
        verdict: 'memory_limit_exceeded',
        message: `your query needed more temporary storage than the ${outcome.limitMb} MiB the sandbox has: check for a join that multiplies rows, a recursive CTE that never stops, or a value that grows without bound`,
      };
    case 'processes':
      return { status: 'error', verdict: 'runtime_error', message: PROCESS_LIMIT_MESSAGE };
    case 'not-run': {
      // Worded as for a hidden test: the earlier test may be hidden, and nothing of its data is needed.
      const earlier = sqlFeedback(outcome.earlier, 'hidden', dialect);
      return { status: 'error', verdict: earlier.verdict, message: `not run: on an earlier test ${earlier.message}; the database engine it took down could not be started again` };
    }
    case 'too-many-rows':
      return {
        status: 'error',
        verdict: 'output_limit_exceeded',
        message: `your query returned more than ${outcome.limit} rows: check for a missing join condition or WHERE clause`,
      };
    case 'too-large':
      return {
        status: 'error',
        verdict: 'output_limit_exceeded',
        message: `your query's result is larger than ${Math.round(outcome.limitBytes / (1024 * 1024))} MiB: select only the columns the exercise asks for`,
      };
    case 'internal':
      return { status: 'error', verdict: 'internal_error', message: outcome.message };
    case 'generated':
      return generatedFeedback(outcome, visibility);
  }
}

/**
 * A generated test's counterexample put into words. Visible: what differs and the dataset
 * itself (small: shrunk), with both results. Name-only: the kinds of data that expose the
 * mistake and the shape of the difference, never a value. Hidden: that it failed.
 */
function generatedFeedback(outcome: Extract<SqlTestOutcome, { kind: 'generated' }>, visibility: Visibility): TestFeedback {
  const { inner } = outcome;
  const verdict = inner.kind === 'wrong' ? 'tests_failed' : 'runtime_error';
  const status = inner.kind === 'wrong' ? 'failed' : 'error';
  const on = outcome.kinds.length > 0 ? `on generated data with ${listKinds(outcome.kinds)}` : 'on generated data';
  if (visibility === 'hidden') {
    return { status, verdict, message: inner.kind === 'wrong' ? "your query's result differs from the expected result on generated data" : 'your query failed while running on generated data' };
  }
  if (visibility === 'name-only') {
    const what = inner.kind === 'wrong' ? `your query's result differs from the expected one ${on}: ${shapeOfDifference(inner)}` : `your query failed while running ${on}`;
    return { status, verdict, message: what };
  }
  const dataset =
    outcome.rows === 0
      ? 'The dataset: every table empty (the tables alone show it).'
      : `The dataset (shrunk to ${outcome.rows === 1 ? 'the 1 row that still shows it' : `${outcome.rows} rows that still show it`}):\n${outcome.dataset}`;
  if (inner.kind === 'runtime') return { status, verdict, message: `your query failed while running ${on}: ${inner.message}\n\n${dataset}` };
  return {
    status,
    verdict,
    message: `${on}, ${describeDifference(inner.difference, inner.expected.columns)}\n\n${dataset}`,
    expected: renderTable(inner.expected),
    actual: renderTable(inner.actual),
  };
}

/** A refusal whose text depends only on the student's query, never on the test's tables. */
function dataIndependent(outcome: Extract<SqlTestOutcome, { kind: 'refused' }>): boolean {
  if ((Object.values(QUERY_REFUSALS) as string[]).includes(outcome.code)) return true;
  return /syntax error|incomplete input|unrecognized token|unterminated quoted|unterminated \/\* comment/i.test(outcome.message);
}

function refusalMessage(outcome: Extract<SqlTestOutcome, { kind: 'refused' }>, dialect: SqlDialect): string {
  switch (outcome.code) {
    case QUERY_REFUSALS.empty:
      return 'your query is empty: write one SELECT statement';
    case QUERY_REFUSALS.missingFile:
      return outcome.message;
    case QUERY_REFUSALS.multipleStatements:
      return 'your file holds more than one SQL statement: submit exactly one query; a ";" may only end it';
    case QUERY_REFUSALS.notAReader:
      return 'your statement does not return rows: submit one SELECT (or WITH … SELECT) query';
    case QUERY_REFUSALS.notReadOnly:
      return 'your statement would modify the database: submit a query that only reads, a SELECT';
    case QUERY_REFUSALS.parameters:
      return 'your query has a parameter ($1, $2, …) that nobody gives a value: write the values into the query';
  }
  const hint = dialect === 'postgres' ? postgresHintFor(outcome.message) : hintFor(outcome.message);
  return `your query could not be prepared: ${outcome.message}${hint ? ` (${hint})` : ''}`;
}

function hintFor(sqliteMessage: string): string | undefined {
  if (/^near ".*": syntax error/.test(sqliteMessage)) return 'the mistake is at or just before the quoted word';
  if (/incomplete input/.test(sqliteMessage)) return 'the query ends too early: look for a missing closing parenthesis or quote';
  if (/^no such table/.test(sqliteMessage)) return 'check the table names given in the statement';
  if (/^no such column/.test(sqliteMessage)) return 'check the column names, and the table alias in front of them';
  if (/^ambiguous column name/.test(sqliteMessage)) return 'two joined tables have this column: put the table name or alias in front of it';
  if (/misuse of aggregate/.test(sqliteMessage)) return 'an aggregate cannot appear in WHERE: filter groups with HAVING';
  return undefined;
}

/** The PostgreSQL that runs the queries (Debian bookworm's). */
const POSTGRES_MAJOR = 15;

/**
 * Functions a student may know from a newer PostgreSQL than POSTGRES_MAJOR, with the version
 * that brought them: "does not exist" alone would send them looking for a missing cast.
 */
const NEWER_FUNCTIONS: Readonly<Record<string, number>> = {
  any_value: 16,
  array_sample: 16,
  array_shuffle: 16,
  random_normal: 16,
  date_add: 16,
  date_subtract: 16,
  json_scalar: 16,
  json_serialize: 16,
  json_exists: 17,
  json_query: 17,
  json_value: 17,
  uuidv7: 18,
  uuidv4: 18,
  casefold: 18,
  array_sort: 18,
  array_reverse: 18,
};

function postgresHintFor(message: string): string | undefined {
  if (/^syntax error at or near/.test(message)) return 'the mistake is at or just before the quoted word';
  if (/^syntax error at end of input/.test(message)) return 'the query ends too early: look for a missing closing parenthesis or a clause left unfinished';
  if (/^unterminated quoted/.test(message)) return "a quote is never closed: text goes in single quotes, names in double quotes";
  if (/^relation ".*" does not exist/.test(message)) return 'check the table names given in the statement';
  if (/^column ".*" does not exist/.test(message)) return "check the column names, and the table alias in front of them; a text value goes in single quotes ('…'), double quotes name a column";
  if (/^column reference ".*" is ambiguous/.test(message)) return 'two joined tables have this column: put the table name or alias in front of it';
  if (/must appear in the GROUP BY clause or be used in an aggregate function/.test(message)) return 'every selected column must be grouped or aggregated';
  if (/^aggregate functions are not allowed in WHERE/.test(message)) return 'an aggregate cannot appear in WHERE: filter groups with HAVING';
  if (/^window functions are not allowed in (WHERE|HAVING|GROUP BY)/.test(message)) return 'a window function is computed after WHERE, GROUP BY and HAVING: compute it in a subquery or CTE and filter outside';
  const newer = /^function (\w+)\(/.exec(message)?.[1];
  if (newer && /does not exist/.test(message) && NEWER_FUNCTIONS[newer.toLowerCase()]) {
    return `${newer}() came with PostgreSQL ${NEWER_FUNCTIONS[newer.toLowerCase()]}; your query runs on PostgreSQL ${POSTGRES_MAJOR}: write it without`;
  }
  if (/^function .* does not exist/.test(message)) return 'check the function name and the types of its arguments; a cast (::date, ::numeric) may be missing';
  if (/^permission denied for function/.test(message)) return "the query runs as a role that may read the exercise's tables and nothing else: this function is not allowed";
  if (/^operator does not exist/.test(message)) return 'the two sides have types that do not go together: a cast (::date, ::numeric, ::text) may be missing';
  return undefined;
}

function describeDifference(difference: Difference, columns: readonly string[]): string {
  switch (difference.kind) {
    case 'column-count':
      return `expected ${plural(difference.expected, 'column')}, got ${difference.actual}: select exactly the columns the exercise asks for`;
    case 'column-order':
      return `the values are right but the columns are in another order: expected (${names(difference.expected)}), got (${names(difference.actual)})`;
    case 'column-names':
      if (difference.quoted) {
        // Unquoted, a plain lower-case name is right in both dialects; any other must be quoted as it is.
        const fix = /^[a-z_][a-z0-9_]*$/.test(difference.expected) ? `AS ${difference.expected}, without quotes` : `AS "${difference.expected}"`;
        return `column ${difference.index + 1} should be named "${difference.expected}", got "${difference.actual}": a name in quotes keeps its case exactly; write ${fix}`;
      }
      return `column ${difference.index + 1} should be named "${difference.expected}", got "${difference.actual}": name it with AS`;
    case 'rows': {
      const parts: string[] = [];
      if (difference.expectedCount !== difference.actualCount) {
        parts.push(`expected ${plural(difference.expectedCount, 'row')}, got ${difference.actualCount}`);
      } else {
        parts.push(`the row count is right (${difference.actualCount}) but ${plural(difference.missingCount, 'row')} ${difference.missingCount === 1 ? 'differs' : 'differ'}`);
      }
      if (difference.missingCount > 0) parts.push(`missing ${listRows(difference.missing, difference.missingCount)}`);
      if (difference.extraCount > 0) parts.push(`unexpected ${listRows(difference.extra, difference.extraCount)}`);
      return parts.join('; ');
    }
    case 'row-at': {
      const position = difference.index + 1;
      if (difference.sameRowsOtherOrder) {
        return `the rows are right but in the wrong order: row ${position} should be ${renderRow(difference.expected ?? [])}, got ${renderRow(difference.actual ?? [])}; check your ORDER BY`;
      }
      const parts: string[] = [];
      if (difference.expectedCount !== difference.actualCount) {
        parts.push(`expected ${plural(difference.expectedCount, 'row')}, got ${difference.actualCount}`);
      }
      if (difference.expected && difference.actual) {
        parts.push(`row ${position} differs${inColumns(difference.expected, difference.actual, columns)}: expected ${renderRow(difference.expected)}, got ${renderRow(difference.actual)}`);
      } else if (difference.expected) {
        parts.push(`your result stops after row ${difference.index}; row ${position} should be ${renderRow(difference.expected)}`);
      } else if (difference.actual) {
        parts.push(`the first ${plural(difference.index, 'row')} match; then comes an unexpected row ${renderRow(difference.actual)}`);
      }
      return parts.join('; ');
    }
  }
}

/** ` in balance` or ` in orders, total_cents`: the columns where two rows of the same width differ. */
function inColumns(expected: readonly SqlValue[], actual: readonly SqlValue[], columns: readonly string[]): string {
  if (expected.length !== actual.length || expected.length !== columns.length) return '';
  const differing = columns.filter((_, i) => !valuesEqual(expected[i] as SqlValue, actual[i] as SqlValue, COLUMN_TOLERANCE));
  if (differing.length === 0 || differing.length === columns.length) return '';
  return ` in ${cut(differing.map((name) => cut(name, 40)).join(', '), 200)}`;
}

/** Only to name the differing columns; the comparison itself used the exercise's tolerance. */
const COLUMN_TOLERANCE = 1e-9;

function listRows(rows: readonly SqlValue[][], total: number): string {
  const shown = rows.slice(0, ROWS_LISTED);
  const more = total > shown.length ? ` and ${total - shown.length} more` : '';
  return `${total === 1 ? 'row' : 'rows'} ${shown.map(renderRow).join(', ')}${more}`;
}

function names(columns: readonly string[]): string {
  return cut(columns.map((name) => cut(name, 40)).join(', '), 400);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
