import path from 'node:path';
import Database from 'better-sqlite3';
import { LIMITS } from '../../contracts';
import { ExerciseDefect } from '../../common/exercise-defect';
import { graderWorkDir, writePackageFiles } from '../../common/workspace';
import { callOutcome, markDatabaseErrorText, type CallOutcome } from './call-outcome';
import { PythonReference } from './python-reference';
import type { InjectionCallRequest } from './runner-protocol';
import { installSqlTracer, type SqlTracer } from './sql-trace';
import type { InjectionPreventionManifest } from './types';

/**
 * The trusted side of an injection-prevention test: the reference solution. A JavaScript one is
 * required into the harness and called here; a Python one runs in the Python injection runner as
 * the harness's user (python-reference.ts). Either way its calls are observed as the student's are.
 */
export interface ReferenceSide {
  /**
   * Calls the reference's functions in order on the database file (changed in place): each
   * call's outcome (`missing` for a function it does not export) and the SQL texts it prepared.
   * `markers` only order the texts (boundSqlTexts). Throws ExerciseDefect when the reference
   * cannot be run (it fails to load, ends its process, runs out of time).
   */
  run(databaseFile: string, calls: InjectionCallRequest[], markers: string[]): Promise<{ outcomes: CallOutcome[]; sql: string[][] }>;
  /** Ends what run() started (a Python reference's process). */
  close(): Promise<void>;
}

/**
 * The reference solution of the exercise, written to the harness's private copy of the package:
 * a JavaScript module required here now (ExerciseDefect if it does not load), or a Python one
 * run by the Python injection runner from its first run() (one process for every test of the
 * grading, ended by close()).
 */
export function loadReference(manifest: InjectionPreventionManifest, files: Record<string, string>, testTimeMs: number): ReferenceSide {
  const dir = graderWorkDir('package');
  writePackageFiles(files, dir, (message) => new ExerciseDefect(message));
  const entry = manifest.solution[manifest.injection.module];
  if (entry === undefined || !(entry in files)) throw new ExerciseDefect(`the exercise package has no reference solution for ${manifest.injection.module}`);
  const modulePath = path.join(dir, entry);
  if (/\.py$/.test(entry)) return new PythonReference(modulePath, graderWorkDir('reference-runner'), testTimeMs);
  let exported: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(modulePath) as unknown;
    if ((typeof exported !== 'object' && typeof exported !== 'function') || exported === null) throw new Error(`it exports ${typeof exported}`);
  } catch (err) {
    throw new ExerciseDefect(`the reference solution failed to load: ${(err as Error).message}`);
  }
  return new JavaScriptReference(exported as Record<string, unknown>);
}

/** A JavaScript reference, called in the harness on its own better-sqlite3, traced by the harness's tracer. */
export class JavaScriptReference implements ReferenceSide {
  private readonly tracer: SqlTracer = harnessTracer();

  constructor(private readonly reference: Record<string, unknown>) {}

  async run(databaseFile: string, calls: InjectionCallRequest[]): Promise<{ outcomes: CallOutcome[]; sql: string[][] }> {
    const db = new Database(databaseFile, { fileMustExist: true });
    db.defaultSafeIntegers(false);
    try {
      const outcomes: CallOutcome[] = [];
      const sql: string[][] = [];
      for (const call of calls) {
        const fn = this.reference[call.fn];
        if (typeof fn !== 'function') {
          outcomes.push({ kind: 'missing', exported: Object.keys(this.reference).slice(0, 20) });
          sql.push([]);
          continue;
        }
        const args = call.args.map((a) => ('value' in a ? a.value : undefined));
        this.tracer.begin();
        const outcome = await callOutcome(fn, [db, ...args], LIMITS.exercise.callResultBytes, (err) => this.tracer.isDatabaseError(err));
        const trace = this.tracer.end();
        outcomes.push(markDatabaseErrorText(outcome, trace.engineErrors));
        sql.push(trace.sql);
      }
      return { outcomes, sql };
    } finally {
      db.close();
    }
  }

  async close(): Promise<void> {}
}

/** The harness's SQL tracer (on its own better-sqlite3): the reference's calls are observed as the student's are. */
export function harnessTracer(): SqlTracer {
  const db = new Database(':memory:');
  try {
    return installSqlTracer(db, Database.SqliteError);
  } finally {
    db.close();
  }
}

/**
 * The reference's outcomes, checked as an exercise needs them: every function exported, every
 * result JSON. `where` names the test or check for the staff's message.
 */
export function checkedReferenceRun<T extends { outcomes: CallOutcome[] }>(run: T, calls: InjectionCallRequest[], where: string): T {
  run.outcomes.forEach((outcome, i) => {
    if (outcome.kind === 'missing') throw new ExerciseDefect(`the reference solution does not export ${calls[i]!.fn}`);
    if (outcome.kind === 'unserializable') throw new ExerciseDefect(`the reference solution returned a value that is not JSON ${where}`);
  });
  return run;
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
