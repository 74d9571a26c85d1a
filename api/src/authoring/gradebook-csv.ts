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

/**
 * One row per student, one column per exercise holding the student's best score (empty: never
 * graded, which is not a 0), headed by the exercise's title with its slug and points, then the
 * total of the best scores (an exercise never graded adds nothing).
 */
export function gradebookCsv(data: GradebookData): string {
  const possible = data.exercises.reduce((sum, e) => sum + e.maxScore, 0);
  const header = csvLine(['username', 'display_name', ...data.exercises.map((e) => `${e.title} [${e.slug}] (/${e.maxScore})`), `total (/${possible})`]);
  const rows = data.students.map((s) => {
    const scores = data.exercises.map((e) => data.best.get(`${s.id} ${e.slug}`));
    const total = scores.reduce<number>((sum, score) => sum + (score ?? 0), 0);
    return csvLine([s.username, s.displayName, ...scores, total]);
  });
  return header + rows.join('');
}
