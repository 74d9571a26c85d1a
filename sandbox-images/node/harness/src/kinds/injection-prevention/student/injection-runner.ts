/**
 * Student side of the injection-prevention kind: runs as the student's uid. Reads the request
 * on stdin (its first line, before any of the student's code runs), opens the test's database
 * with better-sqlite3, loads the student's module, calls its functions in order with the
 * test's arguments (the Database first), and reports each call's outcome, framed by the
 * request's nonce, as its last output. The database file itself is read by the harness
 * afterwards: what the calls did to the data is measured where the student's code cannot reach.
 *
 * Every SQL text the calls prepare is recorded (sql-trace.ts) and reported with the
 * outcomes, and a thrown error is marked when it is the database's. For a generated check the
 * process is a session: after the module loads it takes one case per line on stdin, each on
 * the same Database object (the harness resets the file in between), and blocks reading the
 * next line between cases, so none of the student's code runs while the harness reads the file.
 */
import { readSync } from 'node:fs';
import Database from 'better-sqlite3';
import { boundSqlTexts, callOutcome, markDatabaseErrorText, threw, type CallOutcome, type RunnerReport } from '../call-outcome';
import { INJECTION_CRASH_EXIT, INJECTION_CRASH_MARKER, INJECTION_LOADED_MARKER, INJECTION_READ_MARKER, INJECTION_REPORT_MARKER, type InjectionCallRequest, type InjectionCase, type InjectionRequest } from '../runner-protocol';
import { installSqlTracer, type SqlTracer } from '../sql-trace';
import { volunteerForOomKiller } from '../../../common/process/oom-volunteer';
import { describeStudentError } from '../../../common/student-error';

// Taken before the student's code can replace them.
const stringify = JSON.stringify;
const parse = JSON.parse;
const writeOut = process.stdout.write.bind(process.stdout);
const exit = process.exit.bind(process);
/** Printed before exit 70 once the request is read (INJECTION_CRASH_MARKER): a module's variable no other module can reach. */
let crashToken = '';

/** Lines of stdin, read synchronously: between two cases nothing of the student's runs. */
const stdinLines = (() => {
  let pending = Buffer.alloc(0);
  let ended = false;
  const chunk = Buffer.alloc(64 * 1024);
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  return (): string | undefined => {
    for (;;) {
      const at = pending.indexOf(0x0a);
      if (at >= 0) {
        const line = pending.subarray(0, at).toString('utf8');
        pending = pending.subarray(at + 1);
        return line;
      }
      if (ended) {
        if (pending.length === 0) return undefined;
        const line = pending.toString('utf8');
        pending = Buffer.alloc(0);
        return line;
      }
      let n: number;
      try {
        n = readSync(0, chunk, 0, chunk.length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(sleeper, 0, 0, 2);
          continue;
        }
        if ((err as NodeJS.ErrnoException).code === 'EOF') n = 0;
        else throw err;
      }
      if (n === 0) ended = true;
      else pending = Buffer.concat([pending, chunk.subarray(0, n)]);
    }
  };
})();

async function main(): Promise<void> {
  const first = stdinLines();
  if (first === undefined) throw new Error('no request on stdin');
  const request = parse(first) as InjectionRequest;
  crashToken = `${INJECTION_CRASH_MARKER}${request.nonce}\n`;
  // Before anything of the student's runs: an exit 70 after this is the runner's only with crashToken.
  writeOut(`${INJECTION_READ_MARKER}${request.nonce}\n`);
  volunteerForOomKiller();
  const report = (r: RunnerReport): void => {
    writeOut(`${INJECTION_REPORT_MARKER}${request.nonce}\n${stringify(r)}\n`);
  };

  const open = (): Database.Database => {
    const opened = new Database(request.database, { fileMustExist: true });
    // The database's directory is not the student's to write in: no journal file beside it.
    opened.pragma('journal_mode = MEMORY');
    opened.defaultSafeIntegers(false);
    return opened;
  };
  let db = open();
  const tracer = installSqlTracer(db, Database.SqliteError);

  let exported: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(request.module) as unknown;
  } catch (err) {
    report({ kind: 'load-error', message: describeStudentError(err) });
    exit(0);
  }
  writeOut(`${INJECTION_LOADED_MARKER}${request.nonce}\n`);

  if (!request.session) {
    report(await makeCalls(exported, db, request.calls, request.markers ?? [], request.maxResultBytes, tracer));
    try {
      if (db.open) db.close();
    } catch {
      // The student's code may have closed it, or left a statement running: the file is what counts.
    }
    exit(0);
  }

  for (let line = stdinLines(); line !== undefined; line = stdinLines()) {
    if (line.trim() === '') continue;
    const next = parse(line) as InjectionCase;
    // A handle the student's code closed is opened again: each case starts as a fresh test would.
    if (!db.open) db = open();
    const result = await makeCalls(exported, db, next.calls, next.markers, request.maxResultBytes, tracer);
    // What a test's end does to a transaction left open (closing the handle): rolled back.
    try {
      if (db.open && db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // A statement still running keeps it: the harness reads what the file holds.
    }
    report(result);
  }
  exit(0);
}

async function makeCalls(exported: unknown, db: Database.Database, calls: InjectionCallRequest[], markers: string[], maxResultBytes: number, tracer: SqlTracer): Promise<RunnerReport> {
  const outcomes: CallOutcome[] = [];
  const sql: string[][] = [];
  // A promise that never settles leaves nothing in the event loop: keep it alive, so that the
  // harness's clock decides (a time-out) rather than Node ending the process.
  const keepAlive = setInterval(() => undefined, 60_000);
  for (const call of calls) {
    const fn = functionOf(exported, call.fn);
    if (typeof fn !== 'function') {
      outcomes.push({ kind: 'missing', exported: exportedNames(exported) });
      sql.push([]);
      continue;
    }
    const args = call.args.map((a) => ('value' in a ? a.value : undefined));
    tracer.begin();
    let outcome: CallOutcome;
    try {
      outcome = await callOutcome(fn, [db, ...args], maxResultBytes, (err) => tracer.isDatabaseError(err));
    } catch (err) {
      outcome = threw(err);
    }
    const trace = tracer.end();
    outcomes.push(markDatabaseErrorText(outcome, trace.engineErrors));
    sql.push(boundSqlTexts(trace.sql, markers));
  }
  clearInterval(keepAlive);
  return { kind: 'calls', outcomes, sql };
}

/** The function of that name: a property of module.exports, or of its `default`. */
function functionOf(exported: unknown, name: string): unknown {
  for (const holder of [exported, property(exported, 'default')]) {
    const fn = property(holder, name);
    if (typeof fn === 'function') return fn;
  }
  return undefined;
}

function property(value: unknown, key: string): unknown {
  try {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

function exportedNames(exported: unknown): string[] {
  try {
    if ((typeof exported !== 'object' && typeof exported !== 'function') || exported === null) return [];
    return Object.keys(exported).slice(0, 20);
  } catch {
    return [];
  }
}

process.on('uncaughtException', (err) => {
  // A callback of the student's that throws later: the calls' report (if any) is already out.
  process.stderr.write(`${describeStudentError(err)}\n`);
  exit(1);
});

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  writeOut(crashToken);
  exit(INJECTION_CRASH_EXIT);
});
