import { randomBytes } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '../../contracts';
import { ExerciseDefect } from '../../common/exercise-defect';
import type { CallOutcome } from './call-outcome';
import { InjectionSession, type SessionEvent } from './generated/session';
import { resetDatabase, tail } from './generated/student-side';
import type { ReferenceSide } from './reference';
import type { InjectionCallRequest } from './runner-protocol';
import { injectionLauncher } from './student-runners';

/**
 * The reference's calls may take this many times a test's time: it is trusted, and a busy machine
 * must not turn its slowness into the exercise's defect (which every student would then see).
 */
const REFERENCE_TIME_FACTOR = 4;
/** A bound on the session's life far beyond any grading's (the sandbox's own limits end it first): it serves every test. */
const SESSION_LIFETIME_MS = 30 * 60_000;

let sessions = 0;

/**
 * A Python reference solution, run by the Python injection runner as the harness's user: one
 * process (a session) for the whole grading, started at the first run() (again if it died) and
 * ended by close(); each run() writes the wanted state into the session's database file, runs the
 * calls, and copies the file back.
 */
export class PythonReference implements ReferenceSide {
  private session: InjectionSession | undefined;
  private cases = 0;
  private readonly file: string;

  constructor(
    private readonly modulePath: string,
    private readonly dir: string,
    private readonly testTimeMs: number,
  ) {
    this.file = path.join(dir, `reference-${++sessions}.sqlite`);
  }

  async run(databaseFile: string, calls: InjectionCallRequest[], markers: string[]): Promise<{ outcomes: CallOutcome[]; sql: string[][] }> {
    resetDatabase(databaseFile, this.file, ++this.cases);
    const timeMs = this.testTimeMs * REFERENCE_TIME_FACTOR;
    if (!this.session?.alive) {
      this.session = new InjectionSession({
        module: this.modulePath,
        database: this.file,
        nonce: randomBytes(18).toString('base64url'),
        maxResultBytes: LIMITS.exercise.callResultBytes,
        outputBytes: LIMITS.exercise.outputBytes,
        lifetimeMs: SESSION_LIFETIME_MS,
        launcher: injectionLauncher(this.modulePath),
        cwd: this.dir,
        trusted: true,
      });
      const loaded = await this.session.loaded(timeMs);
      if (loaded.kind === 'report' && loaded.report.kind === 'load-error') throw new ExerciseDefect(`the reference solution failed to load: ${loaded.report.message}`);
      if (loaded.kind !== 'loaded') throw new ExerciseDefect(`the reference solution failed to load: ${failure(loaded)}`);
    }
    const event = await this.session.run({ calls, markers }, timeMs);
    if (event.kind !== 'report' || event.report.kind !== 'calls') throw new ExerciseDefect(`the reference solution did not answer: ${failure(event)}`);
    copyFileSync(this.file, databaseFile);
    return { outcomes: event.report.outcomes, sql: event.report.sql ?? [] };
  }

  async close(): Promise<void> {
    if (this.session?.alive) await this.session.close();
  }
}

function failure(event: SessionEvent): string {
  if (event.kind === 'loaded' || event.kind === 'report') return 'it answered out of turn';
  const { outcome } = event;
  const how = event.kind === 'timeout' ? 'it ran out of time' : event.kind === 'output-limit' ? 'it printed too much' : event.kind === 'garbled' ? 'its report was garbled' : `it ended (${outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`})`;
  const stderr = tail(outcome);
  return stderr ? `${how}: ${stderr}` : how;
}
