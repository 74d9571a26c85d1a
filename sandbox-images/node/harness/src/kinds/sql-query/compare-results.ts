import type { QueryResult } from './query-result';
import { numericValue, type SqlValue } from './sql-value';

export interface CompareOptions {
  orderMatters: boolean;
  checkColumnNames: boolean;
  /** Absolute tolerance between two numbers. */
  numericTolerance: number;
  /**
   * The names the student's query writes as quoted identifiers (quoted-identifiers.ts): a
   * result column under one of them is compared with its case (sameColumnName). None by default.
   */
  quotedNames?: ReadonlySet<string>;
}

/** Why two results differ, most fundamental first; the feedback module turns it into words. */
export type Difference =
  | { kind: 'column-count'; expected: number; actual: number }
  /** The right values under the right names, in another column order. */
  | { kind: 'column-order'; expected: string[]; actual: string[] }
  /** `quoted`: the names differ only in case, and the student wrote the name in quotes, which keeps it. */
  | { kind: 'column-names'; index: number; expected: string; actual: string; quoted?: true }
  | {
      /** Order ignored: the rows of one side that the other lacks. */
      kind: 'rows';
      expectedCount: number;
      actualCount: number;
      /** The first few of each, and how many there are in all. */
      missing: SqlValue[][];
      extra: SqlValue[][];
      missingCount: number;
      extraCount: number;
    }
  | {
      /** Order matters: the first position where the two differ (one side may have run out). */
      kind: 'row-at';
      index: number;
      expectedCount: number;
      actualCount: number;
      expected?: SqlValue[];
      actual?: SqlValue[];
      /** The same rows as a multiset: only the order is wrong. */
      sameRowsOtherOrder: boolean;
    };

export type Comparison = { equal: true } | { equal: false; difference: Difference };

/**
 * Relative slack on top of the absolute tolerance: two sums of the same REALs added in a
 * different order differ in their last bits, which for large values exceeds any sensible
 * absolute tolerance. 1e-13 (some 450 ulps) is far below anything a wrong query produces. Not applied when
 * both values are integers, nor with a tolerance of 0 (exact).
 */
const RELATIVE_SLACK = 1e-13;

/** Rows of a difference kept for feedback, which shows only a few. */
const LISTED_ROWS = 50;

export function valuesEqual(expected: SqlValue, actual: SqlValue, tolerance: number): boolean {
  const a = numericValue(expected);
  const b = numericValue(actual);
  if (a !== undefined || b !== undefined) {
    // A string is never equal to a number, even "3" and 3: the query's types matter.
    if (a === undefined || b === undefined) return false;
    if (a === b) return true; // also equal infinities
    // PostgreSQL orders NaN equal to itself; so do we.
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
    // Tolerance 0: exact, as for money in numeric, where a floating-point sum's last bits are a mistake.
    if (tolerance === 0) return false;
    const diff = Math.abs(a - b);
    if (diff <= tolerance) return true;
    // Integer arithmetic is exact: only REALs get the relative slack.
    return !(Number.isInteger(a) && Number.isInteger(b)) && diff <= RELATIVE_SLACK * Math.max(Math.abs(a), Math.abs(b));
  }
  if (expected === null || actual === null) return expected === actual;
  if (typeof expected === 'string' || typeof actual === 'string') return expected === actual;
  if (typeof expected === 'boolean' || typeof actual === 'boolean') return expected === actual;
  return isBlob(expected) && isBlob(actual) && expected.blob === actual.blob;
}

function isBlob(value: SqlValue): value is { blob: string } {
  return typeof value === 'object' && value !== null && 'blob' in value;
}

export function rowsEqual(expected: readonly SqlValue[], actual: readonly SqlValue[], tolerance: number): boolean {
  return expected.length === actual.length && expected.every((value, i) => valuesEqual(value, actual[i] as SqlValue, tolerance));
}

export function compareResults(expected: QueryResult, actual: QueryResult, options: CompareOptions): Comparison {
  // The column count is always checked: a query with an extra column answers another question.
  if (expected.columns.length !== actual.columns.length) {
    return differ({ kind: 'column-count', expected: expected.columns.length, actual: actual.columns.length });
  }
  const quoted = options.quotedNames ?? NONE;
  const reordered = reorderedByName(expected.columns, actual, quoted);
  if (reordered && compareResults(expected, reordered, options).equal) {
    return differ({ kind: 'column-order', expected: expected.columns, actual: actual.columns });
  }
  if (options.checkColumnNames) {
    const index = expected.columns.findIndex((name, i) => !sameColumnName(name, actual.columns[i] as string, quoted));
    if (index >= 0) {
      const [want, got] = [expected.columns[index] as string, actual.columns[index] as string];
      return differ({ kind: 'column-names', index, expected: want, actual: got, ...(asciiLower(want) === asciiLower(got) && { quoted: true as const }) });
    }
  }
  const tolerance = options.numericTolerance;
  if (!options.orderMatters) {
    const { missing, extra } = unmatchedRows(expected.rows, actual.rows, tolerance);
    if (missing.length === 0 && extra.length === 0) return { equal: true };
    return differ({
      kind: 'rows',
      expectedCount: expected.rows.length,
      actualCount: actual.rows.length,
      missing: missing.slice(0, LISTED_ROWS),
      extra: extra.slice(0, LISTED_ROWS),
      missingCount: missing.length,
      extraCount: extra.length,
    });
  }

  const common = Math.min(expected.rows.length, actual.rows.length);
  let index = 0;
  while (index < common && rowsEqual(expected.rows[index] as SqlValue[], actual.rows[index] as SqlValue[], tolerance)) index += 1;
  if (index === common && expected.rows.length === actual.rows.length) return { equal: true };
  const asMultiset = unmatchedRows(expected.rows, actual.rows, tolerance);
  return differ({
    kind: 'row-at',
    index,
    expectedCount: expected.rows.length,
    actualCount: actual.rows.length,
    expected: expected.rows[index],
    actual: actual.rows[index],
    sameRowsOtherOrder: asMultiset.missing.length === 0 && asMultiset.extra.length === 0,
  });
}

