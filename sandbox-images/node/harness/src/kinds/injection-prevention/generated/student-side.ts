import { chmodSync, closeSync, constants as fsConstants, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PROCESS_LIMIT_MESSAGE } from '../../../common/process/pids-usage';
import type { StudentProcessOutcome } from '../../../common/process/run-as-student';
import type { CallOutcome } from '../call-outcome';
import type { Judgement } from '../judge';
import { everywhere } from '../runner-outcome';
import type { InjectionCase } from '../runner-protocol';
import { InjectionSession, type SessionOptions } from './session';

/** What running one case of a generated check on the student's module gave. */
export type StudentRun =
  /** The calls' outcomes, the SQL texts each prepared, and the database file they ran on (read it now). */
  | { kind: 'report'; outcomes: CallOutcome[]; sql: string[][]; database: string }
  /** This input made the code fail: a time-out, a crash, the memory or output limit. */
  | { kind: 'failed'; judgement: Judgement }
  /** Every input would fail alike (the module does not load, the process limit, the grader's failure): stop searching. */
  | { kind: 'fatal'; judgement: Judgement; loadFailed: boolean };

/** The student's side of a generated check: the sandbox's runner session, or (in unit tests) the module in this process. */
export interface StudentSide {
  /** Runs a case on a database that starts as the file `initial` holds it. */
  run(initial: string, next: InjectionCase): Promise<StudentRun>;
  close(): Promise<void>;
}

export interface SessionStudentOptions extends Omit<SessionOptions, 'database' | 'nonce'> {
  /** A root-owned directory the student can read (studentReadableDir): the database file goes there. */
  dir: string;
  /** Per case, and for loading the module. */
  testTimeMs: number;
  /** The module's name as the student knows it, for messages. */
  moduleName: string;
  memoryMb: number;
  /** A fresh nonce for each session the check starts. */
  nonce: () => string;
}

/**
 * The student's module in injection-runner sessions: one process for as many cases as it
 * survives; after a case that kills it (a time-out, a crash), the next case starts another.
 */
export class SessionStudent implements StudentSide {
  private session: InjectionSession | undefined;
  private fatal: Extract<StudentRun, { kind: 'fatal' }> | undefined;
  private readonly database: string;
  private cases = 0;

  constructor(private readonly options: SessionStudentOptions) {
    this.database = path.join(options.dir, 'case.sqlite');
  }

  async run(initial: string, next: InjectionCase): Promise<StudentRun> {
    if (this.fatal) return this.fatal;
    // The case's starting state, written over the same file (the same inode the runner has open).
    resetDatabase(initial, this.database, ++this.cases);
    if (!this.session?.alive) {
      const started = await this.start();
      if (started) return started;
    }
    const event = await this.session!.run(next, this.options.testTimeMs);
    if (event.kind === 'report') {
      if (event.report.kind !== 'calls') return this.givenUp(everywhere('internal_error', 'the grader failed: the injection runner answered a case with a load error'), false);
      return { kind: 'report', outcomes: event.report.outcomes, sql: event.report.sql ?? [], database: this.database };
    }
    if (event.kind === 'loaded') return this.givenUp(everywhere('internal_error', 'the grader failed: the injection runner answered out of turn'), false);
    const outcome = event.outcome;
    if (outcome.processLimitHit) return this.givenUp(everywhere('runtime_error', PROCESS_LIMIT_MESSAGE), false);
    if (outcome.spawnError) return this.givenUp(everywhere('internal_error', `the grader failed: the runner could not start: ${outcome.spawnError}`), false);
    // The session's own lifetime ran out while a case ran: that case ran out of time.
    const kind = event.kind === 'ended' && outcome.timedOut ? 'timeout' : event.kind;
    switch (kind) {
      case 'timeout':
        return { kind: 'failed', judgement: everywhere('time_limit_exceeded', `your function did not return within ${seconds(this.options.testTimeMs)} on this input: look for a loop that never ends or a promise that never settles`) };
      case 'output-limit':
        return { kind: 'failed', judgement: everywhere('output_limit_exceeded', `your functions printed more than ${Math.round(this.options.outputBytes / 1024)} KiB (console.log and errors together) on this input: print less`) };
      case 'garbled':
        return { kind: 'failed', judgement: everywhere('runtime_error', "your code's output broke the runner's report of the calls") };
      case 'ended':
        if (outcome.memoryKilled) return { kind: 'failed', judgement: everywhere('memory_limit_exceeded', `your functions needed more than the ${this.options.memoryMb} MiB memory limit on this input`) };
        if (this.session!.crashed(outcome)) return this.givenUp(everywhere('internal_error', `the grader failed: the injection runner crashed: ${tail(outcome)}`), false);
        return { kind: 'failed', judgement: ended(outcome) };
    }
  }

