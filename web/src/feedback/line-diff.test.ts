import { isTable, markDifferences } from './line-diff';

const table = (...rows: string[]) => ['name | total', '-----+------', ...rows, `(${rows.length} rows)`].join('\n');

describe('markDifferences', () => {
  it('marks nothing when both sides are the same, trailing spaces aside', () => {
    const marked = markDifferences('a\nb  ', 'a\nb');
    expect([...marked.expected, ...marked.actual].some((line) => line.differs)).toBe(false);
  });

  it('marks the lines that differ on each side, and lines the other side does not have', () => {
    const marked = markDifferences('status 201\n{"id":1}', 'status 200\n{"id":1}\nextra');
    expect(marked.expected.map((l) => l.differs)).toEqual([true, false]);
    expect(marked.actual.map((l) => l.differs)).toEqual([true, false, true]);
  });

  it('marks the cells that differ in a row of a table, by column', () => {
    const marked = markDifferences(table("'Ada'  | 300", "'Bob'  | 200"), table("'Ada'  | 300", "'Bob'  | 250"));
    const row = marked.actual[3]!;
    expect(row.differs).toBe(true);
    expect(row.cells?.map((c) => [c.text.trim(), c.differs])).toEqual([["'Bob'", false], ['250', true]]);
    expect(marked.actual[2]!.differs).toBe(false);
  });

  it('shows rows in another order as differing rows, where they are', () => {
    const marked = markDifferences(table("'Ada'  | 300", "'Bob'  | 200"), table("'Bob'  | 200", "'Ada'  | 300"));
    expect(marked.actual.slice(2, 4).map((l) => l.differs)).toEqual([true, true]);
  });

  it('marks a differing header or rule line whole, not by cell', () => {
    const marked = markDifferences(table("'Ada' | 1"), ['name | sum', '-----+----', "'Ada' | 1", '(1 rows)'].join('\n'));
    expect(marked.actual[0]).toMatchObject({ differs: true });
    expect(marked.actual[0]!.cells).toBeUndefined();
  });

  it('tells a table from other text by its rule line', () => {
    expect(isTable(['a | b', '--+--', '1 | 2'])).toBe(true);
    expect(isTable(['status 200', '{"id":1}'])).toBe(false);
  });
});
