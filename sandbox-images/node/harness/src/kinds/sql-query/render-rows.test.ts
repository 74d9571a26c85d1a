import { cut, renderRow, renderTable, renderValue } from './render-rows';

describe('renderValue', () => {
  it('writes values as SQL literals so that text and numbers look different', () => {
    expect(renderValue('3')).toBe("'3'");
    expect(renderValue(3)).toBe('3');
    expect(renderValue(null)).toBe('NULL');
    expect(renderValue({ blob: 'ab01' })).toBe("X'AB01'");
    expect(renderValue({ real: '-Infinity' })).toBe('-Inf');
  });

  it("doubles quotes inside text and shows newlines as \\n", () => {
    expect(renderValue("it's\nok")).toBe("'it''s\\nok'");
  });

  it('cuts long text', () => {
    const rendered = renderValue('x'.repeat(100));
    expect(rendered.length).toBeLessThanOrEqual(42);
    expect(rendered).toMatch(/…'$/);
  });
});

describe('renderRow', () => {
  it('renders a tuple', () => {
    expect(renderRow([1, 'Ada', null])).toBe("(1, 'Ada', NULL)");
  });
});

describe('renderTable', () => {
  it('aligns columns under a header and counts the rows', () => {
    expect(renderTable({ columns: ['name', 'n'], rows: [['ann', 20], ['bob', 3]] })).toBe(
      ["name  | n", "------+---", "'ann' | 20", "'bob' | 3", '(2 rows)'].join('\n'),
    );
  });

  it('shows at most ten rows and says how many more there are', () => {
    const table = renderTable({ columns: ['n'], rows: Array.from({ length: 25 }, (_, i) => [i]) });
    expect(table).toContain('… 15 more rows');
    expect(table).toContain('(25 rows)');
    expect(table.split('\n')).toHaveLength(2 + 10 + 2);
  });

  it('renders an empty result', () => {
    expect(renderTable({ columns: ['a'], rows: [] })).toBe('a\n-\n(0 rows)');
  });

  it('never exceeds the character budget', () => {
    const wide = { columns: Array.from({ length: 100 }, (_, i) => `column_${i}`), rows: [Array.from({ length: 100 }, () => 'y'.repeat(40))] };
    expect(renderTable(wide, 500).length).toBeLessThanOrEqual(500);
  });
});

describe('cut', () => {
  it('leaves short text alone and ends cut text with an ellipsis', () => {
    expect(cut('abc', 3)).toBe('abc');
    expect(cut('abcd', 3)).toBe('ab…');
  });
});
