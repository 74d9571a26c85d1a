import { INJECTION_PAYLOAD_CLASSES, type ExerciseManifest, type TestStatus, type Verdict } from '../../contracts';
import { jsonDifference, render } from '../../common/json-difference';
import type { CallOutcome, JsonValue } from './call-outcome';
import { fingerprintChanges, type DatabaseFingerprint } from './fingerprint';

type InjectionManifest = Extract<ExerciseManifest, { kind: 'injection-prevention' }>;
type InjectionCall = NonNullable<InjectionManifest['tests'][number]['calls']>[number];
type PayloadClass = NonNullable<InjectionManifest['tests'][number]['payload']>['class'];

/** What judging needs of a test: its calls and, for an attack, the payload's class and where it went (a parameter, or a stored field). */
export interface JudgedTest {
  calls: InjectionCall[];
  payload?: { class: PayloadClass; in: string };
}

/**
 * Judging one injection-prevention test by behaviour, never by the source text: each call's
 * outcome and the database afterwards, the student's against the reference solution's. For
 * an attack (a test with a payload), in this order: the data must be unchanged (as the
 * reference leaves it), no secret value may reach the caller, no row may come back that the
 * reference does not return, no SQL error text may reach the caller; then the results must
 * be the reference's. Feedback names the payload's class and the parameter it went in:
 * "a tautology (' OR '1'='1) in username returned 3 rows it should not".
 */
export interface SideResult {
  outcomes: CallOutcome[];
  database: DatabaseFingerprint;
}

/** A judgement in words for each visibility: visible tests get data, name-only the kind of failure, hidden less. */
export interface Judgement {
  status: TestStatus;
  verdict: Verdict;
  visible: string;
  nameOnly: string;
  hidden: string;
  expected?: string;
  actual?: string;
  /**
   * The failure is an SQL injection: an input was seen in the SQL text of a statement (taint, or
   * an attack's payload pasted), never inferred from the outcome alone (a bound LIKE that lets a
   * wildcard through, or SELECT * leaking a hash, is another mistake). Set by the callers that
   * read the SQL (fixed-test.ts, generated/taint.ts); the submission's message counts such tests.
   */
  injection?: true;
}

export const PASSED: Judgement = { status: 'passed', verdict: 'accepted', visible: 'passed', nameOnly: 'passed', hidden: 'passed' };

export interface JudgeContext {
  test: JudgedTest;
  functions: Record<string, string[]>;
  secrets: readonly string[];
  /** The student's module, for messages. */
  module: string;
  /** The database before the calls, when known: tells a change the student's calls made from one they failed to make. */
  initial?: DatabaseFingerprint;
}

/** A judgement of the calls' outcomes and the database, all visibilities at once. */
type Failed = (verdict: Verdict, visible: string, nameOnly: string, hidden: string) => Judgement;

/**
 * The student's side against the reference's on one test: what the module lacks or cannot
 * send back first, then what an attack did (changed the database, leaked a secret, returned
 * extra rows, exposed an SQL error), then each call's outcome, then the database.
 */
