/**
 * Student side of the sql-query kind: runs as the student's uid in a child process of
 * the harness. Usage: node sql-runner.js <database> <query file> <max rows>
 * Prints one RunnerOutput JSON document on stdout and exits 0, whatever the query did.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
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

/**
 * Raising one's own OOM score needs no privilege: if the container runs out of memory,
 * the kernel then picks this process rather than the harness, which can still report.
 */
function volunteerForOomKiller(): void {
  try {
    writeFileSync('/proc/self/oom_score_adj', '1000');
  } catch {
    // Not on Linux, or /proc is masked: the container's OOM verdict still applies.
  }
}

main(process.argv.slice(2));
