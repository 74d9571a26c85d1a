import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { INJECTION_PAYLOAD_CLASSES, LIMITS, type ExerciseManifest } from '../../../contracts';
import { searchCounterexample, seedOf } from '../../../common/generated/search';
import { ExerciseDefect } from '../../../common/exercise-defect';
import { callOutcome, markDatabaseErrorText, type CallOutcome } from '../call-outcome';
import { fingerprint, UnreadableDatabase, type DatabaseFingerprint } from '../fingerprint';
import { callLabel, judge, PASSED, renderOutcomes, type Judgement, type JudgedTest } from '../judge';
import { everywhere } from '../runner-outcome';
import type { InjectionCallRequest, InjectionCase } from '../runner-protocol';
import type { SqlTracer } from '../sql-trace';
import { canonicalCases, caseArbitrary, CLASS_ORDER, targetKey, targetsOf, type ArgValue, type BatteryContext, type GeneratedCase } from './battery';
import { holdsMarker, markerIndex } from '../taint-forms';
import { TAINT_FIX, withHint } from './hints';
import type { StudentSide } from './student-side';

type InjectionPreventionManifest = Extract<ExerciseManifest, { kind: 'injection-prevention' }>;
type InjectionTest = InjectionPreventionManifest['tests'][number];
type Generated = NonNullable<InjectionTest['generated']>;

/**
 * A generated check of the injection-prevention kind: every attacked parameter meets every
 * class of the battery (battery.ts), each input run by the reference solution (here, traced)
 * and by the student's module (StudentSide) on identical fresh databases, and compared as a
 * fixed test is (judge.ts), plus taint: the check's marker, which every payload that could be
 * pasted carries, must never appear in the SQL text of a statement the student's code
 * prepared. The search (generated/search.ts) goes target by target, each (function,
 * parameter, class) or stored field with its own seed and its share of the runs, and stops at
 * the first counterexample, shrunk to the smallest input that still shows the difference.
 */
export interface GeneratedCheck {
  slug: string;
  test: InjectionTest & { generated: Generated };
  manifest: InjectionPreventionManifest;
  reference: Record<string, unknown>;
  /** The exercise's database, built once. */
  baseDatabase: string;
  /** A private directory (root, 0700) for the reference's copies. */
  workDir: string;
  student: StudentSide;
  /** The harness's tracer, installed on its better-sqlite3. */
  tracer: SqlTracer;
  /** Time the search may take, milliseconds (the test's timeMs, or less when the sandbox's time is short). */
  budgetMs: number;
}

export interface CheckOutcome {
  judgement: Judgement;
  /** Inputs tried. */
  runs: number;
  /** The module did not load: every test fails alike. */
  loadFailed?: boolean;
  counterexample?: GeneratedCase;
}

interface Difference {
  judgement: Judgement;
}

/**
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

interface SearchState {
  stop?: StopSearch;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** Drawn inputs each (function, parameter, class) gets at least, after its canonical ones, whatever `runs` says. */
const MIN_RUNS_PER_TARGET = 2;

export async function runGeneratedCheck(check: GeneratedCheck): Promise<CheckOutcome> {
  const started = performance.now();
  const { generated } = check.test;
  const context = await prepareContext(check);
  const attackEverything = generated.attack === undefined;
  const attack = generated.attack ?? check.manifest.injection.functions;
  const classes = generated.classes ?? CLASS_ORDER;
  const targets = targetsOf(attack, classes, attackEverything ? context.tables : undefined);
  const runs = generated.runs ?? LIMITS.generated.runs;
  const perTarget = Math.max(MIN_RUNS_PER_TARGET, Math.ceil(runs / Math.max(1, targets.length)));
  const deadline = started + check.budgetMs;

  let tried = 0;
  const state: SearchState = {};
  try {
    for (const target of targets) {
      const left = deadline - performance.now();
      if (left <= 0) return { judgement: outOfTime(check, tried), runs: tried };
      const differs = async (c: GeneratedCase): Promise<Difference | undefined> => {
        // Once stopped, the search's remaining runs cost nothing.
        if (state.stop) throw state.stop;
        try {
          return await compare(check, context, c);
        } catch (err) {
          if (err instanceof StopSearch) state.stop = err;
          throw err;
        }
      };
      // The target's canonical inputs first: already minimal, nothing to shrink.
      for (const c of canonicalCases(target, context)) {
        tried += 1;
        const difference = await differs(c);
        if (difference) {
          const found = `[a generated counterexample, one of the smallest of its kind; ${tried} ${tried === 1 ? 'input' : 'inputs'} tried]`;
          return { judgement: { ...difference.judgement, visible: `${difference.judgement.visible} ${found}` }, runs: tried, counterexample: c };
        }
      }
      const outcome = await searchCounterexample(caseArbitrary(target, context), differs, {
        seed: seedOf(check.slug, check.test.name, targetKey(target)),
        runs: perTarget,
        timeMs: Math.ceil(left),
      });
      tried += outcome.runs;
      if (outcome.kind === 'counterexample') {
        const { judgement } = outcome.difference;
        const found = `[a generated counterexample, shrunk to the smallest; ${tried} ${tried === 1 ? 'input' : 'inputs'} tried]`;
        return { judgement: { ...judgement, visible: `${judgement.visible} ${found}` }, runs: tried, counterexample: outcome.input };
      }
      if (outcome.runs < perTarget) return { judgement: outOfTime(check, tried), runs: tried };
    }
  } catch (err) {
    if (err instanceof StopSearch) {
      const found = err.input ? ` [a generated input; not shrunk: each try could take ${seconds(check.manifest.limits.testTimeMs)}]` : '';
      return { judgement: { ...err.judgement, visible: `${err.judgement.visible}${found}` }, runs: tried + 1, loadFailed: err.loadFailed, ...(err.input && { counterexample: err.input }) };
    }
    throw err;
  }
  return { judgement: PASSED, runs: tried };
}

