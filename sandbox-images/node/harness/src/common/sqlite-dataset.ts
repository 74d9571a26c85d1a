import Database from 'better-sqlite3';
import { ExerciseDefect } from './exercise-defect';

/**
 * Creates an SQLite database file from an exercise's script (a fresh file; any SQL the author
 * wrote): a test's dataset (sql-query) or the database the student's functions get
 * (injection-prevention). Throws ExerciseDefect when the script fails.
 */
export function buildDatabase(databasePath: string, script: string, datasetName: string): void {
  const db = new Database(databasePath);
  try {
    db.exec(script);
  } catch (err) {
    throw new ExerciseDefect(`the dataset ${datasetName} failed to load: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}