export function judge(context: JudgeContext, reference: SideResult, student: SideResult): Judgement {
  const { test } = context;
  const calls = test.calls.map((call) => callLabel(call, context.functions));
  const renderings = { expected: renderSide(calls, reference.outcomes), actual: renderSide(calls, student.outcomes) };
  const failed: Failed = (verdict, visible, nameOnly, hidden) => ({
    status: verdict === 'tests_failed' ? 'failed' : 'error',
    verdict,
    visible,
    nameOnly,
    hidden,
    ...renderings,
  });
  const moduleFailure = moduleFailureOf(context, student, failed);
  if (moduleFailure) return moduleFailure;
  const bindingFailure = bindingFailureOf(calls, reference, student, failed);
  if (bindingFailure) return bindingFailure;

  const attack = test.payload ? `${INJECTION_PAYLOAD_CLASSES[test.payload.class]} in ${test.payload.in}` : undefined;
  const changes = fingerprintChanges(reference.database, student.database);
  // The student's calls changed nothing where the reference's did: a change not made, which no attack caused.
  const untouched = context.initial !== undefined && changes.length > 0 && fingerprintChanges(context.initial, student.database).length === 0;
  const leaked = leakedSecrets(context.secrets, reference.outcomes, student.outcomes);
  const attacked = attack ? attackFailure(attack, { changes: untouched ? [] : changes, leaked, calls }, reference, student, failed) : undefined;
  if (attacked) return attacked;

  if (leaked.length > 0) {
    return failed('tests_failed', `the result holds secret values it must not (${leaked.map(hint).join(', ')}): select only the columns asked for`, 'the result holds secret data it must not', 'the result holds data it must not');
  }
  const callFailure = callFailureOf(attack, calls, reference, student, failed);
  if (callFailure) return callFailure;
  if (untouched) {
    const made = fingerprintChanges(context.initial!, reference.database);
    return failed(
      'tests_failed',
      `after ${calls.join(', then ')} the database is as it was before them, where the calls should change it (${made.join('; ')})`,
      'the calls left the database as it was, where they should change it',
      'the database is not as it should be after the calls',
    );
  }
  if (changes.length > 0) {
    return failed('tests_failed', `after ${calls.join(', then ')} the database is not as it should be: ${changes.join('; ')}`, 'the database is not as it should be after the calls', 'the database is not as it should be after the calls');
  }
  return PASSED;
}

/** A function the module lacks, or a value it cannot send back, whatever the test: nothing about the data in that. */
function moduleFailureOf(context: JudgeContext, student: SideResult, failed: Failed): Judgement | undefined {
  const { test } = context;
  const missingAt = student.outcomes.findIndex((o) => o.kind === 'missing');
  if (missingAt >= 0) {
    const fn = test.calls[missingAt]!.fn;
    const exported = (student.outcomes[missingAt] as Extract<CallOutcome, { kind: 'missing' }>).exported;
    const message = `${context.module} does not export a function ${fn} (it exports ${exported.length > 0 ? exported.join(', ') : 'nothing'}): module.exports = { ${fn}, … }`;
    return failed('runtime_error', message, message, message);
  }
  const unserializableAt = student.outcomes.findIndex((o) => o.kind === 'unserializable');
  if (unserializableAt >= 0) {
    const reason = (student.outcomes[unserializableAt] as Extract<CallOutcome, { kind: 'unserializable' }>).reason;
    const fn = test.calls[unserializableAt]!.fn;
    const verdict: Verdict = /larger than/.test(reason) ? 'output_limit_exceeded' : 'runtime_error';
    return failed(verdict, `${fn} returned a value that cannot be sent back as JSON: ${reason}`, `${fn} returned a value that cannot be sent back as JSON: ${reason}`, `a function returned a value that cannot be sent back as JSON`);
  }
  return undefined;
}

/**
 * better-sqlite3's RangeErrors when the values given to a statement do not fit its placeholders
 * (too many, too few, a named parameter missing): the code's mistake whatever the input, never
 * the input's doing, so not "an attack broke your SQL" (which sends the student to the input).
 */
function bindingFailureOf(calls: string[], reference: SideResult, student: SideResult, failed: Failed): Judgement | undefined {
  for (const [i, call] of calls.entries()) {
    const got = student.outcomes[i]!;
    if (got.kind !== 'threw' || !got.fromDatabase || got.name !== 'RangeError' || !/parameter/i.test(got.message) || reference.outcomes[i]!.kind === 'threw') continue;
    const error = `${got.name}: ${shorten(got.message, 120)}`;
    const why = 'the values given to a statement do not fit its placeholders, whatever the input (as many values as ?, and ?NNN or :name parameters by their numbers and names)';
    return failed('runtime_error', `${call} threw ${error}: ${why}`, `your function threw ${error}: ${why}`, 'your function threw where it should return a result');
  }
  return undefined;
}

