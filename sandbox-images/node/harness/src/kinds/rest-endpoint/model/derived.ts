import fc from 'fast-check';

/**
 * Values drawn from what was sent before in another field (a block's `from` option), so that a
 * filter meets the values stored: `?category=` from the categories of the products created,
 * `?minPrice=` from their prices. Drawn independently, a filter value and a stored value rarely
 * meet, and the mistakes that show only where they do (a bound taken as exclusive, a
 * comparison that ignores case, a substring taken for a whole tag) go unseen.
 *
 * Which variant applies depends on what was sent, so a step holds one of each and the value
 * decides: text gets itself, other letter case, a part of itself, two values joined by a
 * comma (a list where one item is asked for), or itself with a space on each side (a match
 * "exactly" that trims); a number itself, one more or one less.
 */
export const TEXT_VARIANTS = ['same', 'other-case', 'prefix', 'suffix', 'inner', 'joined', 'padded'] as const;
export const NUMBER_VARIANTS = ['same', 'plus-one', 'minus-one'] as const;
export type TextVariant = (typeof TEXT_VARIANTS)[number];
export type NumberVariant = (typeof NUMBER_VARIANTS)[number];

export interface DerivedSymbolic {
  kind: 'derived';
  /** The field whose earlier values this one is drawn from. */
  from: string;
  /** The value sent `pick`-th before (the most recent first, modulo how many). */
  pick: number;
  text: TextVariant;
  number: NumberVariant;
  /** Nothing sent before in `from`: this ordinary value instead. */
  fallback: unknown;
}

/** Derived values of a field: "same" first, so that shrinking goes from a variant to the value itself. */
export function derivedArbitrary(from: string, fallback: fc.Arbitrary<unknown>): fc.Arbitrary<DerivedSymbolic> {
  return fc
    .record({ pick: fc.nat(7), text: fc.constantFrom(...TEXT_VARIANTS), number: fc.constantFrom(...NUMBER_VARIANTS), fallback })
    .map((r): DerivedSymbolic => ({ kind: 'derived', from, ...r }));
}

/** What was sent before in the sequence, field by field, in bodies and queries alike. Shared by both apps. */
export class SentValues {
  private readonly text = new Map<string, string[]>();
  private readonly scalars = new Map<string, Array<string | number>>();

  /** `stored`: sent in a body, where derived values come from (a filter meets what was stored, not what was asked before). */
  record(field: string, value: unknown, stored = true): void {
    if (typeof value === 'string') push(this.text, field, value);
    if (!stored) return;
    // Items of an array count one by one: tags stored, then one tag asked for.
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item))) push(this.scalars, field, item);
    }
  }

  /** Whether this value was sent before in the field: as it is, in other letter case, or not at all. */
  seen(field: string, value: unknown): 'same' | 'other-case' | undefined {
    if (typeof value !== 'string') return undefined;
    const list = this.text.get(field) ?? [];
    if (list.includes(value)) return 'same';
    return list.some((v) => v.toLowerCase() === value.toLowerCase()) ? 'other-case' : undefined;
  }

  /** The text sent `pick`-th before in the field (most recent first, modulo how many). */
  pick(field: string, pick: number): string | undefined {
    return pickFrom(this.text.get(field), pick);
  }

  /** Any scalar (text, number, an array's item) sent `pick`-th before in the field, in a body. */
  pickScalar(field: string, pick: number): string | number | undefined {
    return pickFrom(this.scalars.get(field), pick);
  }
}

function push<T>(map: Map<string, T[]>, field: string, value: T): void {
  const list = map.get(field) ?? [];
  list.push(value);
  map.set(field, list);
}

function pickFrom<T>(list: T[] | undefined, pick: number): T | undefined {
  if (!list || list.length === 0) return undefined;
  return list[list.length - 1 - (pick % list.length)];
}

/**
 * The concrete value and its class of input (never the data: name-only feedback shows it),
 * e.g. `the first part of a value sent before in category`. A number read from a query ("500") counts as a number.
 */
export function resolveDerived(symbolic: DerivedSymbolic, sent: SentValues): { value: unknown; label?: string } {
  const before = sent.pickScalar(symbolic.from, symbolic.pick);
  if (before === undefined) return { value: symbolic.fallback };
  const of = `a value sent before in ${symbolic.from}`;
  const number = typeof before === 'number' ? before : /^-?\d+$/.test(before) ? Number(before) : undefined;
  if (number !== undefined) {
    switch (symbolic.number) {
      case 'same':
        return { value: number, label: `equal to ${of}` };
      case 'plus-one':
        return { value: number + 1, label: `one more than ${of}` };
      case 'minus-one':
        return { value: number - 1, label: `one less than ${of}` };
    }
  }
  const text = String(before);
  const half = Math.ceil(text.length / 2);
  switch (symbolic.text) {
    case 'other-case': {
      const other = otherCase(text);
      if (other !== text) return { value: other, label: `${of}, in other letter case` };
      break;
    }
    case 'prefix':
      if (text.length >= 2) return { value: text.slice(0, half), label: `the first part of ${of}` };
      break;
    case 'suffix':
      if (text.length >= 2) return { value: text.slice(text.length - half), label: `the last part of ${of}` };
      break;
    case 'inner':
      if (text.length >= 3) return { value: text.slice(1, -1), label: `${of} without its first and last characters` };
      break;
    case 'joined': {
      const other = sent.pickScalar(symbolic.from, symbolic.pick + 1);
      return { value: `${text},${String(other ?? text)}`, label: `two values sent before in ${symbolic.from}, joined by a comma` };
    }
    case 'padded':
      return { value: ` ${text} `, label: `${of}, with a space on each side` };
    case 'same':
      break;
  }
  // A variant this value has not (a part of one character, another case of digits): the value itself.
  return { value: text, label: `equal to ${of}` };
}

/** The same text in other letter case: `ada@example.com` → `ADA@EXAMPLE.COM`, and back. */
export function otherCase(text: string): string {
  const upper = text.toUpperCase();
  return upper !== text ? upper : text.toLowerCase();
}
