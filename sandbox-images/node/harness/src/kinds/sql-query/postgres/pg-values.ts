import type { SqlValue } from '../sql-value';

/**
 * PostgreSQL values, as the engine prints them in its text format, turned into the values
 * the comparison and the feedback use (sql-value.ts). Every value is read as text (no
 * client-side parsing), then by its column's type:
 *
 * | PostgreSQL type                          | compared as                                  |
 * |------------------------------------------|----------------------------------------------|
 * | smallint, integer, bigint, oid           | a number (bigint beyond 2^53 loses precision, as SQLite's integers do here) |
 * | real, double precision, numeric          | a number, within the exercise's tolerance: numeric `12.50` equals `12.5`; NaN and ±Infinity tagged |
 * | boolean                                  | true / false (never equal to 1 / 0)          |
 * | bytea                                    | bytes, as hex                                |
 * | date, timestamp, timestamptz, time, interval | the ISO text PostgreSQL prints: `2024-03-01`, `2024-03-01 09:30:00`, `2024-03-01 09:30:00+00` (the session's time zone is UTC), `3 days 04:00:00` |
 * | everything else (text, varchar, json, arrays, uuid, …) | the text PostgreSQL prints          |
 *
 * So a date and the same date cast to text compare equal, while a date and a timestamp at
 * midnight do not: the printed text differs, as the types do.
 */
export const PG_TYPES = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  float4: 700,
  float8: 701,
  numeric: 1700,
} as const;

const INTEGER_TYPES = new Set<number>([PG_TYPES.int8, PG_TYPES.int2, PG_TYPES.int4, PG_TYPES.oid]);
const FLOAT_TYPES = new Set<number>([PG_TYPES.float4, PG_TYPES.float8, PG_TYPES.numeric]);

export function pgValue(text: string | null, typeId: number): SqlValue {
  if (text === null) return null;
  if (INTEGER_TYPES.has(typeId)) return Number(text);
  if (FLOAT_TYPES.has(typeId)) {
    switch (text) {
      case 'NaN':
        return { real: 'NaN' };
      case 'Infinity':
        return { real: 'Infinity' };
      case '-Infinity':
        return { real: '-Infinity' };
      default:
        return Number(text);
    }
  }
  if (typeId === PG_TYPES.bool) return text === 't';
  if (typeId === PG_TYPES.bytea && text.startsWith('\\x')) return { blob: text.slice(2).toLowerCase() };
  return text;
}
