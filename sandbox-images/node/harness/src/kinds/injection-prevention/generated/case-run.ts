import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ExerciseDefect } from '../../../common/exercise-defect';
import type { CallOutcome } from '../call-outcome';
import { checkedReferenceRun } from '../reference';
import { fingerprint, UnreadableDatabase, type DatabaseFingerprint } from '../fingerprint';
import { judge, type Judgement, type JudgedTest } from '../judge';
import { everywhere } from '../runner-outcome';
import type { InjectionCallRequest, InjectionCase } from '../runner-protocol';
import type { GeneratedCase } from './battery';
import type { GeneratedCheck } from './check';
import type { Context } from './context';
import { withHint } from './hints';
import { decorate, taintJudgement, taintMarkers, taintOf } from './taint';

/** One input of a generated check run on both sides, the reference's here and the student's in its session, and judged. */

export interface Difference {
  judgement: Judgement;
}

export /**
 * Thrown out of the search when searching further would say nothing new: every input would fail
 * alike (the module does not load), or an input ran out of time (`input`): shrinking a time-out
 * would cost the test's time at each try, and how far it got would depend on the machine's
 * speed; the first input that runs out of time is reported as it is, the same on every grading.
 */
class StopSearch extends Error {
  constructor(
    readonly judgement: Judgement,
    readonly loadFailed: boolean,
    readonly input?: GeneratedCase,
  ) {
    super('stop');
  }
}

export interface Side {
  outcomes: CallOutcome[];
  sql: string[][];
  database: DatabaseFingerprint;
}

/**
 * Runs one case on both sides; a Difference when they differ (or the student's code pasted the
 * input). `ordinary`: the case holds ordinary values only (baseline.ts), judged as a fixed test
 * of ordinary input is, with no attack named and no taint looked for.
 */
export async function compare(check: GeneratedCheck, context: Context, c: GeneratedCase, ordinary = false): Promise<Difference | undefined> {
  const test = ordinary ? { calls: c.calls } : judgedTest(c);
  const ran = await runBoth(check, context, c);
  if (ran.kind === 'failed') {
    const judgement = decorate(ran.judgement, check, c, test, ran.reference.outcomes, ran.student?.outcomes);
    if (judgement.verdict === 'time_limit_exceeded') throw new StopSearch(judgement, false, c);
    return { judgement };
  }
  const { reference, student, initial } = ran;
  const { functions, secrets, module } = check.manifest.injection;
  const judged = judge({ test, functions, secrets, module, initial }, reference, student);
  const taint = ordinary ? undefined : taintOf(taintMarkers(context, c), reference.sql, student.sql);
  if (taint) return { judgement: decorate(taintJudgement(check, c, test, taint, judged), check, c, test, reference.outcomes, student.outcomes) };
  if (judged.status === 'passed') return undefined;
  // Any difference fails, whatever the class: code that answers every call alike (a login for
  // anyone, every row changed) differs on the ordinary value as on the payload, and excusing a
  // difference the payload-free calls show too let exactly such code pass every generated check.
  return { judgement: decorate(ordinary ? judged : withHint(judged, c), check, c, test, reference.outcomes, student.outcomes) };
}

type BothSides = { kind: 'ran'; reference: Side; student: Side; initial: DatabaseFingerprint } | { kind: 'failed'; judgement: Judgement; reference: Side; student?: { outcomes: CallOutcome[] } };

async function runBoth(check: GeneratedCheck, context: Context, c: GeneratedCase): Promise<BothSides> {
  const initial = initialState(check, c);
  const request: InjectionCase = {
    calls: c.calls.map((call) => ({
      fn: call.fn,
      args: (check.manifest.injection.functions[call.fn] ?? []).map((p): InjectionCallRequest['args'][number] => (p in call.args ? { value: call.args[p] } : {})),
    })),
    markers: taintMarkers(context, c).map((m) => m.marker),
  };
  const reference = await referenceSide(check, request, initial);
  const run = await check.student.run(initial, request);
  if (run.kind === 'fatal') throw new StopSearch(run.judgement, run.loadFailed);
  if (run.kind === 'failed') return { kind: 'failed', judgement: run.judgement, reference };
  try {
    return { kind: 'ran', reference, student: { outcomes: run.outcomes, sql: run.sql, database: fingerprint(run.database) }, initial: initialFingerprint(check, c, initial) };
  } catch (err) {
    if (!(err instanceof UnreadableDatabase)) throw err;
    return { kind: 'failed', judgement: everywhere('tests_failed', `after your functions ran, the database file is no longer a database (${err.message})`), reference, student: run };
  }
}

/** The exercise's database, fingerprinted once per check; a copy with a stored payload, each time. */
const baseFingerprints = new WeakMap<GeneratedCheck, DatabaseFingerprint>();
function initialFingerprint(check: GeneratedCheck, c: GeneratedCase, file: string): DatabaseFingerprint {
  if (c.store || c.renumber) return fingerprint(file);
  let known = baseFingerprints.get(check);
  if (!known) baseFingerprints.set(check, (known = fingerprint(file)));
  return known;
}

function judgedTest(c: GeneratedCase): JudgedTest {
  const where = c.target.kind === 'parameter' ? c.target.param : `${c.target.table}.${c.target.column}`;
  return { calls: c.calls, payload: { class: c.target.class, in: where } };
}

/** The case's starting database: the exercise's, or a copy with rows renumbered and the payload stored in a field. */
function initialState(check: GeneratedCheck, c: GeneratedCase): string {
  if (!c.store && !c.renumber) return check.baseDatabase;
  const file = path.join(check.workDir, 'initial.sqlite');
  copyFileSync(check.baseDatabase, file);
  const db = new Database(file, { fileMustExist: true });
  const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
  let doing = '';
  try {
    for (const { table, column } of c.renumber?.tables ?? []) {
      doing = `renumber ${table}.${column}`;
      db.prepare(`UPDATE ${ident(table)} SET ${ident(column)} = ? WHERE ${ident(column)} = ?`).run(c.renumber!.to, c.renumber!.from);
    }
    if (c.store) {
      doing = `store a value in ${c.store.table}.${c.store.column}`;
      const [table, column] = [ident(c.store.table), ident(c.store.column)];
      try {
        db.prepare(`UPDATE ${table} SET ${column} = ?`).run(c.payload);
      } catch {
        // A UNIQUE column: each row its own copy, told apart by its rowid in front.
        db.prepare(`UPDATE ${table} SET ${column} = rowid || ?`).run(c.payload);
      }
    }
  } catch (err) {
    throw new ExerciseDefect(`the generated check ${JSON.stringify(check.test.name)} could not ${doing}: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  return file;
}

async function referenceSide(check: GeneratedCheck, request: InjectionCase, initial: string): Promise<Side> {
  const file = path.join(check.workDir, 'reference.sqlite');
  copyFileSync(initial, file);
  const ran = await check.reference.run(file, request.calls, request.markers);
  const { outcomes, sql } = checkedReferenceRun(ran, request.calls, `in the generated check ${JSON.stringify(check.test.name)}`);
  return { outcomes, sql, database: fingerprint(file) };
}
