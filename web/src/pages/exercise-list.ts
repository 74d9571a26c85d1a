import { api } from '../api-client';
import { LANGUAGE_NAMES, type ExerciseSummaryDocument as ExerciseSummary, type Submission } from '@grader/contracts';
import { h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { environmentView } from '../environment-view';

/** Best score per exercise: the highest graded score among the student's submissions. */
function bestScore(items: Submission[]): number | null {
  const scores = items.filter((s) => s.status === 'graded' && s.score !== null).map((s) => s.score as number);
  return scores.length ? Math.max(...scores) : null;
}

/** Every published exercise with the student's best score, filtered by kind and skill. */
export function exerciseListPage(main: HTMLElement, navigate: (path: string) => void, isCurrent: () => boolean): void {
  const load = async () => {
    const exercises = await api.exercises();
    const best = await Promise.all(exercises.map((e) => api.submissionsFor(e.slug).then(bestScore)));
    return exercises.map((exercise, i) => ({ exercise, best: best[i] ?? null }));
  };
  void loadInto(main, load, (rows) => render(rows), isCurrent);

  function render(rows: { exercise: ExerciseSummary; best: number | null }[]) {
    const kinds = [...new Set(rows.map((r) => r.exercise.kind))].sort();
    const skills = [...new Set(rows.flatMap((r) => r.exercise.skills))].sort();
    const languages = [...new Set(rows.map((r) => r.exercise.language))].sort();
    const language = h('select', { id: 'filter-language' }, h('option', { value: '' }, 'All languages'), languages.map((l) => h('option', { value: l }, LANGUAGE_NAMES[l])));
    const kind = h('select', { id: 'filter-kind' }, h('option', { value: '' }, 'All kinds'), kinds.map((k) => h('option', { value: k }, k)));
    const skill = h('select', { id: 'filter-skill' }, h('option', { value: '' }, 'All skills'), skills.map((s) => h('option', { value: s }, s)));
    const list = h('ul', { class: 'exercise-list', 'aria-label': 'Exercises' });
    const count = h('p', { class: 'muted', role: 'status' });

    const show = () => {
      const shown = rows.filter(
        (r) => (!kind.value || r.exercise.kind === kind.value) && (!language.value || r.exercise.language === language.value) && (!skill.value || r.exercise.skills.includes(skill.value)),
      );
      count.textContent = `${shown.length} of ${rows.length} exercises`;
      replaceChildren(
        list,
        shown.length === 0
          ? h('li', { class: 'empty' }, rows.length === 0 ? 'No exercises are published yet.' : 'No exercise matches these filters.')
          : shown.map(({ exercise, best }) => {
              const href = `/exercises/${encodeURIComponent(exercise.slug)}`;
              const link = h('a', { href }, exercise.title);
              link.addEventListener('click', (event) => {
                if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                event.preventDefault();
                navigate(href);
              });
              return h('li', { class: 'card exercise-card', 'data-slug': exercise.slug },
                h('h2', {}, link),
                h('p', { class: 'meta' }, h('span', { class: 'badge' }, exercise.kind), ' ', h('span', { class: 'badge language' }, LANGUAGE_NAMES[exercise.language]), ` · ${exercise.maxScore} points`),
                environmentView(exercise.environment),
                h('p', { class: 'skills' }, exercise.skills.map((s) => h('span', { class: 'skill' }, s))),
                h('p', { class: 'best' }, best === null ? 'Not attempted yet' : `Best score: ${best}/${exercise.maxScore}`),
              );
            }),
      );
    };
    kind.addEventListener('change', show);
    language.addEventListener('change', show);
    skill.addEventListener('change', show);
    replaceChildren(main,
      h('h1', {}, 'Exercises'),
      h('div', { class: 'filters', role: 'search', 'aria-label': 'Filter exercises' },
        h('label', { for: 'filter-kind' }, 'Kind'), kind,
        h('label', { for: 'filter-language' }, 'Language'), language,
        h('label', { for: 'filter-skill' }, 'Skill'), skill,
      ),
      count,
      list,
    );
    show();
  }
}