  async close(): Promise<void> {
    if (this.session?.alive) await this.session.close();
  }

  /** A new session, its module loaded; a StudentRun when it could not be. */
  private async start(): Promise<StudentRun | undefined> {
    if (!existsSync(this.database)) throw new Error('the case database was not written');
    chmodSync(this.database, 0o666);
    this.session = new InjectionSession({ ...this.options, database: this.database, nonce: this.options.nonce() });
    const event = await this.session.loaded(this.options.testTimeMs);
    if (event.kind === 'loaded') return undefined;
    const name = this.options.moduleName;
    if (event.kind === 'report') {
      const message = event.report.kind === 'load-error' ? `${name} failed to load: ${event.report.message}` : 'the grader failed: the injection runner answered out of turn';
      return this.givenUp(everywhere(event.report.kind === 'load-error' ? 'runtime_error' : 'internal_error', message), event.report.kind === 'load-error');
    }
    const outcome = event.outcome;
    if (outcome.processLimitHit) return this.givenUp(everywhere('runtime_error', PROCESS_LIMIT_MESSAGE), true);
    if (outcome.spawnError) return this.givenUp(everywhere('internal_error', `the grader failed: the runner could not start: ${outcome.spawnError}`), false);
    if (event.kind === 'timeout') {
      return this.givenUp(everywhere('time_limit_exceeded', `${name} did not finish loading within ${seconds(this.options.testTimeMs)}: look for a loop or a long computation at the top level of the module`), true);
    }
    if (event.kind === 'output-limit') return this.givenUp(everywhere('output_limit_exceeded', `${name} printed more than ${Math.round(this.options.outputBytes / 1024)} KiB while loading: print less`), true);
    if (event.kind === 'ended' && outcome.memoryKilled) return this.givenUp(everywhere('memory_limit_exceeded', `${name} needed more than the ${this.options.memoryMb} MiB memory limit while loading`), true);
    if (event.kind === 'ended' && this.session!.crashed(outcome)) return this.givenUp(everywhere('internal_error', `the grader failed: the injection runner crashed: ${tail(outcome)}`), false);
    return this.givenUp(ended(outcome), true);
  }

  private givenUp(judgement: Judgement, loadFailed: boolean): StudentRun {
    this.fatal = { kind: 'fatal', judgement, loadFailed };
    return this.fatal;
  }
}

function ended(outcome: StudentProcessOutcome): Judgement {
  const stderr = tail(outcome);
  const how = outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`;
  const visible = stderr ? `your code ended the process before the calls were done (${how}): ${stderr}` : `your code ended the process before the calls were done (${how}): do not end the process yourself (process.exit() in JavaScript, sys.exit() or os._exit() in Python)`;
  // Name-only: what it printed may hold the generated input, which name-only feedback never shows.
  return { ...everywhere('runtime_error', 'your code ended the process before the calls were done'), visible };
}

/** The last lines of what a runner printed on stderr, for a message. */
export function tail(outcome: StudentProcessOutcome): string {
  return outcome.stderr.text().trim().split('\n').slice(-12).join('\n').slice(-1500);
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/**
 * Writes a case's starting state over the database file the student's connection holds open,
 * and gives it a change counter of its own (the header's 4 bytes at offset 24, and the
 * "version valid for" at 92): SQLite keeps its page cache while the counter is the one it last
 * saw, and a case starting from the same state as the one before could otherwise meet the
 * earlier case's pages. Counters step by 2^16, far beyond the writes one case makes.
 */
export function resetDatabase(initial: string, file: string, caseNumber: number): void {
  const bytes = readFileSync(initial);
  if (bytes.length >= 100) {
    const counter = (0x40000000 + caseNumber * 0x10000) >>> 0;
    bytes.writeUInt32BE(counter, 24);
    bytes.writeUInt32BE(counter, 92);
  }
  // Written into the file in place (copyFile would give it the source's mode, 0644: read-only
  // for the student's process, were it to open the file again).
  const fd = openSync(file, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_TRUNC, 0o666);
  try {
    writeSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
}
