import fc from 'fast-check';
import type { SqlDialect } from '../../../contracts';
import type { GenColumn, GenSchema, GenTable } from './schema';
import { fromOrdinal, ordinal, sqlLiteral, type GenValue } from './values';

/** One generated row; `rid` tells it apart within its dataset (shrinking keeps rows by it). */
export interface GenRow {
  rid: number;
  values: GenValue[];
}

/** A generated dataset: the rows of each table of the schema, in the schema's order. */
export interface GenDataset {
  rows: GenRow[][];
}

/** Equal for datasets with the same rows, whatever their rids: what the judgements are remembered by. */
export function datasetKey(dataset: GenDataset): string {
  return JSON.stringify(dataset.rows.map((rows) => rows.map((r) => r.values)));
}

export function rowCount(dataset: GenDataset): number {
  return dataset.rows.reduce((n, rows) => n + rows.length, 0);
}

/** Chance of NULL in a column that allows it, one in … */
const NULL_ONE_IN = 5;

export interface DatasetArbitraryOptions {
  /** Smaller datasets tried first while shrinking, at most this many per step (the rest: one row fewer at a time). */
  subsetCandidates: number;
}

/**
 * Datasets drawn from a schema: each table gets 0 to its maximum of rows, keys distinct,
 * references pointing at existing rows (or NULL where allowed), every other column drawn from
 * its small pool (so ties and repeats are common), NULL one time in five where allowed.
 * Whether a parent has no child, one or several follows from the draws.
 *
 * Shrinking keeps every reference whole: its candidates are the dataset's subsets of rows in
 * which every row's parent rows are kept, the smallest first (so the first that still shows a
 * difference is as small as any), then every dataset with one row fewer (and the rows that
 * depend on it). Values are never changed: a counterexample holds only values the generator drew.
 */
export class DatasetArbitrary extends fc.Arbitrary<GenDataset> {
  constructor(
    private readonly schema: GenSchema,
    private readonly options: DatasetArbitraryOptions,
  ) {
    super();
  }

  generate(mrng: fc.Random): fc.Value<GenDataset> {
    return new fc.Value(generateDataset(this.schema, (min, max) => mrng.nextInt(min, max)), undefined);
  }

  canShrinkWithoutContext(value: unknown): value is GenDataset {
    void value;
    return false;
  }

  shrink(value: GenDataset): fc.Stream<fc.Value<GenDataset>> {
    return new fc.Stream(mapIterator(shrinkCandidates(this.schema, value, this.options.subsetCandidates), (d) => new fc.Value(d, undefined)));
  }
}

function* mapIterator<A, B>(items: Iterable<A>, f: (a: A) => B): IterableIterator<B> {
  for (const item of items) yield f(item);
}

/** Draws one dataset; `int(min, max)` gives a random integer in [min, max]. */
export function generateDataset(schema: GenSchema, int: (min: number, max: number) => number): GenDataset {
  let rid = 0;
  const rows: GenRow[][] = [];
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  schema.tables.forEach((table, t) => {
    const wanted = int(0, table.maxRows);
    const own: GenRow[] = [];
    rows.push(own);
    const used = table.columns.map(() => new Set<string>());
    const usedSets = table.uniqueSets.map(() => new Set<string>());
    const order = columnOrder(table);
    for (let attempt = 0; attempt < wanted; attempt += 1) {
      const values: GenValue[] = new Array<GenValue>(table.columns.length).fill(null);
      let ok = true;
      for (const c of order) {
        const column = table.columns[c]!;
        const value = drawValue(schema, table, t, column, values, rows, own, used[c]!, int, pick);
        if (value === undefined) {
          ok = false;
          break;
        }
        values[c] = value;
      }
      if (!ok) continue;
      const setKeys = table.uniqueSets.map((set) => (set.some((c) => values[c] === null) ? undefined : JSON.stringify(set.map((c) => values[c]))));
      if (setKeys.some((key, s) => key !== undefined && usedSets[s]!.has(key))) continue;
      setKeys.forEach((key, s) => key !== undefined && usedSets[s]!.add(key));
      table.columns.forEach((column, c) => column.unique && values[c] !== null && used[c]!.add(JSON.stringify(values[c])));
      own.push({ rid: rid++, values });
    }
  });
  return { rows };
}

