import fc from 'fast-check';
import type { RestValueBlock } from '../../../contracts';
import { derivedArbitrary, type DerivedSymbolic } from './derived';

/**
 * The building blocks of generated requests (`rest.model` in the manifest): each block is an
 * arbitrary of symbolic values, ordinary ones first (fast-check shrinks towards them, so a
 * shrunk counterexample keeps only the unusual values that matter), then edge cases and
 * wrong types, each with the phrase feedback uses for its class of input ("an empty
 * string"), never its data. The reference decides which values are right.
 *
 * A value is symbolic where it depends on what happened before in the sequence: a value sent
 * before in the same field (duplicates, e-mail addresses in other letter case), or an id the
 * app gave. It is resolved when the request is sent, for each app on its own (ids) or once for
 * both (everything else).
 */
export type Symbolic =
  /** A JSON value; `label` names its class of input, absent for an ordinary value. */
  | { kind: 'value'; value: unknown; label?: string }
  /** The value sent `pick`-th before in the same field (modulo how many there were), or in other letter case. */
  | { kind: 'again'; pick: number; otherCase: boolean; label: string; fallback: unknown }
  /** An id the app gave (the `pick`-th, modulo how many): the same resource on both sides. */
  | { kind: 'id'; pick: number; label: string }
  /** The field is left out. */
  | { kind: 'missing'; label: string }
  /** A value drawn from one sent before in another field (a block's `from`): see derived.ts. */
  | DerivedSymbolic
  /**
   * A query parameter given twice (`?page=1&page=2`; Express then reads an array). Statements
   * rarely say what it means, so only a server error is a difference (check.ts): code that
   * calls a string method on it answers 500. GET requests only, whose answers change nothing.
   */
  | { kind: 'twice'; values: [string, string]; label: string };

export type Place = 'body' | 'query';

/** The query parameter given twice, with two of its ordinary values (the same one twice when it has one). */
function givenTwice(examples: readonly unknown[]): Symbolic {
  return { kind: 'twice', values: [String(examples[0]), String(examples[1] ?? examples[0])], label: 'given twice' };
}

/** Characters of the "very long string": far beyond any sensible name, far below Express's 100 kB body limit. */
export const LONG_STRING_CHARS = 5_000;

const MISSING: Symbolic = { kind: 'missing', label: 'left out' };

/** `null` in a body field: a class of its own (see WEIGHT), never among a block's wrong types. */
export const NULL: Symbolic = { kind: 'value', value: null, label: 'null' };

const WRONG_TYPES_FOR_TEXT: Symbolic[] = [
  { kind: 'value', value: 42, label: 'a number instead of text' },
  { kind: 'value', value: true, label: 'a boolean instead of text' },
  { kind: 'value', value: ['x'], label: 'an array instead of text' },
  { kind: 'value', value: {}, label: 'an object instead of text' },
];

const WRONG_TYPES_FOR_NUMBER: Symbolic[] = [
  { kind: 'value', value: true, label: 'a boolean instead of a number' },
  { kind: 'value', value: [1], label: 'an array instead of a number' },
];

/**
 * Within a block: ordinary values and values sent before are the usual ones; edge cases,
 * wrong types and a field left out the unusual ones, each class about as likely as the others.
 * `null` in a body is a class of its own, as likely as all other wrong types together: code
 * that reads `!= null` or `??` takes it for a field left out (PATCH {"name": null} answered
 * 200), and among five wrong types it was drawn too seldom to meet that. `zero` is a valid
 * number filter drawn as a usual value (see numberValues).
 */
const WEIGHT = { ordinary: 3, again: 1, derived: 6, zero: 4, edge: 4, wrongType: 2, null: 2, missing: 1 } as const;
/** A field on its own (a query parameter): usual three times in four. */
const USUAL_WEIGHT = 3;

/** A block's values split in two, so that a body can change one field at a time (see sequence.ts). */
export interface BlockValues {
  usual: fc.Arbitrary<Symbolic>;
  unusual: fc.Arbitrary<Symbolic>;
}

