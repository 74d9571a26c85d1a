import type { SqlValue } from './sql-value';

/** The rows a query returned, with the names SQLite gave its columns. */
export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
}

/**
 * What the student-side runner prints on stdout, as one JSON document. The harness
 * parses it with a schema (runner-output.ts) and never trusts it otherwise.
 * - ok: the rows (at most the row limit);
 * - too-many-rows: more rows than the limit (none are sent);
 * - error: the query could not be prepared (stage prepare), was refused (stage check:
 *   not a single read-only SELECT) or failed while running (stage run).
 */
export type RunnerOutput =
  | ({ kind: 'ok' } & QueryResult)
  | { kind: 'too-many-rows'; limit: number }
  | { kind: 'error'; stage: 'prepare' | 'check' | 'run'; code: string; message: string };
