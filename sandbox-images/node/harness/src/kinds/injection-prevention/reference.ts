import path from 'node:path';
import Database from 'better-sqlite3';
import { LIMITS } from '../../contracts';
import { ExerciseDefect } from '../../common/exercise-defect';
import { graderWorkDir, writePackageFiles } from '../../common/workspace';
import { callOutcome, markDatabaseErrorText, type CallOutcome } from './call-outcome';
import { installSqlTracer, type SqlTracer } from './sql-trace';
import type { InjectionPreventionManifest } from './types';
import type { FixedTest } from './fixed-test';

/** The trusted side of an injection-prevention test: the reference solution, run here. */

/** The harness's SQL tracer (on its own better-sqlite3): the reference's calls are observed as the student's are. */
export function harnessTracer(): SqlTracer {
  const db = new Database(':memory:');
  try {
    return installSqlTracer(db, Database.SqliteError);
  } finally {
    db.close();
  }
}

/** The reference solution's module, required from the harness's private copy of the package. */
export function loadReference(manifest: InjectionPreventionManifest, files: Record<string, string>): Record<string, unknown> {
  const dir = graderWorkDir('package');
  writePackageFiles(files, dir, (message) => new ExerciseDefect(message));
  const entry = manifest.solution[manifest.injection.module];
  if (entry === undefined || !(entry in files)) throw new ExerciseDefect(`the exercise package has no reference solution for ${manifest.injection.module}`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(dir, entry)) as unknown;
    if ((typeof exported !== 'object' && typeof exported !== 'function') || exported === null) throw new Error(`it exports ${typeof exported}`);
    return exported as Record<string, unknown>;
  } catch (err) {
    throw new ExerciseDefect(`the reference solution failed to load: ${(err as Error).message}`);
  }
}

export async function referenceOutcomes(
  reference: Record<string, unknown>,
  test: FixedTest,
  functions: Record<string, string[]>,
  databasePath: string,
  tracer: SqlTracer,
): Promise<{ outcomes: CallOutcome[]; sql: string[][] }> {
  const db = new Database(databasePath, { fileMustExist: true });
  db.defaultSafeIntegers(false);
  try {
    const outcomes: CallOutcome[] = [];
    const sql: string[][] = [];
    for (const call of test.calls) {
      const fn = reference[call.fn];
      if (typeof fn !== 'function') throw new ExerciseDefect(`the reference solution does not export ${call.fn}`);
      const args = (functions[call.fn] ?? []).map((p) => call.args[p]);
      tracer.begin();
      const outcome = await callOutcome(fn, [db, ...args], LIMITS.exercise.callResultBytes, (err) => tracer.isDatabaseError(err));
      const trace = tracer.end();
      outcomes.push(markDatabaseErrorText(outcome, trace.engineErrors));
      sql.push(trace.sql);
    }
    const bad = outcomes.find((o) => o.kind === 'unserializable');
    if (bad) throw new ExerciseDefect(`the reference solution returned a value that is not JSON on test ${JSON.stringify(test.name)}`);
    return { outcomes, sql };
  } finally {
    db.close();
  }
}

export function applySetup(databasePath: string, sql: string, testName: string): void {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.exec(sql);
  } catch (err) {
    throw new ExerciseDefect(`the setup of test ${JSON.stringify(testName)} failed: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}
