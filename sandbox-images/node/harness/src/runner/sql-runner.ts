/**
 * Student side of the sql-query kind: runs as the student's uid in a child process of
 * the harness. Usage: node sql-runner.js <database> <query file> <max rows>
 * Prints one RunnerOutput JSON document on stdout and exits 0, whatever the query did.
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { volunteerForOomKiller } from '../process/oom-volunteer';
import { executeQuery } from '../sql/execute-query';

function main(argv: string[]): void {
  const [databasePath, queryPath, maxRowsText] = argv;
  const maxRows = Number(maxRowsText);
  if (!databasePath || !queryPath || !Number.isInteger(maxRows)) {
    throw new Error('usage: sql-runner <database> <query file> <max rows>');
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

main(process.argv.slice(2));
