import type { Database } from 'better-sqlite3';
import type { RunnerOutput } from './query-result';
import { encodeSqlValue, type SqlValue } from './sql-value';

/** Codes this module gives to refusals that SQLite itself has no code for. */
export const QUERY_REFUSALS = {
  empty: 'EMPTY_QUERY',
  multipleStatements: 'MULTIPLE_STATEMENTS',
  notAReader: 'NOT_A_QUERY',
  notReadOnly: 'WRITES_DATA',
  /** PostgreSQL: the query has $1-style parameters, which nobody gives values. */
  parameters: 'HAS_PARAMETERS',
  /** Set by the harness: the submission lacks the query file. */
  missingFile: 'MISSING_FILE',
} as const;

/**
 * Prepares and runs exactly one read-only query and returns at most `maxRows` rows.
 * Used by the student-side runner on the student's query and by the harness on the
 * reference solution, so that both are held to the same rules and encode values alike.
 * It never throws for anything the SQL does.
 */
export function executeQuery(db: Database, sql: string, maxRows: number): RunnerOutput {
  if (sql.trim() === '') return refusal('prepare', QUERY_REFUSALS.empty, 'the query is empty');

  let statement;
  try {
    // better-sqlite3 refuses a string holding more than one statement.
    statement = db.prepare(sql);
  } catch (err) {
    return { kind: 'error', stage: 'prepare', ...describePrepareError(err) };
  }

  // Both checks are needed. `readonly` alone lets ATTACH and DETACH through (SQLite counts
  // them as read-only since they do not change the database file, yet ATTACH can open or
  // create another file) and BEGIN/COMMIT; `reader` alone lets INSERT ... RETURNING
  // through. A statement that returns rows and writes nothing is a query.
  if (!statement.reader) {
    return refusal('check', QUERY_REFUSALS.notAReader, 'the statement does not return rows');
  }
  if (!statement.readonly) {
    return refusal('check', QUERY_REFUSALS.notReadOnly, 'the statement would modify the database');
  }

  try {
    statement.raw(true);
    // Plain numbers: integers beyond 2^53 lose precision, which a tolerance absorbs anyway.
    statement.safeIntegers(false);
    const columns = statement.columns().map((column) => column.name);
    const rows: SqlValue[][] = [];
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      // Stop at limit + 1: the loop's early exit resets the statement, so the rest is never computed.
      if (rows.length === maxRows) return { kind: 'too-many-rows', limit: maxRows };
      rows.push(row.map(encodeSqlValue));
    }
    return { kind: 'ok', columns, rows };
  } catch (err) {
    return { kind: 'error', stage: 'run', code: codeOf(err), message: messageOf(err) };
  }
}

function refusal(stage: 'prepare' | 'check', code: string, message: string): RunnerOutput {
  return { kind: 'error', stage, code, message };
}

function describePrepareError(err: unknown): { code: string; message: string } {
  const message = messageOf(err);
  if (/contains more than one statement/i.test(message)) return { code: QUERY_REFUSALS.multipleStatements, message };
  if (/contains no statements/i.test(message)) return { code: QUERY_REFUSALS.empty, message };
  return { code: codeOf(err), message };
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code.slice(0, 100) : 'ERROR';
}

/** Not `instanceof Error`: a native module's errors may come from another realm (as under jest). */
function messageOf(err: unknown): string {
  const own = (err as { message?: unknown } | null)?.message;
  const message = typeof own === 'string' ? own : String(err);
  return message.slice(0, 2000);
}
