/**
 * Student side of the sql-query kind: runs as the student's uid in a child process of
 * the harness.
 *
 *   node sql-runner.js <database> <query file> <max rows>
 *     runs the query on one database file (a fixed test) and prints one RunnerOutput JSON
 *     document on stdout; exits 0, whatever the query did.
 *   node sql-runner.js --session <max rows>
 *     many small datasets (a generated test), one request at a time on stdin, in the line
 *     protocol of the PostgreSQL runner (sql/postgres/pg-protocol.ts): a READY line, then for
 *     each request ({"dataset": "<script>", "query": "<sql>"}) a LOADED line once the dataset is
 *     built and one response line. Each dataset is built in memory and reopened read-only
 *     before the query runs, as a fixed test's read-only copy: nothing of one dataset is left
 *     for the next.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { volunteerForOomKiller } from '../../../common/process/oom-volunteer';
import { executeQuery } from '../execute-query';
import { PG_LINE_PREFIX, PG_LOADED, PG_READY, PgRequestSchema, type PgResponse } from '../postgres/pg-protocol';

function main(argv: string[]): void {
  const [databasePath, queryPath, maxRowsText] = argv;
  const maxRows = Number(maxRowsText);
  if (!databasePath || !queryPath || !Number.isInteger(maxRows)) {
    throw new Error('usage: sql-runner <database> <query file> <max rows> | --session <max rows>');
  }
  volunteerForOomKiller();

  const sql = readFileSync(queryPath, 'utf8');
  // Read-only and must exist: the student's query cannot create or change a database file.
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  db.defaultSafeIntegers(false);
  // No SQLite heap limit here: better-sqlite3 builds SQLite without memory statistics, which
  // hard_heap_limit needs. The container's memory limit and the OOM score below do the job.

  const output = executeQuery(db, sql, maxRows);
  db.close();
  // Writes to a pipe are synchronous on Linux: the document is complete when we exit.
  process.stdout.write(JSON.stringify(output));
}

async function session(maxRows: number): Promise<void> {
  if (!Number.isInteger(maxRows)) throw new Error('usage: sql-runner --session <max rows>');
  volunteerForOomKiller();
  send(PG_READY);
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const request = PgRequestSchema.parse(JSON.parse(line));
    send(JSON.stringify(runOne(request.dataset, request.query, maxRows)));
  }
  process.exit(0);
}

function runOne(dataset: string, query: string, maxRows: number): PgResponse {
  let image: Buffer;
  const build = new Database(':memory:');
  try {
    build.exec(dataset);
    image = build.serialize();
  } catch (err) {
    return { kind: 'dataset-error', message: String((err as { message?: unknown })?.message ?? err).slice(0, 2000) };
  } finally {
    build.close();
  }
  send(PG_LOADED);
  const db = new Database(image, { readonly: true });
  try {
    db.defaultSafeIntegers(false);
    return executeQuery(db, query, maxRows);
  } finally {
    db.close();
  }
}

function send(line: string): void {
  process.stdout.write(`${PG_LINE_PREFIX}${line}\n`);
}

const args = process.argv.slice(2);
if (args[0] === '--session') {
  session(Number(args[1])).catch((err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
} else {
  main(args);
}
