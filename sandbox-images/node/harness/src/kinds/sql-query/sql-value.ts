/**
 * An SQL value as it travels in JSON between the student-side runner and the harness.
 * SQLite gives numbers (safe integers off), strings, null and Buffers; PostgreSQL also
 * booleans and NaN (postgres/pg-values.ts says how its types map here). JSON cannot hold
 * a Buffer, an infinite number or NaN (JSON.stringify turns them into null), so those are
 * tagged. This module has no dependencies: the runners bundle it.
 */
export type SqlValue = null | number | string | boolean | { blob: string } | { real: SpecialReal };
export type SpecialReal = 'Infinity' | '-Infinity' | 'NaN';

export function encodeSqlValue(value: unknown): SqlValue {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    // SQLite stores NaN as NULL; PostgreSQL has it.
    if (Number.isNaN(value)) return { real: 'NaN' };
    return { real: value > 0 ? 'Infinity' : '-Infinity' };
  }
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return { blob: value.toString('hex') };
  throw new TypeError(`unexpected SQLite value of type ${typeof value}`);
}

/** The value as a number when it is one (integers and REALs alike), else undefined. */
export function numericValue(value: SqlValue): number | undefined {
  if (typeof value === 'number') return value;
  if (value !== null && typeof value === 'object' && 'real' in value) return value.real === 'Infinity' ? Infinity : value.real === 'NaN' ? NaN : -Infinity;
  return undefined;
}
