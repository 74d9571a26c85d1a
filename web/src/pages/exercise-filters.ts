import type { ExerciseSummaryDocument as ExerciseSummary } from '@grader/contracts';

/** One card's facts: the exercise and the student's best graded score (null: not attempted or none graded). */
export interface ExerciseRow {
  exercise: ExerciseSummary;
  best: number | null;
}

export const SORTS = {
  title: 'Title',
  'to-do': 'Not solved first',
  'points-desc': 'Most points first',
  'points-asc': 'Fewest points first',
} as const;
export type Sort = keyof typeof SORTS;

/** What the list shows, as kept in the page's address (`/?kind=…&skill=…&q=…&sort=…`): Back and a shared link find it again. */
export interface ListFilters {
  kind: string;
  language: string;
  skill: string;
  /** Words that must all appear in the title, a skill or the kind (any case). */
  query: string;
  sort: Sort;
}

const PARAMS = { kind: 'kind', language: 'language', skill: 'skill', query: 'q', sort: 'sort' } as const;

export function filtersFromSearch(search: string): ListFilters {
  const params = new URLSearchParams(search);
  const sort = params.get(PARAMS.sort) ?? 'title';
  return {
    kind: params.get(PARAMS.kind) ?? '',
    language: params.get(PARAMS.language) ?? '',
    skill: params.get(PARAMS.skill) ?? '',
    query: params.get(PARAMS.query) ?? '',
    sort: sort in SORTS ? (sort as Sort) : 'title',
  };
}

/** The address's query for `filters`, without the defaults ('' when nothing is set). */
export function searchOf(filters: ListFilters): string {
  const params = new URLSearchParams();
  for (const key of ['kind', 'language', 'skill', 'query'] as const) if (filters[key]) params.set(PARAMS[key], filters[key]);
  if (filters.sort !== 'title') params.set(PARAMS.sort, filters.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const isSolved = (row: ExerciseRow): boolean => row.best !== null && row.best >= row.exercise.maxScore;

function matchesQuery(row: ExerciseRow, query: string): boolean {
  const haystack = [row.exercise.title, row.exercise.kind, ...row.exercise.skills, ...row.exercise.environment].join(' ').toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/** Whether `row` passes every filter but `except` (so that a select lists only the choices that still find something). */
export function passes(row: ExerciseRow, filters: ListFilters, except?: 'kind' | 'language' | 'skill'): boolean {
  const { exercise } = row;
  return (
    (except === 'kind' || !filters.kind || exercise.kind === filters.kind) &&
    (except === 'language' || !filters.language || exercise.language === filters.language) &&
    (except === 'skill' || !filters.skill || exercise.skills.includes(filters.skill)) &&
    matchesQuery(row, filters.query)
  );
}

/**
 * The choices of one select, narrowed to those that find at least one exercise with the other
 * filters as they are (a skill of another kind would give "0 of 23"), each with that count;
 * the current choice always stays listed.
 */
export function choices(rows: readonly ExerciseRow[], filters: ListFilters, field: 'kind' | 'language' | 'skill'): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (!passes(row, filters, field)) continue;
    const values = field === 'skill' ? row.exercise.skills : [row.exercise[field]];
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (filters[field] && !counts.has(filters[field])) counts.set(filters[field], 0);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value.localeCompare(b.value));
}

export function sortRows(rows: readonly ExerciseRow[], sort: Sort): ExerciseRow[] {
  const byTitle = (a: ExerciseRow, b: ExerciseRow) => a.exercise.title.localeCompare(b.exercise.title);
  const order: Record<Sort, (a: ExerciseRow, b: ExerciseRow) => number> = {
    title: byTitle,
    'to-do': (a, b) => Number(isSolved(a)) - Number(isSolved(b)) || byTitle(a, b),
    'points-desc': (a, b) => b.exercise.maxScore - a.exercise.maxScore || byTitle(a, b),
    'points-asc': (a, b) => a.exercise.maxScore - b.exercise.maxScore || byTitle(a, b),
  };
  return [...rows].sort(order[sort]);
}

/** Solved and total per skill, over every exercise (the student's progress, whatever the filters). */
export function progressBySkill(rows: readonly ExerciseRow[]): Array<{ skill: string; solved: number; total: number }> {
  const bySkill = new Map<string, { solved: number; total: number }>();
  for (const row of rows) {
    for (const skill of row.exercise.skills) {
      const entry = bySkill.get(skill) ?? { solved: 0, total: 0 };
      entry.total += 1;
      if (isSolved(row)) entry.solved += 1;
      bySkill.set(skill, entry);
    }
  }
  return [...bySkill].map(([skill, counts]) => ({ skill, ...counts })).sort((a, b) => a.skill.localeCompare(b.skill));
}
