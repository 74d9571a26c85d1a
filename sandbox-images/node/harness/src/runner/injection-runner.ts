/**
 * Student side of the injection-prevention kind: runs as the student's uid, one process per
 * test. Reads the request on stdin (before any of the student's code runs), opens the test's
 * database with better-sqlite3, loads the student's module, calls its functions in order with
 * the test's arguments (the Database first), and reports each call's outcome, framed by the
 * request's nonce, as its last output. The database file itself is read by the harness
 * afterwards: what the calls did to the data is measured where the student's code cannot reach.
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { callOutcome, threw, type CallOutcome, type RunnerReport } from '../injection/call-outcome';
import { INJECTION_LOADED_MARKER, INJECTION_REPORT_MARKER, type InjectionRequest } from '../injection/runner-protocol';
import { volunteerForOomKiller } from '../process/oom-volunteer';
import { describeStudentError } from '../rest/student-error';

// Taken before the student's code can replace them.
const stringify = JSON.stringify;
const writeOut = process.stdout.write.bind(process.stdout);
const exit = process.exit.bind(process);

async function main(): Promise<void> {
  const request = JSON.parse(readFileSync(0, 'utf8')) as InjectionRequest;
  volunteerForOomKiller();
  const report = (r: RunnerReport): void => {
    writeOut(`${INJECTION_REPORT_MARKER}${request.nonce}\n${stringify(r)}\n`);
  };

  const db = new Database(request.database, { fileMustExist: true });
  // The database's directory is not the student's to write in: no journal file beside it.
  db.pragma('journal_mode = MEMORY');
  db.defaultSafeIntegers(false);

  let exported: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(request.module) as unknown;
  } catch (err) {
    report({ kind: 'load-error', message: describeStudentError(err) });
    exit(0);
  }
  writeOut(`${INJECTION_LOADED_MARKER}${request.nonce}\n`);

  const outcomes: CallOutcome[] = [];
  for (const call of request.calls) {
    const fn = functionOf(exported, call.fn);
    if (typeof fn !== 'function') {
      outcomes.push({ kind: 'missing', exported: exportedNames(exported) });
      continue;
    }
    const args = call.args.map((a) => ('value' in a ? a.value : undefined));
    try {
      outcomes.push(await callOutcome(fn, [db, ...args], request.maxResultBytes));
    } catch (err) {
      outcomes.push(threw(err));
    }
  }
  try {
    if (db.open) db.close();
  } catch {
    // The student's code may have closed it, or left a statement running: the file is what counts.
  }
  report({ kind: 'calls', outcomes });
  exit(0);
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
  exit(70);
});
