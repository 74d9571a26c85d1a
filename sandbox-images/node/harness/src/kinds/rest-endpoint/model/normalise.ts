import { kindOf, propertyPath } from '../../../common/json-difference';

/**
 * What two apps make up themselves, normalised before their answers are compared
 * (compare.ts): ids by order of appearance (the n-th id one app gave against the n-th the
 * other gave, whatever their values), times as "a time"; and the first place where two
 * normalised bodies differ.
 */

/** The ids one app gave, in order of appearance, and the request whose answer first held each. */
export class IdLedger {
  readonly values: unknown[] = [];
  private readonly index = new Map<string, number>();
  private readonly firstSeen: number[] = [];

  /** The id's number in order of appearance (from 0), learning it if new. */
  learn(value: unknown, requestNumber: number): { n: number; fresh: boolean } {
    const key = JSON.stringify(value);
    const known = this.index.get(key);
    if (known !== undefined) return { n: known, fresh: false };
    const n = this.values.length;
    this.values.push(value);
    this.index.set(key, n);
    this.firstSeen.push(requestNumber);
    return { n, fresh: true };
  }

  numberOf(value: unknown): number | undefined {
    return this.index.get(JSON.stringify(value));
  }

  /** The request (1-based) whose answer first held the n-th id. */
  requestOf(n: number): number {
    return this.firstSeen[n]!;
  }
}

/** An id in a normalised body: its number in order of appearance, whether this answer gave it first, its value. */
export class IdRef {
  constructor(
    readonly n: number,
    readonly fresh: boolean,
    readonly raw: unknown,
  ) {}
}

/** A time in a normalised body: any text that reads as a date and time. */
export class TimeRef {
  constructor(readonly raw: unknown) {}
}

export interface Normalising {
  ids: ReadonlySet<string>;
  times: ReadonlySet<string>;
}

/**
 * The body with every id property's value replaced by an IdRef (learning new ids into the
 * ledger) and every time property's by a TimeRef. Keys are visited in sorted order, so two
 * answers that differ only in key order learn their ids in the same order.
 */
export function normaliseBody(body: unknown, ledger: IdLedger, requestNumber: number, rules: Normalising): unknown {
  if (Array.isArray(body)) return body.map((item) => normaliseBody(item, ledger, requestNumber, rules));
  if (typeof body !== 'object' || body === null) return body;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(body).sort()) {
    const value = (body as Record<string, unknown>)[key];
    if (rules.ids.has(key) && (typeof value === 'number' || typeof value === 'string')) {
      const { n, fresh } = ledger.learn(value, requestNumber);
      out[key] = new IdRef(n, fresh, value);
    } else if (rules.times.has(key) && isTime(value)) {
      out[key] = new TimeRef(value);
    } else {
      out[key] = normaliseBody(value, ledger, requestNumber, rules);
    }
  }
  return out;
}

function isTime(value: unknown): boolean {
  if (typeof value === 'string') return /\d/.test(value) && !Number.isNaN(Date.parse(value));
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Replaces, in a header such as Location, each path segment that is an id the app gave by its number. */
export function normaliseHeader(value: string, ledger: IdLedger): string {
  return value
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // Not an escape: compared as is.
      }
      const n = ledger.numberOf(decoded) ?? (/^-?\d+$/.test(decoded) ? ledger.numberOf(Number(decoded)) : undefined);
      return n === undefined ? segment : `<id ${n + 1}>`;
    })
    .join('/');
}

/** The first place where two normalised bodies differ. */
export type BodyDifference =
  | { kind: 'type'; path: string; expected: unknown; actual: unknown }
  | { kind: 'value'; path: string; expected: unknown; actual: unknown }
  | { kind: 'length'; path: string; expected: number; actual: number }
  | { kind: 'missing'; path: string; property: string }
  | { kind: 'extra'; path: string; property: string; value: unknown };

export function bodyDifference(expected: unknown, actual: unknown, path = 'body'): BodyDifference | undefined {
  if (expected instanceof IdRef || actual instanceof IdRef || expected instanceof TimeRef || actual instanceof TimeRef) {
    if (expected instanceof IdRef && actual instanceof IdRef && expected.n === actual.n) return undefined;
    if (expected instanceof TimeRef && actual instanceof TimeRef) return undefined;
    return { kind: 'value', path, expected, actual };
  }
  const e = kindOf(expected);
  const a = kindOf(actual);
  if (e !== a) return { kind: 'type', path, expected, actual };
  if (e === 'array') {
    const ea = expected as unknown[];
    const aa = actual as unknown[];
    if (ea.length !== aa.length) return { kind: 'length', path, expected: ea.length, actual: aa.length };
    for (let i = 0; i < ea.length; i += 1) {
      const d = bodyDifference(ea[i], aa[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (e === 'object') {
    const eo = expected as Record<string, unknown>;
    const ao = actual as Record<string, unknown>;
    for (const key of Object.keys(eo)) {
      if (!Object.prototype.hasOwnProperty.call(ao, key)) return { kind: 'missing', path, property: key };
    }
    for (const key of Object.keys(ao)) {
      if (!Object.prototype.hasOwnProperty.call(eo, key)) return { kind: 'extra', path, property: key, value: ao[key] };
    }
    for (const key of Object.keys(eo)) {
      const d = bodyDifference(eo[key], ao[key], `${path}${propertyPath(key)}`);
      if (d) return d;
    }
    return undefined;
  }
  if (!Object.is(expected, actual) && expected !== actual) return { kind: 'value', path, expected, actual };
  return undefined;
}
