import type { QueryConstants } from './query-facts';
import type { GenColumn } from './schema';
import { constantOrdinals, ordinal, stepOf, type GenValue } from './values';

/** Where a column's values stand against the query's constants (at, beside, outside their range) and zero or below: each a kind of data a counterexample may hold, with the rows that hold it. */
export function valueMarks(column: GenColumn, values: GenValue[], constants: QueryConstants): Array<{ phrase: string; rows: Set<number> }> {
  const kind = column.kind;
  if (kind === 'text' || kind === 'boolean') return [];
  const step = stepOf(kind, column.scale);
  const anchors = constantOrdinals(constants, kind).filter(Number.isFinite);
  const at = new Set<number>();
  const beside = new Set<number>();
  const before = new Set<number>();
  const after = new Set<number>();
  const zero = new Set<number>();
  const negative = new Set<number>();
  values.forEach((value, i) => {
    const v = ordinal(value, kind);
    if (v === undefined || !Number.isFinite(v)) return;
    const distances = anchors.map((a) => Math.abs(v - a));
    if (distances.some((d) => d < step / 1000)) at.add(i);
    else if (distances.some((d) => Math.abs(d - step) < step / 1000)) beside.add(i);
    if ((kind === 'date' || kind === 'timestamp') && anchors.length >= 2) {
      if (v < Math.min(...anchors) - step / 1000 && !beside.has(i)) before.add(i);
      if (v > Math.max(...anchors) + step / 1000 && !beside.has(i)) after.add(i);
    }
    if (kind === 'integer' || kind === 'decimal') {
      if (v === 0) zero.add(i);
      if (v < 0) negative.add(i);
    }
  });
  const marks: Array<{ phrase: string; rows: Set<number> }> = [];
  const time = kind === 'date' ? 'date' : 'time';
  if (at.size > 0) marks.push({ phrase: 'a value of % exactly on a boundary of the query', rows: at });
  if (beside.size > 0) marks.push({ phrase: 'a value of % just beside a boundary of the query', rows: beside });
  if (before.size > 0) marks.push({ phrase: `a value of % before every ${time} the query names`, rows: before });
  if (after.size > 0) marks.push({ phrase: `a value of % after every ${time} the query names`, rows: after });
  if (zero.size > 0 && !at.has([...zero][0]!)) marks.push({ phrase: 'a zero in %', rows: zero });
  if (negative.size > 0) marks.push({ phrase: 'a negative value in %', rows: negative });
  return marks;
}
