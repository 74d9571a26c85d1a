import type { GenDataset, GenRow } from './dataset';
import { replaceValues, withoutRows, withRow } from './feature-edits';
import { valueMarks } from './value-marks';
import type { QueryConstants } from './query-facts';
import type { GenSchema } from './schema';

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
  const children = childLinks(schema);
  const { features, childlessCovered } = linkFeatures(schema, dataset, constants, children);
  schema.tables.forEach((table, t) => {
    const rows = dataset.rows[t]!;
    if (rows.length >= 2 && children.some((l) => l.parent === t && !l.self)) {
      // Without it: the first row alone (and what depends on it).
      features.push({ phrase: `several ${table.plural}`, without: withoutRows(schema, dataset, new Set(rows.slice(1).map((r) => r.rid))) });
    }
    if (rows.length === 0 && !childlessCovered.has(t)) {
      const added = withRow(schema, constants, dataset, t, {});
      features.push({ phrase: `no ${table.plural} at all`, ...(added && { without: added }) });
    }
    table.columns.forEach((column, c) => features.push(...columnFeatures({ schema, dataset, constants, children }, t, c)));
  });
  return features;
}

/** Rows without a match, and groups of one or several rows, along each reference between tables. */
function linkFeatures(schema: GenSchema, dataset: GenDataset, constants: QueryConstants, children: ChildLink[]): { features: DataFeature[]; childlessCovered: Set<number> } {
  const features: DataFeature[] = [];
  const tables = schema.tables;
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

  return { features, childlessCovered };
}

/** NULLs, repeated values, and values at, beside or outside the query's constants in one column. */
function columnFeatures(of: { schema: GenSchema; dataset: GenDataset; constants: QueryConstants; children: ChildLink[] }, t: number, c: number): DataFeature[] {
  const { schema, dataset, constants, children } = of;
  const tables = schema.tables;
  const table = tables[t]!;
  const column = table.columns[c]!;
  const rows = dataset.rows[t]!;
  const features: DataFeature[] = [];
  if (column.primaryKey || rows.length === 0) return features;
  const where = `${table.name}.${column.name}`;
  // NULLs
  if (rows.some((r) => r.values[c] === null)) {
    const replaced = replaceValues(schema, constants, dataset, t, c, (r) => r.values[c] === null);
    features.push({ phrase: `a NULL in ${where}`, ...(replaced && { without: replaced }) });
  }
  // A reference's values are its parent's keys; a time drawn relative to another's is said by its parent's.
  if (column.references || column.offsetFrom) return features;
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

/** "a customer", "an order". */
function a(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