function outOfTime(check: GeneratedCheck, tried: number): Judgement {
  const s = Math.round(check.budgetMs / 100) / 10;
  return everywhere('time_limit_exceeded', `your functions were too slow for the generated check: ${tried} inputs in ${s} s, before every class of input had been tried`);
}

interface Context extends BatteryContext {
  secrets: string[];
}

/**
 * What the grammars build with: ordinary values (the tests' own, those the reference accepts),
 * the database's short texts, tables and columns, each function's row width, and the marker.
 */
export async function prepareContext(check: GeneratedCheck): Promise<Context> {
  const { functions, secrets } = check.manifest.injection;
  const ordinaryCalls = new Map<string, { fn: string; args: Record<string, ArgValue> }>();
  for (const test of check.manifest.tests) {
    if (test.payload || !test.calls || test.setup !== undefined) continue;
    for (const call of test.calls) ordinaryCalls.set(JSON.stringify([call.fn, call.args]), { fn: call.fn, args: call.args });
  }
  const accepted: Array<{ fn: string; args: Record<string, ArgValue>; value: unknown }> = [];
  for (const call of ordinaryCalls.values()) {
    const fn = check.reference[call.fn];
    if (typeof fn !== 'function') continue;
    const copy = path.join(check.workDir, 'probe.sqlite');
    copyFileSync(check.baseDatabase, copy);
    const probe = new Database(copy, { fileMustExist: true });
    probe.defaultSafeIntegers(false);
    try {
      const value = await (fn as (...a: unknown[]) => unknown)(probe, ...(functions[call.fn] ?? []).map((p) => call.args[p]));
      accepted.push({ ...call, value });
    } catch {
      // Refused by the reference: no ordinary value to build attacks around.
    } finally {
      probe.close();
    }
  }

  const ordinary: Record<string, Array<ArgValue | undefined>> = {};
  const add = (param: string, value: ArgValue | undefined): void => {
    const list = (ordinary[param] ??= []);
    if (!list.some((v) => v === value)) list.push(value);
  };
  for (const call of accepted) for (const p of functions[call.fn] ?? []) add(p, call.args[p]);
  for (const [p, values] of Object.entries(check.test.generated.values ?? {})) ordinary[p] = [...values];

  const arity: Record<string, number | undefined> = {};
  for (const call of accepted) {
    if (arity[call.fn] !== undefined) continue;
    const row = Array.isArray(call.value) ? call.value[0] : call.value;
    if (row !== null && typeof row === 'object' && !Array.isArray(row)) arity[call.fn] = Object.keys(row).length;
  }

  const { tables, texts } = readDatabase(check.baseDatabase, secrets);
  return { marker: markerOf(check.slug, check.test.name), functions, ordinary, texts, tables, arity, secrets };
}

/** The check's taint marker: letters only (so no escaping splits it), from its seed: `zq` and eight consonants. */
export function markerOf(slug: string, testName: string): string {
  const letters = 'bcdfghjkmnpqrstvwxz';
  let seed = seedOf(slug, testName, 'taint marker') >>> 0;
  let marker = 'zq';
  for (let i = 0; i < 8; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    marker += letters[(seed >>> 16) % letters.length];
  }
  return marker;
}