const value = (v: unknown, label?: string): Symbolic => ({ kind: 'value', value: v, ...(label !== undefined && { label }) });

type Scalar = Exclude<RestValueBlock, { arrayOf: unknown }>;

/** A block in its long form: `text` is `{ text: {} }`. */
type LongScalar = Exclude<Scalar, string> | { boolean: Record<string, never> };

function longForm(block: Scalar): LongScalar {
  if (typeof block !== 'string') return block;
  switch (block) {
    case 'text':
      return { text: { spaces: false } };
    case 'email':
      return { email: {} };
    case 'integer':
      return { integer: {} };
    case 'number':
      return { number: {} };
    case 'boolean':
      return { boolean: {} };
  }
}

/** The usual and the unusual values a block gives a field in a body or a query. */
export function blockValues(block: RestValueBlock, place: Place): BlockValues {
  if (typeof block !== 'string' && 'arrayOf' in block) return arrayValues(block.arrayOf, place);
  const long = longForm(block);
  if ('text' in long) return textValues(long.text, place);
  if ('email' in long) return emailValues(long.email, place);
  if ('integer' in long) return numberValues(long.integer, place);
  if ('number' in long) return numberValues(long.number, place);
  if ('boolean' in long) return booleanValues(place);
  return oneOfValues(long.oneOf, place, long.from);
}

/** Every value a block gives a field: usual ones three times in four, ordinary ones first (shrinking goes to them). */
export function blockArbitrary(block: RestValueBlock, place: Place): fc.Arbitrary<Symbolic> {
  const { usual, unusual } = blockValues(block, place);
  return fc.oneof({ withCrossShrink: true }, { arbitrary: usual, weight: USUAL_WEIGHT }, { arbitrary: unusual, weight: 1 });
}

interface Choices {
  ordinary: fc.Arbitrary<Symbolic>;
  again?: boolean;
  /** The block's `from`: values derived from those sent before in that field, twice as often as ordinary ones (a filter is there to meet the data). */
  from?: string | undefined;
  /** Usual values besides the ordinary ones (0 for a number filter), each class weighted `zero`. */
  alsoUsual?: Symbolic[];
  edges: Symbolic[];
  /** Wrong JSON types but null, which every body field gets on its own. */
  wrongTypes: Symbolic[];
}

function weighted(place: Place, choices: Choices): BlockValues {
  const usual: Array<fc.WeightedArbitrary<Symbolic>> = [{ arbitrary: choices.ordinary, weight: WEIGHT.ordinary }];
  if (choices.again) {
    usual.push({
      // Nothing sent before in this field: an ordinary value instead.
      arbitrary: fc.record({ pick: fc.nat(7), otherCase: fc.boolean(), fallback: choices.ordinary }).map(
        ({ pick, otherCase, fallback }): Symbolic => ({
          kind: 'again',
          pick,
          otherCase,
          label: otherCase ? 'a value sent before, in other letter case' : 'a value sent before',
          fallback: fallback.kind === 'value' ? fallback.value : undefined,
        }),
      ),
      weight: WEIGHT.again,
    });
  }
  if (choices.from !== undefined) {
    const fallback = choices.ordinary.map((o) => (o.kind === 'value' ? o.value : undefined));
    // In a query every value is text: a derived number goes on the query line as its digits.
    usual.push({ arbitrary: derivedArbitrary(choices.from, fallback), weight: WEIGHT.derived });
  }
  if (choices.alsoUsual && choices.alsoUsual.length > 0) usual.push({ arbitrary: fc.constantFrom(...choices.alsoUsual), weight: WEIGHT.zero });
  const unusual: Array<fc.WeightedArbitrary<Symbolic>> = [];
  const edges = dedupe(choices.edges);
  if (edges.length > 0) unusual.push({ arbitrary: fc.constantFrom(...edges), weight: WEIGHT.edge });
  // In a query everything is text, and a parameter left out is the query's own choice.
  if (place === 'body') {
    if (choices.wrongTypes.length > 0) unusual.push({ arbitrary: fc.constantFrom(...choices.wrongTypes), weight: WEIGHT.wrongType });
    unusual.push({ arbitrary: fc.constant(NULL), weight: WEIGHT.null });
    unusual.push({ arbitrary: fc.constant(MISSING), weight: WEIGHT.missing });
  }
  return {
    usual: fc.oneof({ withCrossShrink: true }, ...usual),
    unusual: unusual.length > 0 ? fc.oneof({ withCrossShrink: true }, ...unusual) : choices.ordinary,
  };
}

