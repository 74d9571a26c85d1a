import type { GradebookData } from './report-store';

/**
 * A cell that a spreadsheet would take for a formula (=, +, -, @, or a tab or carriage
 * return before one) is prefixed with an apostrophe: a display name like `=HYPERLINK(...)`
 * must stay text (OWASP "CSV injection"). Numbers are written as numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) || guarded !== guarded.trim() ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** RFC 4180: CRLF between records, fields quoted when they hold a comma, quote or line break. */
export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** One row per student, one column per exercise holding the student's best score (empty: never graded). */
export function gradebookCsv(data: GradebookData): string {
  const header = csvLine(['username', 'display_name', ...data.exercises.map((e) => `${e.slug} (/${e.maxScore})`)]);
  const rows = data.students.map((s) => csvLine([s.username, s.displayName, ...data.exercises.map((e) => data.best.get(`${s.id} ${e.slug}`))]));
  return header + rows.join('');
}
