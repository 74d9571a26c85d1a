/**
 * Where an expected and an actual output differ, for marking them side by side: line by line,
 * and cell by cell for the harness's text tables (a header, a `-+-` rule, rows with cells
 * separated by ` | `, as sql-query/render-rows.ts draws them). Pure: no DOM, unit-tested.
 */

export interface MarkedLine {
  text: string;
  /** The line differs from the other side's line at the same place (or the other side has none). */
  differs: boolean;
  /** For a table row that differs: which of its cells differ from the other side's (by column). */
  cells?: Array<{ text: string; differs: boolean }>;
}

const CELL_SEPARATOR = ' | ';

/** A table's rule line: dashes joined by `-+-` (or a single column of dashes). */
function isRule(line: string): boolean {
  return /^-+(-\+-+)*$/.test(line.trim());
}

/** Whether the text is one of the harness's tables: its second line is a rule. */
export function isTable(lines: readonly string[]): boolean {
  return lines.length >= 2 && isRule(lines[1]!);
}

function cellsOf(line: string): string[] {
  return line.split(CELL_SEPARATOR).map((cell) => cell.trim());
}

function markSide(mine: readonly string[], theirs: readonly string[], table: boolean): MarkedLine[] {
  return mine.map((text, index) => {
    const other = theirs[index];
    if (other !== undefined && other.trimEnd() === text.trimEnd()) return { text, differs: false };
    if (!table || index < 2 || other === undefined || isRule(text)) return { text, differs: true };
    const own = text.split(CELL_SEPARATOR);
    const compared = cellsOf(other);
    return { text, differs: true, cells: own.map((cell, column) => ({ text: cell, differs: cell.trim() !== compared[column] })) };
  });
}

/**
 * Both sides marked: a line differs where the other side's line at the same index is not the
 * same text (trailing spaces ignored); in a table (both sides tables), a differing row has its
 * cells compared by column. Order matters here on purpose: a query's rows in the wrong order
 * are a difference the student must see where it is.
 */
export function markDifferences(expected: string, actual: string): { expected: MarkedLine[]; actual: MarkedLine[] } {
  const left = expected.split('\n');
  const right = actual.split('\n');
  const table = isTable(left) && isTable(right);
  return { expected: markSide(left, right, table), actual: markSide(right, left, table) };
}