/** One value per class: two edges landing on the same value (min - 1 and -1) would weigh it twice. */
function dedupe(values: Symbolic[]): Symbolic[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v.kind === 'value' ? v.value : v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function ordinaryOf<T>(examples: readonly T[], place: Place): fc.Arbitrary<Symbolic> {
  return fc.constantFrom(...examples).map((v) => value(place === 'query' ? String(v) : v));
}

/** `n` characters of ordinary text, for the lengths around a minimum or maximum. */
function textOfLength(n: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  let text = '';
  while (text.length < n) text += alphabet;
  return text.slice(0, n);
}

const DEFAULT_TEXT = ['Dune', 'Ada Lovelace', 'x'];

function textValues(options: { examples?: string[]; minLength?: number; maxLength?: number; spaces?: boolean; from?: string }, place: Place): BlockValues {
  // In a query too: `?author=` is a filter on the empty author, which code testing `if (author)` takes for no filter.
  const edges: Symbolic[] = [value('', 'an empty string')];
  if (options.spaces) edges.push(value('   ', 'only spaces'));
  if (place === 'body') edges.push(value(textOfLength(LONG_STRING_CHARS), `a very long string (${LONG_STRING_CHARS} characters)`));
  else edges.push(givenTwice(options.examples ?? DEFAULT_TEXT));
  edges.push(value('Ωμέγα – 📚 café', 'non-ASCII text'));
  const { minLength, maxLength } = options;
  if (minLength !== undefined && minLength > 0) {
    edges.push(value(textOfLength(minLength - 1), `${count(minLength - 1, 'character')}, one fewer than the minimum`));
    edges.push(value(textOfLength(minLength), `exactly ${count(minLength, 'character')}, the minimum`));
  }
  if (maxLength !== undefined) {
    edges.push(value(textOfLength(maxLength), `exactly ${count(maxLength, 'character')}, the maximum`));
    edges.push(value(textOfLength(maxLength + 1), `${count(maxLength + 1, 'character')}, one more than the maximum`));
  }
  return weighted(place, { ordinary: ordinaryOf(options.examples ?? DEFAULT_TEXT, place), again: true, from: options.from, edges, wrongTypes: WRONG_TYPES_FOR_TEXT });
}

const DEFAULT_EMAILS = ['ada@example.com', 'grace@example.org', 'alan.turing@example.net'];

function emailValues(options: { examples?: string[]; from?: string }, place: Place): BlockValues {
  const edges: Symbolic[] = [
    value('ada.example.com', 'an e-mail address without @'),
    value('@example.com', 'an e-mail address with nothing before @'),
    value('ada@', 'an e-mail address with nothing after @'),
    value('ada@lovelace@example.com', 'an e-mail address with two @'),
    value('', 'an empty string'),
  ];
  return weighted(place, { ordinary: ordinaryOf(options.examples ?? DEFAULT_EMAILS, place), again: true, from: options.from, edges, wrongTypes: WRONG_TYPES_FOR_TEXT });
}

function numberValues(options: { examples?: number[]; min?: number; max?: number; from?: string }, place: Place): BlockValues {
  const { min, max } = options;
  const examples = options.examples ?? defaultNumbers(min, max);
  const show = (n: number): unknown => (place === 'query' ? String(n) : n);
  // The range's own edges first: where one is also 0 or -1, its label is the more telling.
  const edges: Symbolic[] = [];
  if (min !== undefined) edges.push(value(show(min - 1), 'one below the minimum'), value(show(min), 'the minimum'));
  if (max !== undefined) edges.push(value(show(max), 'the maximum'), value(show(max + 1), 'one above the maximum'));
  edges.push(value(show(0), 'zero'), value(show(-1), 'a negative number'));
  edges.push(value(show(2.5), 'a fractional number'));
  if (place === 'body') {
    edges.push(value(2_147_483_648, 'a large number (2^31)'));
    edges.push(value(String(examples[0]), 'a number in a string'));
  } else {
    // `?minPrice=` is no number either, and `Number('')` is 0: code that converts before it checks takes it for zero.
    // Number() and parseInt() also take `1e1` and `+1` (10 and 1), where the text is not a whole number in digits.
    edges.push(value('two', 'a word instead of a number'), value('', 'an empty value'), value('1e1', 'a number in exponent notation'), value('+1', 'a number with a plus sign'));
    edges.push(givenTwice(examples));
  }
  // 0 is a valid filter that code testing `if (maxPrice)` skips: in a query, where the range allows it,
  // a usual value beside the ordinary and derived ones (as an edge alone it was drawn once in 32 lists).
  const zeroValid = place === 'query' && (min === undefined || min <= 0) && (max === undefined || max >= 0);
  const alsoUsual = zeroValid ? [value('0', 'zero')] : [];
  return weighted(place, { ordinary: ordinaryOf(examples, place), from: options.from, alsoUsual, edges, wrongTypes: WRONG_TYPES_FOR_NUMBER });
}

/** Ordinary numbers inside the declared range: small ones, so that pages and filters meet the data. */
function defaultNumbers(min?: number, max?: number): number[] {
  const from = min ?? 1;
  const candidates = [from, from + 1, from + 2, 1965];
  return candidates.filter((n) => max === undefined || n <= max);
}

function booleanValues(place: Place): BlockValues {
  const edges: Symbolic[] = place === 'body' ? [value('true', 'a boolean in a string'), value(1, 'a number instead of a boolean')] : [value('yes', 'a word instead of true or false')];
  return weighted(place, { ordinary: ordinaryOf([true, false], place), edges, wrongTypes: [] });
}

function oneOfValues(values: Array<string | number | boolean | null>, place: Place, from?: string): BlockValues {
  const edges: Symbolic[] = [value('something-else', 'a value not among the allowed ones')];
  // A query's value is text, and the empty one is a value too (`?category=` matches no category, it is no "any").
  if (place === 'query' && values.some((v) => typeof v === 'string')) edges.push(value('', 'an empty string'));
  if (place === 'query') edges.push(givenTwice(values));
  return weighted(place, { ordinary: ordinaryOf(values, place), from, edges, wrongTypes: [value(42, 'a number instead of text')] });
}

function arrayValues(element: Scalar, place: Place): BlockValues {
  const examples = ordinaryExamples(element);
  // No item twice: whether an app may drop a repeated tag is for the statement to say, and few do.
  const ordinary = fc.uniqueArray(fc.constantFrom(...examples), { maxLength: 3 }).map((items) => value(place === 'query' ? items.join(',') : items));
  const edges: Symbolic[] = [value([examples[0], 42], 'an array holding a wrong type'), value(String(examples[0]), 'text instead of an array')];
  return weighted(place, { ordinary, edges, wrongTypes: [value({}, 'an object instead of an array')] });
}

/** The ordinary values of a scalar block, as plain data (for the items of arrays). */
function ordinaryExamples(block: Scalar): unknown[] {
  const long = longForm(block);
  if ('text' in long) return long.text.examples ?? DEFAULT_TEXT;
  if ('email' in long) return long.email.examples ?? DEFAULT_EMAILS;
  if ('integer' in long) return long.integer.examples ?? defaultNumbers(long.integer.min, long.integer.max);
  if ('number' in long) return long.number.examples ?? defaultNumbers(long.number.min, long.number.max);
  if ('boolean' in long) return [true, false];
  return long.oneOf;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