/** Keys first, then references (a time relative to a parent needs the parent), then the rest. */
function columnOrder(table: GenTable): number[] {
  const rank = (c: GenColumn): number => (c.primaryKey ? 0 : c.references ? 1 : c.offsetFrom ? 3 : 2);
  return table.columns.map((c, i) => ({ i, r: rank(c) })).sort((a, b) => a.r - b.r || a.i - b.i).map(({ i }) => i);
}

/** One column's value of a new row; undefined when none can be drawn (the row is dropped). */
function drawValue(
  schema: GenSchema,
  table: GenTable,
  t: number,
  column: GenColumn,
  values: GenValue[],
  rows: GenRow[][],
  own: GenRow[],
  used: Set<string>,
  int: (min: number, max: number) => number,
  pick: <T>(items: readonly T[]) => T,
): GenValue | undefined {
  const maybeNull = column.nullable && int(1, NULL_ONE_IN) === 1;
  if (column.references) {
    const parentIndex = schema.tables.findIndex((p) => p.name === column.references!.table);
    const parent = schema.tables[parentIndex]!;
    const key = parent.columns.findIndex((c) => c.name === column.references!.column);
    const parentRows = parentIndex === t ? own : rows[parentIndex] ?? [];
    const keys = [...new Set(parentRows.map((r) => r.values[key]).filter((v) => v !== null))];
    if (maybeNull || keys.length === 0) return column.nullable ? null : undefined;
    const choices = column.unique ? keys.filter((k) => !used.has(JSON.stringify(k))) : keys;
    return choices.length === 0 ? undefined : pick(choices);
  }
  if (column.offsetFrom) {
    const from = column.offsetFrom;
    const via = table.columns[from.via]!;
    const parentIndex = schema.tables.findIndex((p) => p.name === from.table);
    const parent = schema.tables[parentIndex]!;
    const key = parent.columns.findIndex((c) => c.name === via.references!.column);
    const source = parent.columns.findIndex((c) => c.name === from.column);
    const parentRow = (parentIndex === t ? own : rows[parentIndex] ?? []).find((r) => values[from.via] !== null && r.values[key] === values[from.via]);
    const base = parentRow ? ordinal(parentRow.values[source] ?? null, parent.columns[source]!.kind) : undefined;
    if (maybeNull) return null;
    if (base !== undefined && Number.isFinite(base)) return fromOrdinal(base + pick(from.offsets), column.kind, column.scale);
    // No parent time to start from: an ordinary value.
  }
  if (maybeNull) return null;
  if (column.primaryKey && column.kind === 'integer') {
    const free: number[] = [];
    for (let id = 1; id <= table.maxRows + 3; id += 1) if (!used.has(String(id))) free.push(id);
    return free.length === 0 ? undefined : pick(free);
  }
  const choices = column.unique ? column.pool.filter((v) => !used.has(JSON.stringify(v))) : column.pool;
  return choices.length === 0 ? undefined : pick(choices);
}

/** The rows a row cannot be kept without: the rows its references point at. */
export function parentsOf(schema: GenSchema, dataset: GenDataset): Map<number, number[]> {
  const parents = new Map<number, number[]>();
  schema.tables.forEach((table, t) => {
    for (const row of dataset.rows[t]!) {
      const mine: number[] = [];
      table.columns.forEach((column, c) => {
        const value = row.values[c];
        if (!column.references || value === null) return;
        const p = schema.tables.findIndex((x) => x.name === column.references!.table);
        const key = schema.tables[p]!.columns.findIndex((x) => x.name === column.references!.column);
        const parent = dataset.rows[p]!.find((r) => r.values[key] === value);
        if (parent && parent.rid !== row.rid) mine.push(parent.rid);
      });
      parents.set(row.rid, mine);
    }
  });
  return parents;
}

