import type { SqlDialect } from '../../../contracts';
import type { QueryConstants } from './query-facts';

/** What a generated column holds. */
export type ValueKind = 'integer' | 'decimal' | 'text' | 'date' | 'timestamp' | 'boolean';

/** A value of a generated dataset: a number, text (dates and timestamps as ISO text), a boolean or NULL. */
export type GenValue = null | number | string | boolean;

const DAY_S = 86_400;

/**
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or with a fraction of a second (`…:59.5`, milliseconds
 * kept) as seconds since 1970 (UTC); NaN if it is none of them.
 */
export function toSeconds(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(text);
  if (!m) return NaN;
  const whole = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) / 1000;
  return whole + (m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) / 1000 : 0);
}

/** Seconds as `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` with `.mmm` when there is a fraction of a second. */
export function fromSeconds(seconds: number, kind: 'date' | 'timestamp'): string {
  const iso = new Date(Math.round(seconds * 1000)).toISOString();
  if (kind === 'date') return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, Number.isInteger(Math.round(seconds * 1000) / 1000) ? 19 : 23)}`;
}

/** `30 days`, `-1 second`, `1 day 2 hours`, `30 days 0.5 seconds` in seconds. */
export function offsetSeconds(text: string): number {
  const units: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: DAY_S };
  let total = 0;
  for (const m of text.matchAll(/([+-]?\d+(?:\.\d+)?)\s+(second|minute|hour|day)s?/g)) total += Number(m[1]) * units[m[2]!]!;
  return total;
}

/** The smallest step of a kind: what "beside a constant" means. */
export function stepOf(kind: ValueKind, scale: number): number {
  if (kind === 'decimal') return 10 ** -scale;
  if (kind === 'date') return DAY_S;
  return 1;
}

/** The value as a number on the kind's own scale (seconds for times), for comparisons; undefined for text and booleans. */
export function ordinal(value: GenValue, kind: ValueKind): number | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (kind === 'integer' || kind === 'decimal') return typeof value === 'number' ? value : undefined;
  if (kind === 'date' || kind === 'timestamp') return typeof value === 'string' ? toSeconds(value) : undefined;
  return undefined;
}

export function fromOrdinal(n: number, kind: ValueKind, scale: number): GenValue {
  if (kind === 'date' || kind === 'timestamp') return fromSeconds(n, kind);
  if (kind === 'decimal') return roundTo(n, scale);
  return Math.round(n);
}

export function roundTo(n: number, scale: number): number {
  const f = 10 ** scale;
  return Math.round(n * f) / f;
}

/** The constants of the query, as ordinals of this kind: the values a column's data is put at and beside. */
export function constantOrdinals(constants: QueryConstants, kind: ValueKind): number[] {
  switch (kind) {
    case 'integer':
    case 'decimal':
      return constants.numbers;
    case 'date':
      return [...constants.dates, ...constants.timestamps.map((t) => t.slice(0, 10))].map(toSeconds);
    case 'timestamp':
      return [...constants.dates, ...constants.timestamps].map(toSeconds);
    default:
      return [];
  }
}

export interface PoolRequest {
  kind: ValueKind;
  scale: number;
  constants: QueryConstants;
  min?: number | string;
  max?: number | string;
  /** Distinct values needed at least (a unique column of that many rows). */
  atLeast: number;
}

const NAMES = ['Ada', 'Bea', 'Cy', 'Dee', 'Eve', 'Flo', 'Gus', 'Hal', 'Ida', 'Jo', 'Kit', 'Lou', 'Max', 'Ned', 'Oz', 'Pia', 'Quin', 'Rex', 'Sue', 'Tim', 'Uma'];
const BASE_DAY = toSeconds('2024-01-01');

/**
 * The values a column without declared `values` is drawn from: a few ordinary ones of its kind,
 * and each constant of the reference query of a comparable kind with its neighbours (c - 1, c,
 * c + 1 in the kind's smallest step; for numbers also half of c, so that two rows add up to it,
 * and twice c), held to
 * `min` and `max`. Few values on purpose: rows then tie and repeat.
 */
export function defaultPool(request: PoolRequest): GenValue[] {
  const { kind, scale } = request;
  if (kind === 'boolean') return [true, false];
  if (kind === 'text') {
    const texts = [...NAMES.slice(0, Math.max(4, request.atLeast)), ...request.constants.texts];
    return [...new Set(texts)];
  }
  const step = stepOf(kind, scale);
  const constants = constantOrdinals(request.constants, kind).filter(Number.isFinite);
  const low = request.min === undefined ? undefined : ordinalOfBound(request.min, kind);
  const high = request.max === undefined ? undefined : ordinalOfBound(request.max, kind);
  const values: number[] = [];
  for (const c of constants) {
    values.push(c - step, c, c + step);
    // Half of it (two rows add up to it) and twice it (rows well past it, so that some tie there).
    if (kind === 'integer' || kind === 'decimal') values.push(kind === 'integer' ? Math.floor(c / 2) : roundTo(c / 2, scale), 2 * c);
    if (kind === 'timestamp') values.push(c + DAY_S / 2);
  }
  if (kind === 'integer') values.push(0, 1, 2, 3, 7);
  else if (kind === 'decimal') values.push(0, 1.5, 12.25, -2.5);
  else if (constants.length >= 1) {
    const lowest = Math.min(...constants);
    const highest = Math.max(...constants);
    values.push(lowest - 10 * DAY_S, highest + 10 * DAY_S);
    if (highest > lowest) values.push(lowest + Math.round((highest - lowest) / 2 / DAY_S) * DAY_S + (kind === 'timestamp' ? 9 * 3600 : 0));
  } else {
    for (const days of [0, 1, 2, 5, 9]) values.push(BASE_DAY + days * DAY_S + (kind === 'timestamp' && days % 2 === 1 ? 13 * 3600 + 30 * 60 : 0));
  }
  if (low !== undefined) values.push(low);
  if (high !== undefined) values.push(high);
  let inRange = values.filter((v) => (low === undefined || v >= low) && (high === undefined || v <= high));
  // A unique column needs as many values as rows: more, evenly between the bounds.
  const from = low ?? (inRange.length > 0 ? Math.min(...inRange) : 0);
  for (let k = 1; new Set(inRange).size < request.atLeast && k < 1000; k += 1) inRange.push(from + k * step * (kind === 'integer' || kind === 'decimal' ? 1 : kind === 'timestamp' ? 3600 : 1));
  inRange = inRange.filter((v) => high === undefined || v <= high);
  const seen = new Set<string>();
  const pool: GenValue[] = [];
  for (const v of inRange) {
    const value = fromOrdinal(v, kind, scale);
    const key = JSON.stringify(value);
    if (!seen.has(key)) {
      seen.add(key);
      pool.push(value);
    }
  }
  return pool;
}

function ordinalOfBound(bound: number | string, kind: ValueKind): number | undefined {
  if (typeof bound === 'number') return kind === 'date' || kind === 'timestamp' ? undefined : bound;
  const seconds = toSeconds(bound);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** A value as an SQL literal of the dialect. */
export function sqlLiteral(value: GenValue, kind: ValueKind, scale: number, dialect: SqlDialect): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (kind === 'decimal') return value.toFixed(scale);
    return String(value);
  }
  void dialect;
  return `'${value.replace(/'/g, "''")}'`;
}
