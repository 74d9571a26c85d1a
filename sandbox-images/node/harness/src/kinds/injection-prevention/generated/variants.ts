import fc from 'fast-check';
import { INHERITED_NAMES } from '../../../common/generated/inherited-names';

/**
 * Two classes of the battery that attack no SQL at all, and carry no taint marker: they are
 * ordinary-looking inputs that catch mistakes in how the code compares or looks up input.
 *
 * - `inherited-name`: the names every plain JavaScript object inherits from Object.prototype.
 *   An allow-list written as a plain object (`COLUMNS[input]`, `input in COLUMNS`) finds them, so
 *   `constructor` passes the check and a function's source text lands in the SQL.
 * - `ordinary-variant`: ordinary values and the database's own texts in another letter case
 *   (ASCII and not: `aDA` for `Ada`, `éCLAIR` for `Éclair`) or cut short (a prefix, a suffix, an
 *   inner part). Code that compares with COLLATE NOCASE, LIKE where `=` is meant, or JavaScript's
 *   toLowerCase() (which folds É to é where LIKE folds ASCII letters only) differs on them.
 */

/**
 * An inherited name as it is (what it shrinks to), or in another letter case: code that lowers
 * the input before looking it up (`DIRS[dir.toLowerCase()]`) finds `CONSTRUCTOR` too.
 */
export function inheritedNameArbitrary(): fc.Arbitrary<string> {
  const name = fc.constantFrom(...INHERITED_NAMES);
  const recased = fc
    .tuple(name, fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }))
    .map(([n, upper]) => [...n].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''));
  return fc.oneof({ arbitrary: name, weight: 3 }, { arbitrary: recased, weight: 1 });
}

/** Every letter in the other case (`Éclair` → `éCLAIR`); a letter whose other case is longer (ß) is kept. */
export function swapCase(text: string): string {
  return [...text]
    .map((ch) => {
      const other = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
      return [...other].length === 1 ? other : ch;
    })
    .join('');
}

/** A text with a letter outside ASCII: where JavaScript's case folding and SQLite's differ. */
export function hasNonAsciiLetter(text: string): boolean {
  return /[^\u0000-\u007f]/.test(text) && /\p{L}/u.test(text.replace(/[\u0000-\u007f]/g, ''));
}

/** A text whose letter case can be changed (a number or a date cannot). */
function hasLetter(text: string): boolean {
  return swapCase(text) !== text;
}

/** The first letter outside ASCII, in its other case (`é` for `Éclair`): the smallest text that shows a Unicode fold. */
function nonAsciiLetter(text: string): string | undefined {
  const letter = [...text].find((ch) => ch.charCodeAt(0) > 0x7f && swapCase(ch) !== ch);
  return letter === undefined ? undefined : swapCase(letter);
}

/**
 * The first inputs of the class for a parameter or a stored field: `values` are its ordinary
 * values (first the most typical), `texts` the database's texts. The ordinary value in the
 * other case; the first text with a letter outside ASCII in the other case, and that letter
 * alone; the first few texts in the other case (another row's value: renaming Ada to `bEA`
 * meets Bea's orders where names compare without case).
 */
export function canonicalVariants(values: readonly string[], texts: readonly string[], limit = 5): string[] {
  const out: string[] = [];
  const add = (v: string | undefined): void => {
    if (v !== undefined && v.length > 0 && !values.includes(v) && !out.includes(v)) out.push(v);
  };
  const ordinary = values.find(hasLetter);
  if (ordinary !== undefined) add(swapCase(ordinary));
  const foreign = [...values, ...texts].find(hasNonAsciiLetter);
  if (foreign !== undefined) {
    add(swapCase(foreign));
    add(nonAsciiLetter(foreign));
  }
  for (const text of texts.filter(hasLetter).slice(0, 3)) add(swapCase(text));
  return out.slice(0, limit);
}

type Recase = 'swap' | 'upper' | 'lower' | 'first';
type Cut = 'whole' | 'prefix' | 'suffix' | 'inner';