/** The dataset with only the rows whose rids are kept. */
export function keepRows(dataset: GenDataset, keep: ReadonlySet<number>): GenDataset {
  return { rows: dataset.rows.map((rows) => rows.filter((r) => keep.has(r.rid))) };
}

/** Candidates of the shrinking: see DatasetArbitrary. */
export function* shrinkCandidates(schema: GenSchema, dataset: GenDataset, subsetCandidates: number): IterableIterator<GenDataset> {
  const parents = parentsOf(schema, dataset);
  const rids = dataset.rows.flat().map((r) => r.rid);
  const n = rids.length;
  const closed = (keep: Set<number>): boolean => [...keep].every((rid) => (parents.get(rid) ?? []).every((p) => keep.has(p)));
  const seen = new Set<string>();
  let yielded = 0;
  let tried = 0;
  outer: for (let k = 0; k < n; k += 1) {
    for (const combination of combinations(n, k)) {
      if (yielded >= subsetCandidates || (tried += 1) > subsetCandidates * 50) break outer;
      const keep = new Set(combination.map((i) => rids[i]!));
      if (!closed(keep)) continue;
      const candidate = keepRows(dataset, keep);
      seen.add(datasetKey(candidate));
      yielded += 1;
      yield candidate;
    }
  }
  // One row fewer, with whatever depends on it.
  for (const rid of rids) {
    const drop = withDependents(parents, new Set([rid]));
    const candidate = keepRows(dataset, new Set(rids.filter((r) => !drop.has(r))));
    const key = datasetKey(candidate);
    if (seen.has(key)) continue;
    seen.add(key);
    yield candidate;
  }
}

/** `drop` (changed in place) with every row that depends on one of its rows, directly or not. */
export function withDependents(parents: Map<number, number[]>, drop: Set<number>): Set<number> {
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, ps] of parents) {
      if (!drop.has(child) && ps.some((p) => drop.has(p))) {
        drop.add(child);
        grew = true;
      }
    }
  }
  return drop;
}

/** Index combinations of size k out of n, in lexicographic order. */
function* combinations(n: number, k: number): IterableIterator<number[]> {
  const c = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    yield [...c];
    let i = k - 1;
    while (i >= 0 && c[i] === n - k + i) i -= 1;
    if (i < 0) return;
    c[i]! += 1;
    for (let j = i + 1; j < k; j += 1) c[j] = c[j - 1]! + 1;
  }
}

/** The INSERT statements of a dataset, parents first; none for an empty table. */
export function insertStatements(schema: GenSchema, dataset: GenDataset, dialect: SqlDialect): string {
  const lines: string[] = [];
  schema.tables.forEach((table, t) => {
    const rows = dataset.rows[t]!;
    if (rows.length === 0) return;
    const columns = table.columns.map((c) => name(c.name)).join(', ');
    const tuples = rows.map((r) => `(${r.values.map((v, c) => sqlLiteral(v, table.columns[c]!.kind, table.columns[c]!.scale, dialect)).join(', ')})`);
    lines.push(`INSERT INTO ${name(table.name)} (${columns}) VALUES\n  ${tuples.join(',\n  ')};`);
  });
  return lines.join('\n');
}

/** The whole script that builds the dataset: the schema's CREATE statements, then the rows. */
export function datasetScript(schema: GenSchema, dataset: GenDataset, dialect: SqlDialect): string {
  return `${schema.ddl}${insertStatements(schema, dataset, dialect)}\n`;
}

/** A name as the CREATE statement gave it: plain when it can be, quoted otherwise. */
function name(identifier: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(identifier) ? identifier : `"${identifier.replace(/"/g, '""')}"`;
}
