import postgres from 'postgres';
import { QUERY_REFUSALS } from '../execute-query';
import type { RunnerOutput } from '../query-result';
import type { SqlValue } from '../sql-value';
import { extended } from './pg-engine';
import { pgValue } from './pg-values';

/**
 * Runs exactly one read-only query on a PostgreSQL engine and returns at most `maxRows`
 * rows, with the same rules and the same output as the SQLite runner (execute-query.ts), so
 * that the reference solution and the student's query are held to the same rules:
 *
 * 1. In a read-only transaction, rolled back after it: nothing the query does survives it,
 *    and a function that writes (nextval, lo_import, set_config of read-write mode) fails.
 * 2. Parsed alone first (extended protocol: a string of two statements is refused by
 *    PostgreSQL itself), to tell the student what is wrong: several statements, a statement
 *    that returns no rows, a parameter ($1).
 * 3. Run as `DECLARE … CURSOR FOR <query>`, which PostgreSQL accepts for SELECT, VALUES,
 *    TABLE and WITH … SELECT only, and never with a data-modifying WITH: so no INSERT …
 *    RETURNING, SHOW, EXPLAIN, COPY, CALL, DO or SET ROLE runs at all.
 * 4. `FETCH maxRows + 1`: the engine stops computing there, so a query that would return a
 *    billion rows is cut off early rather than filling the memory.
 *
 * It never throws for anything the SQL does. A query that never ends blocks the runner,
 * which waits for it: the runner and its server are killed from outside.
 */
const CURSOR = 'grader_result';
const DECLARE_PREFIX = `DECLARE ${CURSOR} NO SCROLL CURSOR FOR `;

/** Statements that write, when one is refused as not a query: the message says so. */
const WRITING_KEYWORD = /^(insert|update|delete|merge|truncate|copy|create|alter|drop|grant|revoke|comment|vacuum|reindex|cluster|lock|call|do|set|reset|begin|commit|rollback|savepoint|prepare|execute|discard|listen|notify|refresh|security|import)$/i;

type Client = postgres.Sql;

/**
 * `datasetOpen`: the dataset's transaction is still open and already read-only (loadDataset,
 * pg-engine.ts): the query runs in it, and the rollback ends both. Otherwise the query gets
 * a read-only transaction of its own.
 */
export async function executePostgresQuery(db: Client, sql: string, maxRows: number, datasetOpen = false): Promise<RunnerOutput> {
  if (stripComments(sql).trim().replace(/;+\s*$/, '').trim() === '') {
    if (datasetOpen) await db.unsafe('ROLLBACK').simple();
    return refusal('prepare', QUERY_REFUSALS.empty, 'the query is empty');
  }
  if (!datasetOpen) await db.unsafe('BEGIN TRANSACTION READ ONLY').simple();
  let output: RunnerOutput;
  try {
    output = await inReadOnlyTransaction(db, sql, maxRows);
  } catch (err) {
    await rollBack(db).catch(() => undefined);
    throw err;
  }
  const late = await rollBack(db);
  if (late === undefined || output.kind !== 'ok') return output;
  const { code, message } = describeError(late, sql, 0);
  return { kind: 'error', stage: 'run', code, message };
}

/**
 * Ends the query's transaction; resolves with the error the server reported at that point,
 * if any. It may report one of the query's own there rather than with its rows (a huge value
 * spilled past temp_file_limit while it was sent): the rows are then not the query's whole
 * answer, and that error is its outcome. The transaction is rolled back either way.
 */
async function rollBack(db: Client): Promise<postgres.PostgresError | undefined> {
  try {
    await db.unsafe('ROLLBACK').simple();
    return undefined;
  } catch (err) {
    const late = serverError(err);
    await db.unsafe('ROLLBACK').simple();
    return late;
  }
}

/**
 * `err` when the server sent it (a PostgresError: SQLSTATE, message, position); anything else
 * (the connection closed or reset: the server or its backend died, out of memory say) is
 * thrown on, so that the runner ends and the harness judges the engine's death as such, never
 * as an error message of the query's with the client's text in it.
 */
function serverError(err: unknown): postgres.PostgresError {
  if (err instanceof postgres.PostgresError) return err;
  throw err;
}

