import Database from 'better-sqlite3';
import type { QueryResult } from './query-result';
import { ExerciseDefect } from '../../common/exercise-defect';
import { executeQuery } from './execute-query';

/**
 * The trusted side of an sql-query test, run inside the harness: computing the expected rows
 * with the reference solution. Failures here are the exercise's (ExerciseDefect), reported to
 * staff as internal errors. Building a dataset's database: common/sqlite-dataset.ts.
 */

/** The reference solution's rows on its own (read-only) connection, held to the student's rules. */
export function referenceResult(databasePath: string, sql: string, maxRows: number, context: string): QueryResult {
  return referenceOn(new Database(databasePath, { readonly: true, fileMustExist: true }), sql, maxRows, context);
}

/**
 * The same on a database built in memory from a script (a generated dataset). The reference is
 * trusted and held to reading by executeQuery: no read-only copy is needed (it would cost more
 * than the query on a dataset of a few rows).
 */
export function referenceResultOfScript(script: string, sql: string, maxRows: number, context: string): QueryResult {
  const db = new Database(':memory:');
  try {
    db.exec(script);
  } catch (err) {
    db.close();
    throw new ExerciseDefect(`a generated dataset failed to load ${context}: ${(err as Error).message}`);
  }
  return referenceOn(db, sql, maxRows, context);
}

function referenceOn(db: Database.Database, sql: string, maxRows: number, context: string): QueryResult {
  try {
    const output = executeQuery(db, sql, maxRows);
    switch (output.kind) {
      case 'ok':
        return { columns: output.columns, rows: output.rows };
      case 'too-many-rows':
        throw new ExerciseDefect(`the reference solution returns more than ${maxRows} rows ${context}`);
      case 'error':
        throw new ExerciseDefect(`the reference solution failed ${context} (${output.stage}): ${output.message}`);
    }
  } finally {
    db.close();
  }
}
