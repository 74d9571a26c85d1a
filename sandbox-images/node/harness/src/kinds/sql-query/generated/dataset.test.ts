import fc from 'fast-check';
import { queryConstants } from './query-facts';
import { datasetKey, DatasetArbitrary, insertStatements, parentsOf, rowCount, shrinkCandidates, type GenDataset } from './dataset';
import { readSchema } from './schema';

const SCRIPT = `CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), amount INTEGER NOT NULL);`;
const schema = readSchema(SCRIPT, 's.sql', 'sqlite', { rows: { customers: 3, orders: 5 } }, queryConstants('SELECT 1 WHERE amount > 100', 'sqlite'));
const arbitrary = new DatasetArbitrary(schema, { subsetCandidates: 40 });

function keysAndReferencesHold(d: GenDataset): boolean {
  const [customers, orders] = d.rows as [GenDataset['rows'][0], GenDataset['rows'][0]];
  const ids = customers.map((r) => r.values[0]);
  const emails = customers.map((r) => r.values[2]).filter((v) => v !== null);
  return (
    new Set(ids).size === ids.length &&
    new Set(emails).size === emails.length &&
    customers.every((r) => r.values[1] !== null) &&
    new Set(orders.map((r) => r.values[0])).size === orders.length &&
    orders.every((r) => r.values[1] === null || ids.includes(r.values[1]!)) &&
    customers.length <= 3 &&
    orders.length <= 5
  );
}

describe('generated datasets', () => {
  it('keep keys distinct, references pointing at existing rows, and NOT NULL columns filled', () => {
    fc.assert(fc.property(arbitrary, keysAndReferencesHold), { seed: 42, numRuns: 300 });
  });

  it('are the same for the same seed', () => {
    const draw = (seed: number) => fc.sample(arbitrary, { seed, numRuns: 20 }).map(datasetKey);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('hold NULLs, empty tables, childless and crowded parents over a few dozen draws', () => {
    const sample = fc.sample(arbitrary, { seed: 1, numRuns: 60 });
    expect(sample.some((d) => d.rows[1]!.some((r) => r.values[1] === null))).toBe(true);
    expect(sample.some((d) => d.rows[0]!.length === 0)).toBe(true);
    expect(sample.some((d) => d.rows[0]!.some((c) => !d.rows[1]!.some((o) => o.values[1] === c.values[0])))).toBe(true);
    expect(sample.some((d) => d.rows[0]!.some((c) => d.rows[1]!.filter((o) => o.values[1] === c.values[0]).length >= 2))).toBe(true);
    expect(sample.some((d) => d.rows[1]!.some((o) => [100, 101, 99].includes(o.values[2] as number)))).toBe(true);
  });

  it('shrink to subsets that keep every reference whole, the smallest first', () => {
    const big = fc.sample(arbitrary, { seed: 3, numRuns: 50 }).sort((a, b) => rowCount(b) - rowCount(a))[0]!;
    const candidates = [...shrinkCandidates(schema, big, 40)];
    expect(candidates.length).toBeGreaterThan(0);
    for (const candidate of candidates) {
      const kept = new Set(candidate.rows.flat().map((r) => r.rid));
      for (const [rid, parents] of parentsOf(schema, candidate)) expect(parents.every((p) => kept.has(p)) || !kept.has(rid)).toBe(true);
      expect(keysAndReferencesHold(candidate)).toBe(true);
    }
    const sizes = candidates.slice(0, 10).map(rowCount);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes[0]).toBe(0);
  });

  it('load as INSERT statements, parents first', () => {
    const dataset: GenDataset = { rows: [[{ rid: 0, values: [1, "O'Hara", null] }], [{ rid: 1, values: [2, 1, 150] }]] };
    expect(insertStatements(schema, dataset, 'sqlite')).toBe(
      "INSERT INTO customers (id, name, email) VALUES\n  (1, 'O''Hara', NULL);\nINSERT INTO orders (id, customer_id, amount) VALUES\n  (2, 1, 150);",
    );
  });
});
