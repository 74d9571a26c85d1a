import { keepRows, parentsOf, withDependents, type GenDataset, type GenRow } from './dataset';
import type { QueryConstants } from './query-facts';
import type { GenColumn, GenSchema, GenTable } from './schema';
import { valueMarks } from './value-marks';
import { constantOrdinals, fromOrdinal, ordinal, stepOf, type GenValue } from './values';

/**
 * A dataset with one kind of data taken out (features.ts): values replaced by ordinary ones,
 * a row added, rows dropped with what depends on them. Each keeps the dataset consistent
 * (references, times drawn relative to another's).
 */

/**
 * The dataset with the chosen rows' value of one column replaced by an ordinary one: not NULL,
 * not repeated, not at, beside or outside a constant, positive. Undefined when there is none.
 */
export function replaceValues(schema: GenSchema, constants: QueryConstants, dataset: GenDataset, t: number, c: number, chosen: (row: GenRow) => boolean): GenDataset | undefined {
  const table = schema.tables[t]!;
  const column = table.columns[c]!;
  const rows = dataset.rows[t]!;
  const taken = new Set(rows.filter((r) => !chosen(r)).map((r) => JSON.stringify(r.values[c])));
  const replacement = new Map<number, GenValue>();
  for (const row of rows) {
    if (!chosen(row)) continue;
    const value = column.references ? parentKey(schema, dataset, column) : ordinaryValue(column, taken, constants);
    if (value === undefined) return undefined;
    taken.add(JSON.stringify(value));
    replacement.set(row.rid, value);
  }
  const replaced: GenDataset = {
    rows: dataset.rows.map((rs, i) => (i !== t ? rs : rs.map((r) => (replacement.has(r.rid) ? { rid: r.rid, values: r.values.map((v, j) => (j === c ? replacement.get(r.rid)! : v)) } : r)))),
  };
  return shiftDependents(schema, dataset, replaced, t, c);
}

/**
 * Times drawn relative to a changed value (offsetFrom) move with it, so that taking a kind of
 * value out keeps every row's relation to its parent: an order 30 days after its customer's
 * signup stays 30 days after it.
 */
function shiftDependents(schema: GenSchema, before: GenDataset, after: GenDataset, t: number, c: number): GenDataset {
  const table = schema.tables[t]!;
  const source = table.columns[c]!;
  let rows = after.rows;
  schema.tables.forEach((child, ct) => {
    child.columns.forEach((column, cc) => {
      const from = column.offsetFrom;
      if (!from || from.table !== table.name || from.column !== source.name) return;
      const key = table.columns.findIndex((k) => k.name === child.columns[from.via]!.references!.column);
      const deltas = new Map<string, number>();
      before.rows[t]!.forEach((old, k) => {
        const was = ordinal(old.values[c] ?? null, source.kind);
        const now = ordinal(after.rows[t]![k]!.values[c] ?? null, source.kind);
        if (was !== undefined && now !== undefined && was !== now) deltas.set(JSON.stringify(old.values[key]), now - was);
      });
      rows = rows.map((rs, i) =>
        i !== ct
          ? rs
          : rs.map((r) => {
              const delta = deltas.get(JSON.stringify(r.values[from.via]));
              const value = ordinal(r.values[cc] ?? null, column.kind);
              if (delta === undefined || value === undefined) return r;
              return { rid: r.rid, values: r.values.map((v, j) => (j === cc ? fromOrdinal(value + delta, column.kind, column.scale) : v)) };
            }),
      );
    });
  });
  return { rows };
}

function parentKey(schema: GenSchema, dataset: GenDataset, column: GenColumn): GenValue | undefined {
  const p = schema.tables.findIndex((x) => x.name === column.references!.table);
  const key = schema.tables[p]!.columns.findIndex((x) => x.name === column.references!.column);
  return dataset.rows[p]!.find((r) => r.values[key] !== null)?.values[key];
}

function ordinaryValue(column: GenColumn, taken: Set<string>, constants: QueryConstants): GenValue | undefined {
  const kind = column.kind;
  const fine = (value: GenValue): boolean => value !== null && !taken.has(JSON.stringify(value)) && valueMarks(column, [value], constants).length === 0;
  const fromPool = column.pool.find(fine);
  if (fromPool !== undefined) return fromPool;
  if (kind === 'text') {
    for (let k = 1; k < 100; k += 1) if (fine(`Zed${k}`)) return `Zed${k}`;
    return undefined;
  }
  if (kind === 'boolean') return [true, false].find(fine);
  const step = stepOf(kind, column.scale);
  const anchors = constantOrdinals(constants, kind).filter(Number.isFinite);
  const low = anchors.length > 0 ? Math.min(...anchors) : kind === 'integer' || kind === 'decimal' ? 0 : ordinal('2024-01-01', kind)!;
  const high = anchors.length > 0 ? Math.max(...anchors) : low;
  const starts = kind === 'integer' || kind === 'decimal' ? [7 * step * 100, 13, 29, 61, 127, 251] : [low + (high - low) / 2 + 3 * step, low + 5 * step, high - 5 * step];
  for (const start of starts) {
    for (let k = 0; k < 20; k += 1) {
      const value = fromOrdinal(start + k * 3 * step, kind, column.scale);
      if (fine(value)) return value;
    }
  }
  return undefined;
}

/** The dataset with one more row in table t, of ordinary values, `set` (column index → value) on top. */
export function withRow(schema: GenSchema, constants: QueryConstants, dataset: GenDataset, t: number, set: Record<number, GenValue>): GenDataset | undefined {
  const table: GenTable = schema.tables[t]!;
  const rows = dataset.rows[t]!;
  const values: GenValue[] = [];
  for (const [c, column] of table.columns.entries()) {
    if (c in set) {
      values.push(set[c]!);
      continue;
    }
    const taken = new Set(rows.map((r) => JSON.stringify(r.values[c])));
    let value: GenValue | undefined;
    if (column.primaryKey && column.kind === 'integer') {
      value = 1;
      while (taken.has(String(value))) value += 1;
    } else if (column.references) {
      value = parentKey(schema, dataset, column) ?? (column.nullable ? null : undefined);
    } else {
      value = ordinaryValue(column, column.unique ? taken : new Set(), constants);
    }
    if (value === undefined) return undefined;
    values.push(value);
  }
  const rid = Math.max(-1, ...dataset.rows.flat().map((r) => r.rid)) + 1;
  return { rows: dataset.rows.map((rs, i) => (i === t ? [...rs, { rid, values }] : rs)) };
}

/** The dataset without these rows and whatever depends on them. */
export function withoutRows(schema: GenSchema, dataset: GenDataset, drop: Set<number>): GenDataset {
  withDependents(parentsOf(schema, dataset), drop);
  return keepRows(dataset, new Set(dataset.rows.flat().map((r) => r.rid).filter((rid) => !drop.has(rid))));
}
