import { LIMITS } from '@grader/contracts/src/limits';
import type { QueryResult } from './query-result';
import type { SqlValue } from './sql-value';

/**
 * Short renderings of SQL values for feedback, in SQL literal style so that the
 * student sees the difference between the text '3' and the number 3: strings quoted,
 * NULL spelled out, blobs as X'…'. Long values and long tables are cut.
 */
const VALUE_CHARS = 40;
const TABLE_ROWS = 10;
const LINE_CHARS = 200;
const ELLIPSIS = '…';

export function renderValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return `'${cut(value.replace(/'/g, "''").replace(/\r?\n/g, '\\n'), VALUE_CHARS)}'`;
  if ('blob' in value) return `X'${cut(value.blob.toUpperCase(), VALUE_CHARS)}'`;
  return value.real === 'Infinity' ? 'Inf' : value.real === 'NaN' ? 'NaN' : '-Inf';
}

/** One row as a tuple: (1, 'Ada', NULL). */
export function renderRow(row: readonly SqlValue[]): string {
  return cut(`(${row.map(renderValue).join(', ')})`, LINE_CHARS);
}

/** A small text table with a header, at most a few rows, and the total row count. */
export function renderTable(result: QueryResult, maxChars: number = LIMITS.text.testChars): string {
  const shown = result.rows.slice(0, TABLE_ROWS).map((row) => row.map(renderValue));
  const header = result.columns.map((name) => cut(name, VALUE_CHARS));
  const widths = header.map((name, i) => Math.max(name.length, ...shown.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cut(cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ').trimEnd(), LINE_CHARS);
  const lines = [line(header), cut(widths.map((w) => '-'.repeat(w)).join('-+-'), LINE_CHARS), ...shown.map(line)];
  const hidden = result.rows.length - shown.length;
  if (hidden > 0) lines.push(`${ELLIPSIS} ${hidden} more ${hidden === 1 ? 'row' : 'rows'}`);
  lines.push(`(${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'})`);
  return cut(lines.join('\n'), maxChars);
}

export function cut(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - ELLIPSIS.length)}${ELLIPSIS}`;
}
