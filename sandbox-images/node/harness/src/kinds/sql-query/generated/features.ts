import { keepRows, parentsOf, withDependents, type GenDataset, type GenRow } from './dataset';
import type { QueryConstants } from './query-facts';
import type { GenColumn, GenSchema, GenTable } from './schema';
import { constantOrdinals, fromOrdinal, ordinal, stepOf, type GenValue } from './values';

/**
 * A kind of data a counterexample holds, in words that give none of its values ("a customer
 * without orders", "a NULL in orders.amount", "two customers with the same name"), and the
 * same dataset without it, to tell whether it is what the query gets wrong.
 */
export interface DataFeature {
  phrase: string;
  /** The dataset with this feature taken out; undefined when it cannot be (it is then kept as a cause). */
  without?: GenDataset;
}

/**
 * The kinds of data in a (shrunk) dataset that wrong queries get wrong: empty tables, rows
 * without a match, groups of several rows, NULLs, repeated values, values at or beside the
 * query's constants or outside their range, zeros and negatives.
 */
export function dataFeatures(schema: GenSchema, dataset: GenDataset, constants: QueryConstants): DataFeature[] {
  const features: DataFeature[] = [];
  const tables = schema.tables;
  const children = childLinks(schema);

  // Rows without a match, and groups of several rows.
  const childlessCovered = new Set<number>();
  for (const link of children) {
    const parentRows = dataset.rows[link.parent]!;
    const childRows = dataset.rows[link.child]!;
    const parentTable = tables[link.parent]!;
    const childTable = tables[link.child]!;
    if (parentRows.length === 0) continue;
    const counts = parentRows.map((p) => childRows.filter((c) => c.values[link.column] !== null && c.values[link.column] === p.values[link.key]).length);
    if (counts.some((n) => n === 0)) {
      childlessCovered.add(link.child);
      const lonely = parentRows.filter((_, i) => counts[i] === 0);
      const phrase = link.self
        ? `${a(parentTable.noun)} no other ${childTable.noun} refers to`
        : `${a(parentTable.noun)} without ${childTable.plural}`;
      const added = lonely.reduce<GenDataset | undefined>((d, p) => (d ? withRow(schema, constants, d, link.child, { [link.column]: p.values[link.key]! }) : undefined), dataset);
      features.push({ phrase, ...(added && { without: added }) });
    }
    const single = parentRows.filter((_, i) => counts[i] === 1);
    if (single.length > 0 && !link.self) {
      // Without it: that one child gone (a parent without children is another kind).
      const drop = new Set(childRows.filter((c) => single.some((p) => c.values[link.column] === p.values[link.key])).map((c) => c.rid));
      features.push({ phrase: `${a(parentTable.noun)} with one ${childTable.noun}`, without: withoutRows(schema, dataset, drop) });
    }
    const crowded = parentRows.filter((_, i) => counts[i]! >= 2);
    if (crowded.length > 0 && !link.self) {
      // Without it: each such parent keeps one of its children (and what depends on that one).
      const drop = new Set<number>();
      for (const p of crowded) {
        const mine = childRows.filter((c) => c.values[link.column] === p.values[link.key]);
        mine.slice(1).forEach((c) => drop.add(c.rid));
      }
      features.push({ phrase: `${a(parentTable.noun)} with several ${childTable.plural}`, without: withoutRows(schema, dataset, drop) });
    }
  }

  tables.forEach((table, t) => {
    const rows = dataset.rows[t]!;
    if (rows.length >= 2 && children.some((l) => l.parent === t && !l.self)) {
      // Without it: the first row alone (and what depends on it).
      features.push({ phrase: `several ${table.plural}`, without: withoutRows(schema, dataset, new Set(rows.slice(1).map((r) => r.rid))) });
    }
    if (rows.length === 0 && !childlessCovered.has(t)) {
      const added = withRow(schema, constants, dataset, t, {});
      features.push({ phrase: `no ${table.plural} at all`, ...(added && { without: added }) });
    }
    table.columns.forEach((column, c) => {
      if (column.primaryKey || rows.length === 0) return;
      const where = `${table.name}.${column.name}`;
      // NULLs
      if (rows.some((r) => r.values[c] === null)) {
        const replaced = replaceValues(schema, constants, dataset, t, c, (r) => r.values[c] === null);
        features.push({ phrase: `a NULL in ${where}`, ...(replaced && { without: replaced }) });
      }
      // A reference's values are its parent's keys; a time drawn relative to another's is said by its parent's.
      if (column.references || column.offsetFrom) return;
      // Repeated values, within one parent's rows when the table has a parent.
      const parentLink = children.find((l) => l.child === t && !l.self);
      const groups = new Map<string, GenRow[]>();
      for (const r of rows) {
        if (r.values[c] === null) continue;
        const scope = parentLink ? JSON.stringify(r.values[parentLink.column]) : '';
        const key = `${scope}\u0000${JSON.stringify(r.values[c])}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      const repeated = [...groups.values()].filter((g) => g.length > 1);
      if (repeated.length > 0) {
        const later = new Set(repeated.flatMap((g) => g.slice(1).map((r) => r.rid)));
        const replaced = replaceValues(schema, constants, dataset, t, c, (r) => later.has(r.rid));
        const ofOne = parentLink && repeated.every((g) => g[0]!.values[parentLink.column] !== null) ? ` of one ${tables[parentLink.parent]!.noun}` : '';
        features.push({ phrase: `two ${table.plural}${ofOne} with the same ${column.name}`, ...(replaced && { without: replaced }) });
      }
      // Values at, beside or outside the query's constants; zeros and negatives.
      const marks = valueMarks(column, rows.map((r) => r.values[c]!), constants);
      for (const mark of marks) {
        const replaced = replaceValues(schema, constants, dataset, t, c, (r) => mark.rows.has(rows.indexOf(r)));
        features.push({ phrase: mark.phrase.replace('%', where), ...(replaced && { without: replaced }) });
      }
    });
  });
  return features;
}

interface ChildLink {
  parent: number;
  child: number;
  /** The child's column holding the parent's key, and the parent's key column. */
  column: number;
  key: number;
  self: boolean;
}

function childLinks(schema: GenSchema): ChildLink[] {
  const links: ChildLink[] = [];
  schema.tables.forEach((table, child) => {
    table.columns.forEach((column, c) => {
      if (!column.references) return;
      const parent = schema.tables.findIndex((p) => p.name === column.references!.table);
      const key = schema.tables[parent]!.columns.findIndex((k) => k.name === column.references!.column);
      links.push({ parent, child, column: c, key, self: parent === child });
    });
  });
  return links;
}

function valueMarks(column: GenColumn, values: GenValue[], constants: QueryConstants): Array<{ phrase: string; rows: Set<number> }> {
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

/**
 * The dataset with the chosen rows' value of one column replaced by an ordinary one: not NULL,
 * not repeated, not at, beside or outside a constant, positive. Undefined when there is none.
 */
function replaceValues(schema: GenSchema, constants: QueryConstants, dataset: GenDataset, t: number, c: number, chosen: (row: GenRow) => boolean): GenDataset | undefined {
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
function withRow(schema: GenSchema, constants: QueryConstants, dataset: GenDataset, t: number, set: Record<number, GenValue>): GenDataset | undefined {
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
function withoutRows(schema: GenSchema, dataset: GenDataset, drop: Set<number>): GenDataset {
  withDependents(parentsOf(schema, dataset), drop);
  return keepRows(dataset, new Set(dataset.rows.flat().map((r) => r.rid).filter((rid) => !drop.has(rid))));
}

/** "a customer", "an order". */
function a(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