function readDatabase(file: string, secrets: readonly string[]): { tables: BatteryContext['tables']; texts: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").pluck().all() as string[];
    const tables: BatteryContext['tables'] = [];
    const texts = new Set<string>();
    for (const name of names) {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      const columns = db.prepare(`PRAGMA table_info(${quoted})`).all() as Array<{ name: string; type: string }>;
      const textColumns = columns.filter((c) => /CHAR|CLOB|TEXT/i.test(c.type)).map((c) => c.name);
      const perColumn: Record<string, string[]> = {};
      tables.push({ name, columns: columns.map((c) => c.name), textColumns, texts: perColumn });
      for (const column of textColumns) {
        const values = db.prepare(`SELECT DISTINCT "${column.replace(/"/g, '""')}" FROM ${quoted} LIMIT 50`).pluck().all() as unknown[];
        const own = (perColumn[column] = [] as string[]);
        for (const v of values) {
          if (typeof v !== 'string' || v.length === 0 || v.length > 30 || /[\u0000-\u001f\u007f]/.test(v)) continue;
          if (secrets.some((s) => v.includes(s) || s.includes(v))) continue;
          texts.add(v);
          own.push(v);
        }
      }
    }
    return { tables, texts: [...texts].slice(0, 30) };
  } finally {
    db.close();
  }
}

interface Side {
  outcomes: CallOutcome[];
  sql: string[][];
  database: DatabaseFingerprint;
}

/** Runs one case on both sides; a Difference when they differ (or the student's code pasted the input). */
async function compare(check: GeneratedCheck, context: Context, c: GeneratedCase): Promise<Difference | undefined> {
  const test = judgedTest(c);
  const ran = await runBoth(check, context, c);
  if (ran.kind === 'failed') {
    const judgement = decorate(ran.judgement, check, c, test, ran.reference.outcomes, ran.student?.outcomes);
    if (judgement.verdict === 'time_limit_exceeded') throw new StopSearch(judgement, false, c);
    return { judgement };
  }
  const { reference, student } = ran;
  const { functions, secrets, module } = check.manifest.injection;
  const judged = judge({ test, functions, secrets, module }, reference, student);
  const taint = taintOf(context.marker, reference.sql, student.sql);
  if (taint) return { judgement: decorate(taintJudgement(check, c, test, taint, judged), check, c, test, reference.outcomes, student.outcomes) };
  if (judged.status === 'passed') return undefined;
  // Any difference fails, whatever the class: code that answers every call alike (a login for
  // anyone, every row changed) differs on the ordinary value as on the payload, and excusing a
  // difference the payload-free calls show too let exactly such code pass every generated check.
  return { judgement: decorate(withHint(judged, c), check, c, test, reference.outcomes, student.outcomes) };
}

type BothSides = { kind: 'ran'; reference: Side; student: Side } | { kind: 'failed'; judgement: Judgement; reference: Side; student?: { outcomes: CallOutcome[] } };

async function runBoth(check: GeneratedCheck, context: Context, c: GeneratedCase): Promise<BothSides> {
  const initial = initialState(check, c);
  const reference = await referenceSide(check, c, initial);
  const request: InjectionCase = {
    calls: c.calls.map((call) => ({
      fn: call.fn,
      args: (check.manifest.injection.functions[call.fn] ?? []).map((p): InjectionCallRequest['args'][number] => (p in call.args ? { value: call.args[p] } : {})),
    })),
    markers: [context.marker],
  };
  const run = await check.student.run(initial, request);
  if (run.kind === 'fatal') throw new StopSearch(run.judgement, run.loadFailed);
  if (run.kind === 'failed') return { kind: 'failed', judgement: run.judgement, reference };
  try {
    return { kind: 'ran', reference, student: { outcomes: run.outcomes, sql: run.sql, database: fingerprint(run.database) } };
  } catch (err) {
    if (!(err instanceof UnreadableDatabase)) throw err;
    return { kind: 'failed', judgement: everywhere('tests_failed', `after your functions ran, the database file is no longer a database (${err.message})`), reference, student: run };
  }
}

function judgedTest(c: GeneratedCase): JudgedTest {
  const where = c.target.kind === 'parameter' ? c.target.param : `${c.target.table}.${c.target.column}`;
  return { calls: c.calls, payload: { class: c.target.class, in: where } };
}