const NONE: ReadonlySet<string> = new Set();

/**
 * SQL's rule for names, the same in both dialects: an unquoted name is case-insensitive
 * (PostgreSQL folds it to lower case, SQLite keeps what was written but matches ignoring
 * case), a quoted one is exact. So a result column matches the expected name when equal,
 * or equal ignoring case when the student did not write it quoted ("Orders", `Orders`,
 * [Orders]). Only ASCII letters fold, as in both engines.
 */
export function sameColumnName(expected: string, actual: string, quotedNames: ReadonlySet<string> = NONE): boolean {
  if (expected === actual) return true;
  return !quotedNames.has(actual) && asciiLower(expected) === asciiLower(actual);
}

function asciiLower(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The actual result with its columns put in the expected order, when each expected name
 * matches exactly one actual column (sameColumnName), in another order; else undefined.
 */
function reorderedByName(expectedColumns: string[], actual: QueryResult, quoted: ReadonlySet<string>): QueryResult | undefined {
  if (expectedColumns.every((name, i) => sameColumnName(name, actual.columns[i] as string, quoted))) return undefined;
  const positions: number[] = [];
  for (const name of expectedColumns) {
    const matches = actual.columns.flatMap((column, p) => (sameColumnName(name, column, quoted) ? [p] : []));
    if (matches.length !== 1 || positions.includes(matches[0]!)) return undefined;
    positions.push(matches[0]!);
  }
  return { columns: [...expectedColumns], rows: actual.rows.map((row) => positions.map((p) => row[p] as SqlValue)) };
}

function differ(difference: Difference): Comparison {
  return { equal: false, difference };
}

/**
 * Multiset difference of two row lists under the tolerance. Exact duplicates are paired
 * first by a canonical key (fast, and enough for almost every result); what is left is
 * paired by tolerance within groups of rows that agree on all their non-numeric values,
 * sorted on their first number so that each lookup scans only a narrow window.
 */
export function unmatchedRows(
  expected: readonly SqlValue[][],
  actual: readonly SqlValue[][],
  tolerance: number,
): { missing: SqlValue[][]; extra: SqlValue[][] } {
  const pending = new Map<string, SqlValue[][]>();
  for (const row of actual) push(pending, exactKey(row), row);
  const expectedLeft: SqlValue[][] = [];
  for (const row of expected) {
    const bucket = pending.get(exactKey(row));
    if (bucket && bucket.length > 0) bucket.pop();
    else expectedLeft.push(row);
  }
  const actualLeft = [...pending.values()].flat();
  if (expectedLeft.length === 0 || actualLeft.length === 0) return { missing: expectedLeft, extra: actualLeft };

  const groups = new Map<string, { rows: SqlValue[][]; used: boolean[] }>();
  for (const row of actualLeft) {
    const key = shapeKey(row);
    const group = groups.get(key) ?? { rows: [], used: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    group.rows.sort((x, y) => ascending(firstNumber(x), firstNumber(y)));
    group.used = group.rows.map(() => false);
  }

  const missing: SqlValue[][] = [];
  for (const row of expectedLeft) {
    const group = groups.get(shapeKey(row));
    const match = group ? findMatch(group.rows, group.used, row, tolerance) : -1;
    if (match >= 0 && group) group.used[match] = true;
    else missing.push(row);
  }
  const extra: SqlValue[][] = [];
  for (const group of groups.values()) {
    group.rows.forEach((row, i) => {
      if (!group.used[i]) extra.push(row);
    });
  }
  return { missing, extra };
}

function findMatch(sorted: SqlValue[][], used: boolean[], row: SqlValue[], tolerance: number): number {
  const x = firstNumber(row);
  if (!Number.isFinite(x)) {
    // No number, or an infinity: equality is exact here, scan the (short) group.
    return sorted.findIndex((candidate, i) => !used[i] && rowsEqual(row, candidate, tolerance));
  }
  const window = tolerance + RELATIVE_SLACK * Math.abs(x) * 2;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (firstNumber(sorted[mid] as SqlValue[]) < x - window) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < sorted.length && firstNumber(sorted[i] as SqlValue[]) <= x + window; i += 1) {
    if (!used[i] && rowsEqual(row, sorted[i] as SqlValue[], tolerance)) return i;
  }
  return -1;
}

/** The first numeric value of a row, NaN if it has none (then the group has no numbers at all). */
function firstNumber(row: readonly SqlValue[]): number {
  for (const value of row) {
    const n = numericValue(value);
    if (n !== undefined) return n;
  }
  return NaN;
}

/** A total order for sorting (NaN, a row without numbers, sorts last). */
function ascending(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function exactKey(row: readonly SqlValue[]): string {
  return JSON.stringify(row);
}

/** The row with every number replaced by a placeholder: rows that may match share it. */
function shapeKey(row: readonly SqlValue[]): string {
  return JSON.stringify(row.map((value) => (numericValue(value) === undefined ? value : '\u0000#')));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
