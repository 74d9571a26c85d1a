import { compareResults, sameColumnName, unmatchedRows, valuesEqual, type CompareOptions, type Difference } from './compare-results';
import type { QueryResult } from './query-result';
import type { SqlValue } from './sql-value';

const unordered: CompareOptions = { orderMatters: false, checkColumnNames: false, numericTolerance: 1e-9 };
const ordered: CompareOptions = { ...unordered, orderMatters: true };

function result(columns: string[], rows: SqlValue[][]): QueryResult {
  return { columns, rows };
}

function difference(expected: QueryResult, actual: QueryResult, options = unordered): Difference {
  const comparison = compareResults(expected, actual, options);
  if (comparison.equal) throw new Error('expected a difference');
  return comparison.difference;
}

describe('valuesEqual', () => {
  it('treats an integer and a REAL within the tolerance as equal', () => {
    expect(valuesEqual(3, 3.0000000001, 1e-9)).toBe(true);
    expect(valuesEqual(3, 3.1, 1e-9)).toBe(false);
  });

  it('never treats a string as equal to a number, even when it spells it', () => {
    expect(valuesEqual('3', 3, 1e-9)).toBe(false);
    expect(valuesEqual(3, '3', 1e-9)).toBe(false);
  });

  it('compares NULL only with NULL', () => {
    expect(valuesEqual(null, null, 0)).toBe(true);
    expect(valuesEqual(null, 0, 0)).toBe(false);
    expect(valuesEqual('', null, 0)).toBe(false);
  });

  it('compares blobs by content and never with text', () => {
    expect(valuesEqual({ blob: 'ab01' }, { blob: 'ab01' }, 0)).toBe(true);
    expect(valuesEqual({ blob: 'ab01' }, { blob: 'ab02' }, 0)).toBe(false);
    expect(valuesEqual({ blob: '61' }, 'a', 0)).toBe(false);
  });

  it('treats equal infinities as equal and never as a finite number', () => {
    expect(valuesEqual({ real: 'Infinity' }, { real: 'Infinity' }, 1e-9)).toBe(true);
    expect(valuesEqual({ real: 'Infinity' }, { real: '-Infinity' }, 1e-9)).toBe(false);
    expect(valuesEqual({ real: 'Infinity' }, 1e308, 1e-9)).toBe(false);
  });

  it('absorbs last-bit differences of large sums that exceed the absolute tolerance', () => {
    const a = 0.1 + 0.2 + 1e12;
    const b = 1e12 + 0.2 + 0.1;
    expect(valuesEqual(a, b, 1e-9)).toBe(true);
    expect(valuesEqual(1e12 + 0.5, 1e12 + 1.5, 1e-9)).toBe(false);
  });

  it('compares exactly with a tolerance of 0: money summed as a double is not the exact sum', () => {
    expect(valuesEqual(0.3, 0.1 + 0.2, 1e-9)).toBe(true);
    expect(valuesEqual(0.3, 0.1 + 0.2, 0)).toBe(false);
    expect(valuesEqual(12.5, 12.5, 0)).toBe(true);
  });

  it('compares integers exactly apart from the absolute tolerance, however large', () => {
    expect(valuesEqual(1e12, 1e12 + 1, 1e-9)).toBe(false);
  });

  it('uses the manifest tolerance as an absolute bound', () => {
    expect(valuesEqual(1.5, 1.54, 0.05)).toBe(true);
    expect(valuesEqual(1.5, 1.56, 0.05)).toBe(false);
  });
});

describe('compareResults, order ignored', () => {
  it('accepts the same rows in another order', () => {
    const expected = result(['a', 'b'], [[1, 'x'], [2, 'y'], [3, 'z']]);
    const actual = result(['a', 'b'], [[3, 'z'], [1, 'x'], [2, 'y']]);
    expect(compareResults(expected, actual, unordered)).toEqual({ equal: true });
  });

  it('compares as multisets: a duplicated row is not the same as a single one', () => {
    const expected = result(['a'], [[1], [1], [2]]);
    const actual = result(['a'], [[1], [2], [2]]);
    const diff = difference(expected, actual);
    expect(diff).toMatchObject({ kind: 'rows', expectedCount: 3, actualCount: 3, missing: [[1]], extra: [[2]], missingCount: 1, extraCount: 1 });
  });

  it('reports missing and extra rows with the counts of both sides', () => {
    const expected = result(['n'], [[1], [2], [3]]);
    const actual = result(['n'], [[1], [2], [3], [4], [5]]);
    expect(difference(expected, actual)).toMatchObject({ kind: 'rows', expectedCount: 3, actualCount: 5, missing: [], extra: [[4], [5]] });
  });

  it('matches rows whose numbers differ within the tolerance even when exact sorting would pair them wrongly', () => {
    const expected = result(['x', 'y'], [[1.0, 'b'], [1.0000000001, 'a']]);
    const actual = result(['x', 'y'], [[1.0000000001, 'b'], [1.0, 'a']]);
    expect(compareResults(expected, actual, unordered)).toEqual({ equal: true });
  });

  // Sorted windows, not all pairs (see unmatchedRows); no clock is read: a loaded machine must not fail it.
  it('matches many float rows under the tolerance', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [i / 3, `k${i % 7}`] as SqlValue[]);
    const shifted = rows.map(([x, k]) => [(x as number) + 1e-12, k] as SqlValue[]).reverse();
    expect(compareResults(result(['x', 'k'], rows), result(['x', 'k'], shifted), unordered)).toEqual({ equal: true });
  });

  it('always checks the column count, whatever the options', () => {
    const expected = result(['a', 'b'], [[1, 2]]);
    const actual = result(['a', 'b', 'c'], [[1, 2, 3]]);
    expect(difference(expected, actual)).toEqual({ kind: 'column-count', expected: 2, actual: 3 });
  });

  it('ignores column names unless asked to check them', () => {
    const expected = result(['total'], [[5]]);
    const actual = result(['sum(x)'], [[5]]);
    expect(compareResults(expected, actual, unordered)).toEqual({ equal: true });
    expect(difference(expected, actual, { ...unordered, checkColumnNames: true })).toEqual({
      kind: 'column-names',
      index: 0,
      expected: 'total',
      actual: 'sum(x)',
    });
  });

  it('recognises the right columns in another order by their names', () => {
    const expected = result(['name', 'age'], [['ann', 20]]);
    const actual = result(['age', 'name'], [[20, 'ann']]);
    expect(difference(expected, actual)).toEqual({ kind: 'column-order', expected: ['name', 'age'], actual: ['age', 'name'] });
  });

  it('accepts two empty results with the same columns', () => {
    expect(compareResults(result(['a'], []), result(['a'], []), unordered)).toEqual({ equal: true });
  });

  it('lists at most 50 rows of a large difference but counts them all', () => {
    const expected = result(['n'], Array.from({ length: 200 }, (_, i) => [i]));
    const diff = difference(expected, result(['n'], []));
    expect(diff).toMatchObject({ kind: 'rows', missingCount: 200, extraCount: 0 });
    expect(diff.kind === 'rows' && diff.missing.length).toBe(50);
  });
});

