import fc from 'fast-check';
import type { InjectionPayloadClass } from '../../../contracts';
import { grammar, numeric } from './grammars';
import { CANONICAL_INHERITED_NAMES } from '../../../common/generated/inherited-names';
import { canonicalNearMisses, canonicalVariants, inheritedNameArbitrary, nearMissArbitrary, ordinaryVariantArbitrary } from './variants';

/**
 * The generated battery of the injection-prevention kind: one payload grammar per class of
 * attack, as fast-check arbitraries, and the cases a generated check runs (an attacked call,
 * or a value stored in the database and read back). Pure: the check (check.ts) runs the cases.
 *
 * Grammars vary what a filter might look for (the letter case of keywords, the spacing:
 * `' oR` with a comment for a space, tabs, newlines) and build around what the exercise gives (ordinary values
 * of the parameter, short texts of the database, its tables and columns, the number of
 * columns a function's rows have, for a UNION SELECT of the right arity). Every payload that
 * could be pasted into SQL carries the check's taint marker, so that pasting shows even when
 * the payload happens to do no harm; wildcard payloads carry none (they must match real data).
 * Shrinking leads to the canonical form: upper-case keywords, single spaces, the first
 * ordinary value, the first table.
 */

export type ArgValue = string | number | boolean | null;

/** What the grammars build with; the check reads it from the exercise and the reference. */
export interface BatteryContext {
  /** The taint marker: lower-case letters, in no SQL text unless an input was pasted into it. */
  marker: string;
  /** The numeric taint marker (context.ts): nine digits, given to parameters whose ordinary value is a whole number. */
  numericMarker: string;
  /** Declared functions: name → parameters after db. */
  functions: Record<string, string[]>;
  /** Ordinary values of each parameter (undefined: the argument left out), first the most typical. */
  ordinary: Record<string, Array<ArgValue | undefined>>;
  /** Short texts of the database (no secrets), to build payloads around (`admin'--`). */
  texts: string[];
  /** The database's tables, their columns and their text columns (with their short texts, when read). */
  tables: Array<{ name: string; columns: string[]; textColumns: string[]; texts?: Record<string, string[]>; integerKey?: string }>;
  /** The number of columns of a function's result rows, when the reference returns rows. */
  arity: Record<string, number | undefined>;
}

/** Where one search attacks: a parameter of a function with a class of payload, or a stored field (second-order). */
export type Target =
  | { kind: 'parameter'; fn: string; param: string; class: InjectionPayloadClass }
  | { kind: 'field'; table: string; column: string; class: FieldClass };

/** The classes that store a value in a field of every row before the calls. */
export type FieldClass = 'second-order' | 'ordinary-variant';
const FIELD_CLASSES: readonly FieldClass[] = ['second-order', 'ordinary-variant'];

export interface GeneratedCall {
  fn: string;
  /** By parameter name; a parameter absent is passed as undefined. */
  args: Record<string, ArgValue>;
}

/** One input of a generated check: the calls, in order, on a fresh database (with the payload stored first, for a field). */
export interface GeneratedCase {
  target: Target;
  payload: string;
  calls: GeneratedCall[];
  /** The payload written into this field of every row before the calls. */
  store?: { table: string; column: string };
  /**
   * Rows renumbered before the calls: in each table, the row whose integer key is `from` gets
   * the key `to` (the numeric marker), so that a call with the marker finds a row, and code that
   * pastes an id only after finding its row shows it.
   */
  renumber?: { tables: Array<{ table: string; column: string }>; from: number; to: number };
}

/** The order classes are tried in, per parameter: a plain word first, so pasting is named before what it lets through. */
export const CLASS_ORDER: readonly InjectionPayloadClass[] = [
  'plain-text',
  'tautology',
  'union-select',
  'stacked-query',
  'comment-truncation',
  'blind-boolean',
  'quote',
  'control-character',
  'like-wildcard',
  'glob-wildcard',
  'order-by',
  'second-order',
  // Last: they attack no SQL, and code that pastes input is better told so by the classes above.
  'inherited-name',
  'ordinary-variant',
];

/**
 * Every target of a check, in the order they are searched: each attacked parameter with each
 * class, then (second-order, when every parameter is attacked) each text column of each table.
 */
export function targetsOf(attack: Record<string, string[]>, classes: readonly InjectionPayloadClass[], fields: BatteryContext['tables'] | undefined): Target[] {
  const ordered = CLASS_ORDER.filter((c) => classes.includes(c));
  const targets: Target[] = [];
  for (const [fn, params] of Object.entries(attack)) {
    for (const param of params) for (const c of ordered) targets.push({ kind: 'parameter', fn, param, class: c });
  }
  for (const c of FIELD_CLASSES) {
    if (!fields || !classes.includes(c)) continue;
    for (const table of fields) for (const column of table.textColumns) targets.push({ kind: 'field', table: table.name, column, class: c });
  }
  return targets;
}

/** A stable name of a target, for seeds and messages: `findUser.username/tautology`, `users.email/second-order`. */
export function targetKey(target: Target): string {
  return target.kind === 'parameter' ? `${target.fn}.${target.param}/${target.class}` : `${target.table}.${target.column}/${target.class}`;
}