/** A text recased and cut, without white space at its ends (a trimmed input is another class's business). */
export function variantOf(text: string, recase: Recase, cut: Cut, i: number, j: number): string {
  const chars = [...text];
  const n = chars.length;
  let part = chars;
  if (n > 1 && cut !== 'whole') {
    const a = 1 + (i % (n - 1)); // 1 … n-1: never the whole text
    if (cut === 'prefix') part = chars.slice(0, a);
    else if (cut === 'suffix') part = chars.slice(n - a);
    else {
      const start = j % n;
      part = chars.slice(start, Math.min(n, start + a));
    }
  }
  const piece = part.join('').trim() || part.join('');
  switch (recase) {
    case 'swap':
      return swapCase(piece);
    case 'upper':
      return [...piece].map((ch) => ([...ch.toUpperCase()].length === 1 ? ch.toUpperCase() : ch)).join('');
    case 'lower':
      return piece.toLowerCase();
    case 'first': {
      const [head = '', ...rest] = [...piece];
      return `${swapCase(head)}${rest.join('')}`;
    }
  }
}

/**
 * Drawn variants: an ordinary value (or a text of the database, one with a letter outside
 * ASCII more often than its share), recased and maybe cut. Shrinks towards the first ordinary
 * value, whole, every letter in the other case. Falls back to a plain word when nothing has letters.
 */
export function ordinaryVariantArbitrary(values: readonly string[], texts: readonly string[]): fc.Arbitrary<string> {
  const ordinary = values.filter(hasLetter);
  const lettered = texts.filter(hasLetter);
  const foreign = [...ordinary, ...lettered].filter(hasNonAsciiLetter);
  const sources: Array<{ arbitrary: fc.Arbitrary<string>; weight: number }> = [];
  if (ordinary.length > 0) sources.push({ arbitrary: fc.constantFrom(...ordinary), weight: 2 });
  if (lettered.length > 0) sources.push({ arbitrary: fc.constantFrom(...lettered), weight: 2 });
  if (foreign.length > 0) sources.push({ arbitrary: fc.constantFrom(...foreign), weight: 1 });
  const base = sources.length > 0 ? fc.oneof(...sources) : fc.constant('Word');
  const recase = fc.constantFrom<Recase>('swap', 'upper', 'lower', 'first');
  const cut = fc.oneof({ arbitrary: fc.constant<Cut>('whole'), weight: 2 }, { arbitrary: fc.constantFrom<Cut>('prefix', 'suffix', 'inner'), weight: 2 });
  return fc.tuple(base, recase, cut, fc.nat(), fc.nat()).map(([text, r, c, i, j]) => {
    const variant = variantOf(text, r, c, i, j);
    // Unchanged (a cut without letters, a text already upper case): every letter of it in the other case instead.
    return variant === text || variant.length === 0 ? swapCase(text) : variant;
  });
}

/**
 * Near misses of a parameter's ordinary values, in their own letter case: the empty string,
 * a part of a value (a prefix, a suffix, one character), and two values joined by a comma. An
 * allow-list checked with `includes` or `startsWith` on a string of the allowed names takes a
 * part or a list of them; `value || 'asc'` or `if (!term)` treats '' as missing. Only
 * `undefined` is missing: what the reference does with each of these is the answer.
 */
export function canonicalNearMisses(values: readonly string[]): string[] {
  const out: string[] = [''];
  const add = (v: string | undefined): void => {
    if (v !== undefined && !values.includes(v) && !out.includes(v)) out.push(v);
  };
  const first = values.find((v) => [...v].length > 1);
  if (first !== undefined) {
    const chars = [...first];
    add(chars.slice(0, Math.ceil(chars.length / 2)).join('').trim());
    add(chars[chars.length - 1]);
  }
  const [a, b] = unique(values.filter((v) => v.length > 0));
  if (a !== undefined && b !== undefined) add(`${a},${b}`);
  return out;
}

/** Drawn near misses (see canonicalNearMisses); shrinks to ''. */
export function nearMissArbitrary(values: readonly string[]): fc.Arbitrary<string> {
  const texts = unique(values.filter((v) => v.length > 0));
  if (texts.length === 0) return fc.constant('');
  const value = fc.constantFrom(...texts);
  const part = fc.tuple(value, fc.nat(), fc.nat()).map(([text, i, j]) => {
    const chars = [...text];
    const a = i % chars.length;
    const b = a + 1 + (j % (chars.length - a));
    return chars.slice(a, b).join('');
  });
  const joined = fc.tuple(value, value, fc.constantFrom(',', ', ', ' ')).map(([x, y, sep]) => `${x}${sep}${y}`);
  return fc.oneof(fc.constant(''), part, joined).filter((v) => !texts.includes(v));
}

function unique(texts: readonly string[]): string[] {
  return [...new Set(texts)];
}