describe('compareResults, order matters', () => {
  it('accepts the same rows in the same order', () => {
    const rows: SqlValue[][] = [[1], [2]];
    expect(compareResults(result(['n'], rows), result(['n'], [[1], [2]]), ordered)).toEqual({ equal: true });
  });

  it('says when only the order is wrong, pointing at the first misplaced row', () => {
    const diff = difference(result(['n'], [[1], [2], [3]]), result(['n'], [[1], [3], [2]]), ordered);
    expect(diff).toEqual({ kind: 'row-at', index: 1, expectedCount: 3, actualCount: 3, expected: [2], actual: [3], sameRowsOtherOrder: true });
  });

  it('points at the first differing row', () => {
    const diff = difference(result(['n'], [[1], [2], [3]]), result(['n'], [[1], [5], [3]]), ordered);
    expect(diff).toMatchObject({ kind: 'row-at', index: 1, expected: [2], actual: [5], sameRowsOtherOrder: false });
  });

  it('reports a result that stops early at the first missing position', () => {
    const diff = difference(result(['n'], [[1], [2]]), result(['n'], [[1]]), ordered);
    expect(diff).toEqual({ kind: 'row-at', index: 1, expectedCount: 2, actualCount: 1, expected: [2], actual: undefined, sameRowsOtherOrder: false });
  });
});

describe('unmatchedRows', () => {
  it('pairs exact duplicates one to one', () => {
    expect(unmatchedRows([[1], [1]], [[1]], 0)).toEqual({ missing: [[1]], extra: [] });
  });

  it('keeps rows with different non-numeric values apart even when their numbers match', () => {
    expect(unmatchedRows([[1, 'a']], [[1, 'b']], 1e-9)).toEqual({ missing: [[1, 'a']], extra: [[1, 'b']] });
  });

  it('matches rows with infinities and NULLs exactly', () => {
    const rows: SqlValue[][] = [[{ real: 'Infinity' }, null], [null, 'x']];
    expect(unmatchedRows(rows, [[null, 'x'], [{ real: 'Infinity' }, null]], 1e-9)).toEqual({ missing: [], extra: [] });
  });
});

describe('column names: unquoted names are case-insensitive, quoted ones exact (both dialects)', () => {
  const named: CompareOptions = { ...ordered, checkColumnNames: true };
  const expected = result(['name', 'orders', 'total_cents'], [['Al', 1, 20000]]);

  it('matches a name written unquoted in another case (SQLite keeps AS Orders as "Orders")', () => {
    const actual = result(['name', 'Orders', 'Total_Cents'], [['Al', 1, 20000]]);
    expect(compareResults(expected, actual, named)).toEqual({ equal: true });
  });

  it('compares a name the student wrote in quotes exactly, and says the quotes keep its case', () => {
    const actual = result(['name', 'Orders', 'total_cents'], [['Al', 1, 20000]]);
    expect(difference(expected, actual, { ...named, quotedNames: new Set(['Orders']) })).toEqual({
      kind: 'column-names',
      index: 1,
      expected: 'orders',
      actual: 'Orders',
      quoted: true,
    });
  });

  it('accepts a quoted name that is exactly the expected one', () => {
    expect(compareResults(expected, expected, { ...named, quotedNames: new Set(['orders']) })).toEqual({ equal: true });
  });

  it('folds ASCII letters only, as both engines do', () => {
    expect(sameColumnName('straße', 'STRASSE')).toBe(false);
    expect(sameColumnName('émis', 'ÉMIS')).toBe(false);
    expect(sameColumnName('total_cents', 'TOTAL_CENTS')).toBe(true);
  });

  it('recognises columns in another order under names in another case', () => {
    const actual = result(['Total_Cents', 'NAME', 'orders'], [[20000, 'Al', 1]]);
    expect(difference(expected, actual, named)).toEqual({ kind: 'column-order', expected: expected.columns, actual: actual.columns });
  });

  it('does not reorder when a name matches two columns', () => {
    const actual = result(['A', 'a'], [[2, 1]]);
    expect(difference(result(['a', 'b'], [[1, 2]]), actual, named)).toMatchObject({ kind: 'column-names', index: 1, expected: 'b' });
  });
});