/** The cases of one target. */
export function caseArbitrary(target: Target, ctx: BatteryContext): fc.Arbitrary<GeneratedCase> {
  const readBack = everyFunctionOnce(ctx);
  if (target.kind === 'field') {
    const stored = target.class === 'ordinary-variant' ? ordinaryVariantArbitrary(columnTexts(target, ctx), ctx.texts) : storedPayload(undefined, ctx);
    return fc.tuple(stored, readBack).map(([payload, calls]) => ({ target, payload, calls, store: { table: target.table, column: target.column } }));
  }
  const others = ordinaryArgs(target.fn, ctx);
  if (target.class === 'second-order' || target.class === 'ordinary-variant') {
    // Stored through the attacked function (a variant: maybe another row's value in other letter case), then read back by every function.
    return fc.tuple(payloadArbitrary(target.class, target.param, target.fn, ctx), others, readBack).map(([payload, args, then]) => ({
      target,
      payload,
      calls: [{ fn: target.fn, args: { ...args, [target.param]: payload } }, ...then],
    }));
  }
  return fc.tuple(payloadArbitrary(target.class, target.param, target.fn, ctx), others).map(([payload, args]) => ({
    target,
    payload,
    calls: [{ fn: target.fn, args: { ...args, [target.param]: payload } }],
  }));
}

/**
 * The first inputs of a target, tried before any drawn one: each class's canonical payloads (the
 * forms its grammar shrinks towards, around the parameter's first ordinary value), with the other
 * arguments at their first ordinary values. They catch the usual mistakes in a handful of runs,
 * whatever the draws, and are already as small as a counterexample gets.
 */
export function canonicalCases(target: Target, ctx: BatteryContext): GeneratedCase[] {
  const mk = ctx.marker;
  const param = target.kind === 'parameter' ? target.param : undefined;
  const first = (p: string): ArgValue | undefined => (ctx.ordinary[p] ?? []).find((v) => v !== undefined);
  const value = param !== undefined ? first(param) : undefined;
  const b = value !== undefined && value !== null ? String(value) : (ctx.texts[0] ?? 'x');
  const n = /^\d+$/.test(b) ? b : '1';
  const table = ctx.tables[0];
  const width = (target.kind === 'parameter' ? ctx.arity[target.fn] : undefined) ?? 1;
  const columns = table ? Array.from({ length: width }, (_, i) => table.columns[i % table.columns.length] ?? 'NULL').join(', ') : 'NULL';
  const marked: Record<InjectionPayloadClass, string[]> = {
    'plain-text': [mk],
    tautology: [`${b}' OR '${mk}'='${mk}`, `${n} OR 1=1 --${mk}`],
    'union-select': table ? [`${b}' UNION SELECT ${columns} FROM ${table.name} --${mk}`] : [],
    'stacked-query': table ? [`${b}'; DELETE FROM ${table.name}; --${mk}`, `${n}; DELETE FROM ${table.name} --${mk}`] : [],
    'comment-truncation': [`${b}'--${mk}`],
    'blind-boolean': [`${b}' AND '${mk}'='${mk}`],
    quote: [`${b.includes("'") ? b.replace(/'/g, "''") : `${b}''`}${mk}`],
    'control-character': [...(numeric(b) ? [] : [`${b}\n`]), `${b}\n--${mk}`],
    'like-wildcard': ['%', '%%', '__'],
    'glob-wildcard': ['*', '??'],
    'order-by': [`${b} DESC--${mk}`, `${b}, 1/*${mk}*/`],
    'second-order': [`${b}' OR '${mk}'='${mk}`, '%', '*'],
    'inherited-name': [...CANONICAL_INHERITED_NAMES],
    // A parameter also meets its near misses ('' first): a stored field keeps to other cases of real texts.
    'ordinary-variant':
      target.kind === 'field'
        ? canonicalVariants(columnTexts(target, ctx), ctx.texts)
        : [...canonicalNearMisses(textsOf(param, ctx)), ...canonicalVariants(textsOf(param, ctx), ctx.texts)],
  };
  const payloads = marked[target.class];
  // A whole-number parameter (an id) also gets the numeric marker, of its ordinary value's type:
  // code that checks for digits and then pastes them lets no letter marker through.
  const numbered = target.class === 'plain-text' && value !== undefined && value !== null && /^\d+$/.test(String(value));
  const numberArg: ArgValue = typeof value === 'number' ? Number(ctx.numericMarker) : ctx.numericMarker;
  const args = (fn: string): Record<string, ArgValue> => {
    const out: Record<string, ArgValue> = {};
    for (const p of ctx.functions[fn] ?? []) {
      const v = first(p);
      if (v !== undefined) out[p] = v;
    }
    return out;
  };
  const readBack = Object.keys(ctx.functions).map((fn) => ({ fn, args: args(fn) }));
  if (target.kind === 'field') return payloads.map((payload) => ({ target, payload, calls: readBack, store: { table: target.table, column: target.column } }));
  const attacked = (payload: ArgValue): GeneratedCall => ({ fn: target.fn, args: { ...args(target.fn), [target.param]: payload } });
  if (target.class === 'second-order' || target.class === 'ordinary-variant') return payloads.map((payload) => ({ target, payload, calls: [attacked(payload), ...readBack] }));
  const cases: GeneratedCase[] = payloads.map((payload) => ({ target, payload, calls: [attacked(payload)] }));
  if (numbered) {
    const calls = [{ fn: target.fn, args: { ...args(target.fn), [target.param]: numberArg } }];
    // An id no row has, then (where tables have integer keys) the ordinary value's rows renumbered to it.
    cases.push({ target, payload: ctx.numericMarker, calls });
    const keyed = ctx.tables.filter((t) => t.integerKey !== undefined).map((t) => ({ table: t.name, column: t.integerKey! }));
    if (keyed.length > 0) cases.push({ target, payload: ctx.numericMarker, calls, renumber: { tables: keyed, from: Number(value), to: Number(ctx.numericMarker) } });
  }
  return cases;
}

