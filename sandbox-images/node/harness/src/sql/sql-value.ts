/**
 * An SQLite value as it travels in JSON between the student-side runner and the harness.
 * SQLite gives numbers (safe integers off), strings, null and Buffers; JSON cannot hold
 * a Buffer or an infinite REAL (JSON.stringify turns Infinity into null), so those two
 * are tagged. This module has no dependencies: the runner bundles it.
 */
export type SqlValue = null | number | string | { blob: string } | { real: 'Infinity' | '-Infinity' };

export function encodeSqlValue(value: unknown): SqlValue {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    // SQLite stores NaN as NULL, so only the two infinities reach here.
    return { real: value > 0 ? 'Infinity' : '-Infinity' };
  }
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return { blob: value.toString('hex') };
  throw new TypeError(`unexpected SQLite value of type ${typeof value}`);
}

/** The value as a number when it is one (integers and REALs alike), else undefined. */
export function numericValue(value: SqlValue): number | undefined {
  if (typeof value === 'number') return value;
  if (value !== null && typeof value === 'object' && 'real' in value) return value.real === 'Infinity' ? Infinity : -Infinity;
  return undefined;
}