/** The case's starting database: the exercise's, or a copy with the payload stored in a field. */
function initialState(check: GeneratedCheck, c: GeneratedCase): string {
  if (!c.store) return check.baseDatabase;
  const file = path.join(check.workDir, 'initial.sqlite');
  copyFileSync(check.baseDatabase, file);
  const db = new Database(file, { fileMustExist: true });
  try {
    const table = `"${c.store.table.replace(/"/g, '""')}"`;
    const column = `"${c.store.column.replace(/"/g, '""')}"`;
    try {
      db.prepare(`UPDATE ${table} SET ${column} = ?`).run(c.payload);
    } catch {
      // A UNIQUE column: each row its own copy, told apart by its rowid in front.
      db.prepare(`UPDATE ${table} SET ${column} = rowid || ?`).run(c.payload);
    }
  } catch (err) {
    throw new ExerciseDefect(`the generated check ${JSON.stringify(check.test.name)} could not store a value in ${c.store.table}.${c.store.column}: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  return file;
}

async function referenceSide(check: GeneratedCheck, c: GeneratedCase, initial: string): Promise<Side> {
  const file = path.join(check.workDir, 'reference.sqlite');
  copyFileSync(initial, file);
  const db = new Database(file, { fileMustExist: true });
  db.defaultSafeIntegers(false);
  const outcomes: CallOutcome[] = [];
  const sql: string[][] = [];
  try {
    for (const call of c.calls) {
      const fn = check.reference[call.fn];
      if (typeof fn !== 'function') throw new ExerciseDefect(`the reference solution does not export ${call.fn}`);
      const args = (check.manifest.injection.functions[call.fn] ?? []).map((p) => call.args[p]);
      check.tracer.begin();
      const outcome = await callOutcome(fn, [db, ...args], LIMITS.exercise.callResultBytes, (err) => check.tracer.isDatabaseError(err));
      const trace = check.tracer.end();
      if (outcome.kind === 'unserializable') throw new ExerciseDefect(`the reference solution returned a value that is not JSON in the generated check ${JSON.stringify(check.test.name)}`);
      outcomes.push(markDatabaseErrorText(outcome, trace.engineErrors));
      sql.push(trace.sql);
    }
  } finally {
    db.close();
  }
  return { outcomes, sql, database: fingerprint(file) };
}

interface Taint {
  call: number;
  text: string;
}

/** The first statement of the student's whose text holds the marker (ignoring case, or encoded), where the reference's calls never held it. */
export function taintOf(marker: string, reference: string[][], student: string[][]): Taint | undefined {
  // The marker as it is, or hex, char(…) or joined with || (taint-forms.ts): each is the input pasted.
  const holds = (text: string): boolean => holdsMarker(text, marker);
  if (reference.some((texts) => texts.some(holds))) return undefined;
  for (const [call, texts] of student.entries()) {
    const text = texts.find(holds);
    if (text !== undefined) return { call, text };
  }
  return undefined;
}

function taintJudgement(check: GeneratedCheck, c: GeneratedCase, test: JudgedTest, taint: Taint, judged: Judgement): Judgement {
  const { functions } = check.manifest.injection;
  const call = test.calls[taint.call]!;
  const what =
    c.target.kind === 'field'
      ? `the value stored in ${c.target.table}.${c.target.column}`
      : c.target.class === 'second-order' && taint.call > 0
        ? `the value given to ${c.target.fn} as ${c.target.param}, stored and read back,`
        : `the value of ${c.target.param}`;
  const phrase = `${INJECTION_PAYLOAD_CLASSES[c.target.class]} in ${test.payload!.in}`;
  const fix = TAINT_FIX;
  const consequence = judged.status === 'passed' ? '' : `; and with this input, ${judged.visible.replace(/[:;] pass input as a parameter \(\?\), never as part of the SQL text$/, '')}`;
  return {
    status: 'failed',
    verdict: 'tests_failed',
    visible: `${callLabel(call, functions)} put ${what} into the SQL text of a statement (${excerpt(taint.text, check)}): ${fix}${consequence}`,
    nameOnly: `${phrase}: your code put it into the SQL text of a statement; ${fix}`,
    hidden: 'an input went into the SQL text of a statement',
  };
}

/** The statement around the marker, short. */
function excerpt(text: string, check: GeneratedCheck): string {
  const marker = markerOf(check.slug, check.test.name);
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= 160) return flat;
  const at = Math.max(0, markerIndex(flat, [marker]));
  const start = Math.max(0, at - 80);
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + 160)}…`;
}

/** The counterexample's feedback by visibility: visible the input (and what was stored first) with both sides' outcomes. */
function decorate(judgement: Judgement, check: GeneratedCheck, c: GeneratedCase, test: JudgedTest, expected: CallOutcome[], actual: CallOutcome[] | undefined): Judgement {
  const { functions } = check.manifest.injection;
  const stored = c.store ? `stored first in every row: ${c.store.table}.${c.store.column} = ${JSON.stringify(c.payload)}\n` : '';
  const calls = test.calls.map((call) => callLabel(call, functions)).join(', then ');
  const visible = judgement.visible.includes(callLabel(test.calls[0]!, functions)) ? judgement.visible : `${calls}: ${judgement.visible}`;
  return {
    ...judgement,
    visible: `${stored ? `with ${c.store!.table}.${c.store!.column} = ${JSON.stringify(c.payload)} stored first, ` : ''}${visible}`,
    nameOnly: `${judgement.nameOnly} [a generated input]`,
    expected: `${stored}${judgement.expected ?? renderOutcomes(test, functions, expected)}`,
    actual: `${stored}${actual ? judgement.actual ?? renderOutcomes(test, functions, actual) : judgement.visible}`,
  };
}