/** The payloads of a class aimed at a parameter of a function (fn: for the arity of a UNION). */
export function payloadArbitrary(c: InjectionPayloadClass, param: string | undefined, fn: string | undefined, ctx: BatteryContext): fc.Arbitrary<string> {
  const g = grammar(param, fn, ctx);
  switch (c) {
    case 'plain-text':
      return g.plain;
    case 'tautology':
      return g.tautology;
    case 'union-select':
      return g.union;
    case 'stacked-query':
      return g.stacked;
    case 'comment-truncation':
      return g.comment;
    case 'blind-boolean':
      return g.blind;
    case 'quote':
      return g.quote;
    case 'control-character':
      return g.control;
    case 'like-wildcard':
      return g.like;
    case 'glob-wildcard':
      return g.glob;
    case 'order-by':
      return g.orderBy;
    case 'second-order':
      return storedPayload(param, ctx);
    case 'inherited-name':
      return inheritedNameArbitrary();
    case 'ordinary-variant':
      return fc.oneof({ arbitrary: ordinaryVariantArbitrary(textsOf(param, ctx), ctx.texts), weight: 3 }, { arbitrary: nearMissArbitrary(textsOf(param, ctx)), weight: 1 });
  }
}

/** What an attacker stores for later: any payload that could rewrite a query it is pasted into. */
function storedPayload(param: string | undefined, ctx: BatteryContext): fc.Arbitrary<string> {
  const g = grammar(param, undefined, ctx);
  // Always marked: a stored value pasted later shows by its marker whatever it does.
  const quote = g.quote.map((p) => (p.toLowerCase().includes(ctx.marker) ? p : `${p}${ctx.marker}`));
  // Wildcards too (unmarked: they must match real data), for code that reads a stored value back into LIKE or GLOB.
  return fc.oneof(
    { arbitrary: g.tautology, weight: 2 },
    { arbitrary: g.union, weight: 1 },
    { arbitrary: g.stacked, weight: 1 },
    { arbitrary: g.comment, weight: 1 },
    { arbitrary: quote, weight: 1 },
    { arbitrary: g.plain, weight: 1 },
    { arbitrary: g.like, weight: 2 },
    { arbitrary: g.glob, weight: 1 },
  );
}

/** The other arguments of an attacked call: each parameter one of its ordinary values (the first when shrunk). */
function ordinaryArgs(fn: string, ctx: BatteryContext): fc.Arbitrary<Record<string, ArgValue>> {
  const params = ctx.functions[fn] ?? [];
  return fc.tuple(...params.map((p) => fc.constantFrom(...valuesOf(p, ctx)))).map((chosen) => {
    const args: Record<string, ArgValue> = {};
    params.forEach((p, i) => {
      const v = chosen[i];
      if (v !== undefined) args[p] = v;
    });
    return args;
  });
}

/** Each declared function once, with ordinary arguments: what reads (or writes) a stored value afterwards. */
function everyFunctionOnce(ctx: BatteryContext): fc.Arbitrary<GeneratedCall[]> {
  const fns = Object.keys(ctx.functions);
  return fc.tuple(...fns.map((fn) => ordinaryArgs(fn, ctx))).map((all) => fns.map((fn, i) => ({ fn, args: all[i]! })));
}

/** A parameter's ordinary values that are text, first the most typical. */
function textsOf(param: string | undefined, ctx: BatteryContext): string[] {
  return (param ? ctx.ordinary[param] ?? [] : []).filter((v): v is string => typeof v === 'string');
}

/** The short texts a stored field holds (those of the whole database when not read per column). */
function columnTexts(target: Extract<Target, { kind: 'field' }>, ctx: BatteryContext): string[] {
  return ctx.tables.find((t) => t.name === target.table)?.texts?.[target.column] ?? ctx.texts;
}

function valuesOf(param: string, ctx: BatteryContext): Array<ArgValue | undefined> {
  const values = ctx.ordinary[param];
  return values && values.length > 0 ? values : [undefined];
}