/** What an attack did that it must not: changed the database, leaked a secret, returned extra rows, exposed an SQL error. */
function attackFailure(attack: string, seen: { changes: string[]; leaked: string[]; calls: string[] }, reference: SideResult, student: SideResult, failed: Failed): Judgement | undefined {
  const { changes, leaked, calls } = seen;
  if (changes.length > 0) {
    return failed('tests_failed', `${attack} changed the database: ${changes.join('; ')}; pass input as a parameter (?), never as part of the SQL text`, `${attack} changed the database`, 'an input changed the database, which it must not');
  }
  if (leaked.length > 0) {
    return failed(
      'tests_failed',
      `${attack} leaked data it must not: the result holds ${leaked.length === 1 ? 'a secret value' : `${leaked.length} secret values`} of the database (${leaked.map(hint).join(', ')})`,
      `${attack} leaked secret data`,
      'an input made your function return data it must not',
    );
  }
  for (const [i, call] of calls.entries()) {
    const extra = extraRows(reference.outcomes[i]!, student.outcomes[i]!);
    if (extra) return failed('tests_failed', `${attack} ${extra} (${call})`, `${attack} ${extra.replace(/\d+ rows?/, 'rows')}`, 'an input made your function return rows it must not');
  }
  for (const [i, call] of calls.entries()) {
    const exposed = sqlErrorExposed(student.outcomes[i]!);
    if (exposed) {
      return failed(
        'tests_failed',
        `${attack} broke your SQL, and the database's error reached the caller (${exposed}) in ${call}: pass input as a parameter (?), never as part of the SQL text`,
        `${attack} broke your SQL, and the database's error reached the caller`,
        "an input broke your SQL, and the database's error reached the caller",
      );
    }
  }
  return undefined;
}

/** The first call whose outcome differs from the reference's (an error for a result, a result for an error, another result). */
function callFailureOf(attack: string | undefined, calls: string[], reference: SideResult, student: SideResult, failed: Failed): Judgement | undefined {
  for (const [i, call] of calls.entries()) {
    const want = reference.outcomes[i]!;
    const got = student.outcomes[i]!;
    if (want.kind === 'returned' && got.kind === 'threw') {
      const error = `${got.name}: ${got.message}`;
      if (attack) return failed('tests_failed', `${attack} made ${call} throw ${error}; it should return ${render(want.value)}`, `${attack} made your function throw where it should return a result`, 'your function threw where it should return a result');
      return failed('runtime_error', `${call} threw ${error}`, `your function threw ${got.name}${got.fromDatabase ? ' (an SQL error)' : ''}`, 'your function threw an error on this input');
    }
    if (want.kind === 'threw' && got.kind === 'returned') {
      const prefix = attack ? `${attack}: ` : '';
      return failed('tests_failed', `${prefix}${call} returned ${render(got.value)}; it should refuse this input with an error`, `${prefix}your function returned a result where it should refuse the input with an error`, 'your function returned a result where it should refuse the input with an error');
    }
    if (want.kind === 'returned' && got.kind === 'returned') {
      const difference = jsonDifference(want.value, got.value, 'equal', 'the result');
      if (difference) {
        const prefix = attack ? `with ${attack}, ` : '';
        return failed('tests_failed', `${prefix}${call}: ${difference.message}`, `${prefix}your function's result differs from the expected one`, "your function's result differs from the expected one");
      }
    }
    if (want.kind === 'threw' && got.kind === 'threw' && !attack && got.fromDatabase && !want.fromDatabase) {
      return failed('tests_failed', `${call} threw ${got.name}: ${got.message}: refuse the input yourself before it reaches the database`, 'your function let an SQL error reach the caller', 'your function let an SQL error reach the caller');
    }
  }
  return undefined;
}