async function inReadOnlyTransaction(db: Client, sql: string, maxRows: number): Promise<RunnerOutput> {
  // Both sent at once (one round trip). Whatever the describe says, the DECLARE runs nothing:
  // it only parses and plans, and only a SELECT, VALUES, TABLE or WITH … SELECT; after a
  // failed describe it fails too (the transaction is aborted), and its error is not read.
  // (A query is sent when first awaited or then-ed: the describe's then comes first.)
  const describing = extended(db, sql)
    .describe()
    .then((statement) => ({ statement }), (error: unknown) => ({ error }));
  const declaring = extended(db, `${DECLARE_PREFIX}${sql}`).then(() => undefined, (err: unknown) => err);
  const described = await describing;
  if ('error' in described) {
    await declaring;
    const { code, message } = describeError(serverError(described.error), sql, 0);
    if (/cannot insert multiple commands into a prepared statement/.test(message)) {
      return refusal('prepare', QUERY_REFUSALS.multipleStatements, 'the query holds more than one statement');
    }
    return { kind: 'error', stage: 'prepare', code, message };
  }
  // The aborted describe leaves nothing behind: a failed statement would have, and we returned.
  const declareError = await declaring;
  const { columns, types: parameters } = described.statement;
  if (columns.length === 0) {
    return refusal('check', firstWordWrites(sql) ? QUERY_REFUSALS.notReadOnly : QUERY_REFUSALS.notAReader, 'the statement does not return rows');
  }
  if (parameters.length > 0) {
    return refusal('check', QUERY_REFUSALS.parameters, `the query has ${parameters.length === 1 ? 'a parameter' : 'parameters'} ($1) that nobody gives a value`);
  }

  if (declareError !== undefined) {
    const { code, message, position } = describeError(serverError(declareError), sql, DECLARE_PREFIX.length);
    if (/must not contain data-modifying statements/.test(message)) {
      return refusal('check', QUERY_REFUSALS.notReadOnly, 'the query modifies data (a data-modifying WITH)');
    }
    // A syntax error at the very first word: a statement that returns rows but is not a query (INSERT … RETURNING, SHOW, EXPLAIN).
    if (code === '42601' && position !== undefined && position <= firstWordOffset(sql) + 1) {
      return refusal('check', firstWordWrites(sql) ? QUERY_REFUSALS.notReadOnly : QUERY_REFUSALS.notAReader, 'the statement is not a query');
    }
    // Planning also folds constants: 1 / 0 fails here, but it is the query's data, not its text, that is wrong.
    return { kind: 'error', stage: isStatementError(code) ? 'prepare' : 'run', code, message };
  }

  let fetched;
  try {
    // Raw: each value the text PostgreSQL printed (pg-values.ts reads it), no client-side parsing.
    fetched = await extended(db, `FETCH FORWARD ${maxRows + 1} FROM ${CURSOR}`).raw();
  } catch (err) {
    const { code, message } = describeError(serverError(err), sql, DECLARE_PREFIX.length);
    return { kind: 'error', stage: 'run', code, message };
  }
  if (fetched.length > maxRows) return { kind: 'too-many-rows', limit: maxRows };
  const types = fetched.columns.map((c) => c.type);
  const rows: SqlValue[][] = fetched.map((row) => (row as unknown as Array<Buffer | null>).map((value, i) => pgValue(value === null ? null : value.toString('utf8'), types[i] ?? 0)));
  return { kind: 'ok', columns: fetched.columns.map((c) => c.name), rows };
}

/** SQLSTATE classes of an error in the statement itself: 42 (syntax, names, grouping), 0A (not supported). */
function isStatementError(code: string): boolean {
  return code.startsWith('42') || code === '0A000';
}

function refusal(stage: 'prepare' | 'check', code: string, message: string): RunnerOutput {
  return { kind: 'error', stage, code, message };
}

/** PostgreSQL's message, with the line and column its position points at in the student's text. */
function describeError(err: unknown, sql: string, prefixLength: number): { code: string; message: string; position?: number } {
  const { message, code, position } = (err ?? {}) as { message?: unknown; code?: unknown; position?: unknown };
  const text = (typeof message === 'string' ? message : String(err)).slice(0, 2000);
  const sqlState = typeof code === 'string' ? code.slice(0, 100) : 'ERROR';
  const raw = typeof position === 'string' || typeof position === 'number' ? Number(position) : NaN;
  if (!Number.isInteger(raw) || raw < 1) return { code: sqlState, message: text };
  const inQuery = raw - prefixLength;
  if (inQuery < 1) return { code: sqlState, message: text, position: inQuery };
  return { code: sqlState, message: `${text} (${lineAndColumn(sql, inQuery)})`, position: inQuery };
}

/** `line 2, column 7` for a 1-based character position. */
export function lineAndColumn(text: string, position: number): string {
  const before = Array.from(text).slice(0, position - 1).join('');
  const lines = before.split('\n');
  return `line ${lines.length}, column ${(lines[lines.length - 1] ?? '').length + 1}`;
}

/** Characters before the first word of the query (blanks and comments). */
function firstWordOffset(sql: string): number {
  const match = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/.exec(sql);
  return Array.from(match?.[0] ?? '').length;
}

function firstWordWrites(sql: string): boolean {
  const word = /^[A-Za-z]+/.exec(stripComments(sql).trimStart())?.[0] ?? '';
  return WRITING_KEYWORD.test(word);
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
}
