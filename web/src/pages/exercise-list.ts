import { api } from '../api-client';
import { LANGUAGE_NAMES, type Submission } from '@grader/contracts';
import { h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { environmentView } from '../environment-view';
import { choices, filtersFromSearch, isSolved, passes, progressBySkill, searchOf, sortRows, SORTS, type ExerciseRow, type Sort } from './exercise-filters';

/** Best score per exercise: the highest graded score among the student's submissions. */
function bestScore(items: Submission[]): number | null {
  const scores = items.filter((s) => s.status === 'graded' && s.score !== null).map((s) => s.score as number);
  return scores.length ? Math.max(...scores) : null;
}

/**
 * Every published exercise with the student's best score and a solved mark: searched, filtered
 * by kind, language and skill (each select narrowed to what the others leave), sorted, with
 * the filters kept in the address; and the student's progress per skill.
 */
export function exerciseListPage(main: HTMLElement, navigate: (path: string) => void, isCurrent: () => boolean): void {
  const load = async () => {
    const exercises = await api.exercises();
    const best = await Promise.all(exercises.map((e) => api.submissionsFor(e.slug).then(bestScore)));
    return exercises.map((exercise, i) => ({ exercise, best: best[i] ?? null }));
  };
  void loadInto(main, load, (rows) => render(rows), isCurrent);

  function render(rows: ExerciseRow[]) {
    const filters = filtersFromSearch(location.search);
    const select = (id: string, field: 'kind' | 'language' | 'skill') => {
      const el = h('select', { id });
      el.addEventListener('change', () => {
        filters[field] = el.value;
        show();
      });
      return el;
    };
    const kind = select('filter-kind', 'kind');
    const language = select('filter-language', 'language');
    const skill = select('filter-skill', 'skill');
    const search = h('input', { id: 'filter-search', type: 'search', value: filters.query, placeholder: 'Title, skill or stack', autocomplete: 'off' });
    search.addEventListener('input', () => {
      filters.query = search.value;
      show();
    });
    const sort = h('select', { id: 'sort' }, Object.entries(SORTS).map(([value, label]) => h('option', { value, selected: value === filters.sort }, label)));
    sort.addEventListener('change', () => {
      filters.sort = sort.value as Sort;
      show();
    });
    const list = h('ul', { class: 'exercise-list', 'aria-label': 'Exercises' });
    const count = h('p', { class: 'muted', role: 'status' });
    const optionsOf = (el: HTMLSelectElement, field: 'kind' | 'language' | 'skill', all: string, name: (value: string) => string) =>
      replaceChildren(el, h('option', { value: '' }, all), choices(rows, filters, field).map(({ value, count: n }) => h('option', { value, selected: value === filters[field] }, `${name(value)} (${n})`)));

    const show = () => {
      // The address keeps the filters (replaced, not pushed: Back leaves the list, as it should).
      history.replaceState(history.state, '', `${location.pathname}${searchOf(filters)}`);
      optionsOf(kind, 'kind', 'All kinds', (k) => k);
      optionsOf(language, 'language', 'All languages', (l) => LANGUAGE_NAMES[l as keyof typeof LANGUAGE_NAMES] ?? l);
      optionsOf(skill, 'skill', 'All skills', (k) => k);
      const shown = sortRows(rows.filter((r) => passes(r, filters)), filters.sort);
      count.textContent = `${shown.length} of ${rows.length} exercises`;
      replaceChildren(
        list,
        shown.length === 0
          ? h('li', { class: 'empty' }, rows.length === 0 ? 'No exercises are published yet.' : 'No exercise matches these filters.')
          : shown.map((row) => card(row)),
      );
    };

    const card = ({ exercise, best }: ExerciseRow) => {
      const href = `/exercises/${encodeURIComponent(exercise.slug)}`;
      const link = h('a', { href }, exercise.title);
      link.addEventListener('click', (event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(href);
      });
      const solved = isSolved({ exercise, best });
      return h('li', { class: `card exercise-card${solved ? ' solved' : ''}`, 'data-slug': exercise.slug },
        h('h2', {}, link, solved ? h('span', { class: 'solved-mark' }, h('span', { 'aria-hidden': 'true' }, ' ✓'), ' Solved') : null),
        h('p', { class: 'meta' }, h('span', { class: 'badge' }, exercise.kind), ' ', h('span', { class: 'badge language' }, LANGUAGE_NAMES[exercise.language]), ` · ${exercise.maxScore} points`),
        environmentView(exercise.environment),
        h('p', { class: 'skills' }, exercise.skills.map((s) => h('span', { class: 'skill' }, s))),
        h('p', { class: 'best' }, best === null ? 'Not attempted yet' : `Best score: ${best}/${exercise.maxScore}`),
      );
    };

    const solvedCount = rows.filter(isSolved).length;
    replaceChildren(main,
      h('h1', {}, 'Exercises'),
      h('details', { class: 'progress' },
        h('summary', {}, `Solved ${solvedCount} of ${rows.length}: your progress by skill`),
        h('ul', { class: 'progress-list' }, progressBySkill(rows).map(({ skill: name, solved, total }) =>
          h('li', { 'data-skill': name }, h('span', {}, name), ' ', h('meter', { min: 0, max: total, value: solved, 'aria-label': `${name}: ${solved} of ${total} solved` }), ` ${solved} of ${total}`))),
      ),
      h('div', { class: 'filters', role: 'search', 'aria-label': 'Filter exercises' },
        h('label', { for: 'filter-search' }, 'Search'), search,
        h('label', { for: 'filter-kind' }, 'Kind'), kind,
        h('label', { for: 'filter-language' }, 'Language'), language,
        h('label', { for: 'filter-skill' }, 'Skill'), skill,
        h('label', { for: 'sort' }, 'Sort'), sort,
      ),
      count,
      list,
    );
    show();
  }
}