/** `findUser("alice", "x")`: the call with its arguments in the declared order. */
export function callLabel(call: InjectionCall, functions: Record<string, string[]>): string {
  const parameters = functions[call.fn] ?? [];
  const last = parameters.reduce((at, p, i) => (p in call.args ? i : at), -1);
  const args = parameters.slice(0, last + 1).map((p) => (p in call.args ? render(call.args[p]) : 'undefined'));
  return `${call.fn}(${args.join(', ')})`;
}

/** Each call of a test with what it gave, one per line, for the expected and actual renderings. */
export function renderOutcomes(test: JudgedTest, functions: Record<string, string[]>, outcomes: CallOutcome[]): string {
  return renderSide(test.calls.map((call) => callLabel(call, functions)), outcomes);
}

function renderSide(calls: string[], outcomes: CallOutcome[]): string {
  const lines = calls.map((call, i) => {
    const o = outcomes[i];
    if (!o) return `${call}: not called`;
    switch (o.kind) {
      case 'returned':
        return `${call} returned ${pretty(o.value)}`;
      case 'threw':
        return `${call} threw ${o.name}: ${o.message}`;
      case 'missing':
        return `${call}: no such function`;
      case 'unserializable':
        return `${call} returned a value that is not JSON (${o.reason})`;
    }
  });
  const text = lines.join('\n');
  return text.length > 3000 ? `${text.slice(0, 2999)}…` : text;
}

function pretty(value: JsonValue): string {
  const text = JSON.stringify(value, null, 2);
  return text.length > 1200 ? `${text.slice(0, 1199)}…` : text;
}

/** A phrase when the student's call returned rows the reference's did not, else undefined. */
function extraRows(want: CallOutcome, got: CallOutcome): string | undefined {
  if (got.kind !== 'returned') return undefined;
  const rows = (o: CallOutcome): number | undefined => {
    // A reference that refuses the input (throws) is another kind of difference, said later.
    if (o.kind !== 'returned') return undefined;
    if (Array.isArray(o.value)) return o.value.length;
    return o.value === null ? 0 : 1;
  };
  const expected = rows(want);
  const actual = rows(got);
  if (expected === undefined || actual === undefined || actual <= expected) return undefined;
  if (!Array.isArray(got.value)) return 'returned a row where it should return nothing';
  const n = actual - expected;
  return `returned ${n} ${n === 1 ? 'row' : 'rows'} it should not`;
}

/**
 * The error, shortened, when the call let the database's error reach the caller; else undefined.
 * Only errors the database raised count (the runner marks them: their class, or the very words
 * of an error raised during the call), never the code's own messages, whatever they say.
 */
function sqlErrorExposed(got: CallOutcome): string | undefined {
  if (got.kind === 'threw' && got.fromDatabase) return `${got.name}: ${shorten(got.message, 120)}`;
  if (got.kind === 'returned' && got.databaseError !== undefined) return `"${shorten(got.databaseError, 120)}" in the result`;
  return undefined;
}

/** Secrets present in the student's outcomes and absent from the reference's. */
function leakedSecrets(secrets: readonly string[], reference: CallOutcome[], student: CallOutcome[]): string[] {
  const texts = (outcomes: CallOutcome[]): string[] =>
    outcomes.flatMap((o) => (o.kind === 'returned' ? stringsOf(o.value) : o.kind === 'threw' ? [o.message] : []));
  const studentTexts = texts(student);
  const referenceTexts = texts(reference);
  return secrets.filter((secret) => studentTexts.some((t) => t.includes(secret)) && !referenceTexts.some((t) => t.includes(secret)));
}

function stringsOf(value: JsonValue): string[] {
  const out: string[] = [];
  const stack: JsonValue[] = [value];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number') out.push(String(v));
    else if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        out.push(k);
        stack.push(item);
      }
    }
  }
  return out;
}

/** The start of a secret, enough to recognise it: '5f4dcc3b…'. */
function hint(secret: string): string {
  return `'${secret.length > 8 ? `${secret.slice(0, 8)}…` : secret}'`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
