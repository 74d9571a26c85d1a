import { api } from '../api-client';
import type { DraftSummaryDocument as DraftSummary, ExerciseStatisticsDocument as ExerciseStatistics, InstructorExercise } from '@grader/contracts';
import { formatTime, h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { coursesSection } from '../assignments/courses-section';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

function statisticsRow(exercise: InstructorExercise, stats: ExerciseStatistics): HTMLElement {
  return h(
    'tr',
    { 'data-slug': exercise.slug },
    h('th', { scope: 'row' },
      h('a', { href: `/instructor/exercises/${encodeURIComponent(exercise.slug)}`, 'data-link': true }, exercise.title),
      h('div', { class: 'muted' }, exercise.slug),
    ),
    h('td', { class: 'status-cell' }, exercise.status),
    h('td', {}, `v${exercise.currentVersion} of ${exercise.versions}`),
    h('td', { class: 'num' }, String(stats.attempts)),
    h('td', { class: 'num' }, String(stats.distinctStudents)),
    h('td', { class: 'num' }, percent(stats.fullMarksShare)),
    h('td', { class: 'num' }, stats.medianScore === null ? '—' : `${stats.medianScore}/${exercise.maxScore}`),
    h('td', {},
      stats.mostFailedTests.length === 0
        ? h('span', { class: 'muted' }, 'none')
        : h('ul', { class: 'compact' }, stats.mostFailedTests.slice(0, 3).map((t) => h('li', {}, `${t.name}: ${t.failed} of ${t.ran}`))),
    ),
    h('td', { class: 'muted nowrap' }, h('time', { datetime: exercise.updatedAt, title: formatTime(exercise.updatedAt) }, new Date(exercise.updatedAt).toLocaleDateString())),
    h('td', {}, archiveButton(exercise)),
  );
}

/** Archiving hides an exercise from students (their grades stay), after a confirmation; restoring shows it again. */
function archiveButton(exercise: InstructorExercise): HTMLElement {
  const label = (archived: boolean) => (archived ? `Restore ${exercise.title}` : `Archive ${exercise.title}`);
  let archived = exercise.status === 'archived';
  const button = h('button', { type: 'button', 'aria-label': label(archived) }, archived ? 'Restore' : 'Archive');
  button.addEventListener('click', async () => {
    // Archiving takes the exercise away from every student at once: asked first (restoring is harmless).
    if (!archived && !window.confirm(`Archive "${exercise.title}"? Students will no longer see it or submit to it; their grades are kept, and you can restore it.`)) return;
    button.disabled = true;
    try {
      const answer = await api.setArchived(exercise.slug, !archived);
      archived = answer.status === 'archived';
      button.textContent = archived ? 'Restore' : 'Archive';
      button.setAttribute('aria-label', label(archived));
      const cell = button.closest('tr')?.querySelector('.status-cell');
      if (cell) cell.textContent = answer.status;
    } catch (err) {
      window.alert(`Could not change ${exercise.title}: ${(err as Error).message}`);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

const VALIDATION_TEXT: Record<string, string> = { queued: 'validating…', passed: 'validation passed', failed: 'validation failed', error: 'validation could not finish' };

/** Drafts being written: each opens in the editor, with where its validation stands. */
function draftsSection(drafts: DraftSummary[]): HTMLElement {
  const open = drafts.filter((d) => d.state === 'draft');
  return h('section', { 'aria-labelledby': 'drafts-heading' },
    h('h2', { id: 'drafts-heading' }, 'Drafts'),
    open.length === 0
      ? h('p', { class: 'empty' }, 'No drafts in progress. Start one with “New exercise”, or edit an exercise from its page.')
      : h('ul', { class: 'compact drafts' }, open.map((d) => {
          const v = d.latestValidation;
          const validation = !v ? 'not validated' : v.upToDate ? VALIDATION_TEXT[v.status] ?? v.status : 'changed since its last validation';
          return h('li', { 'data-draft': d.id },
            h('a', { href: `/instructor/drafts/${d.id}`, 'data-link': true }, d.title),
            h('span', { class: 'muted' }, ` (${d.slug}) · ${validation} · updated ${formatTime(d.updatedAt)}`),
          );
        })),
  );
}

/**
 * Staff's overview: every exercise (archived ones too) with its attempts, students, share
 * with full marks, median best score and most failed tests; the gradebook as CSV.
 */
export function instructorDashboardPage(main: HTMLElement, isCurrent: () => boolean): void {
  const load = async () => {
    const [exercises, drafts, courses] = await Promise.all([api.instructorExercises(), api.drafts(), api.courses()]);
    const stats = await Promise.all(exercises.map((e) => api.statistics(e.slug)));
    return { rows: exercises.map((exercise, i) => ({ exercise, stats: stats[i]! })), drafts, courses };
  };
  void loadInto(main, load, ({ rows, drafts, courses }) => {
    replaceChildren(
      main,
      h('h1', {}, 'Instructor overview'),
      h('div', { class: 'actions' },
        h('a', { href: '/instructor/new', 'data-link': true, class: 'button-link primary' }, 'New exercise'),
        h('a', { href: '/api/instructor/gradebook.csv', download: 'gradebook.csv', class: 'button-link' }, 'Download the gradebook (CSV)'),
      ),
      h('p', { class: 'hint muted' }, 'The gradebook has one row per student and the best score per exercise.'),
      coursesSection(courses),
      draftsSection(drafts),
      h('h2', {}, 'Exercises'),
      rows.length === 0
        ? h('p', { class: 'empty' }, 'No exercises yet.')
        : h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Exercise statistics', tabindex: 0 },
            h('table', { class: 'stats' },
              h('thead', {}, h('tr', {}, ['Exercise', 'Status', 'Version', 'Attempts', 'Students', 'Full marks', 'Median best', 'Most failed tests', 'Updated', 'Visibility'].map((c) => h('th', { scope: 'col' }, c)))),
              h('tbody', {}, rows.map((r) => statisticsRow(r.exercise, r.stats))),
            ),
          ),
    );
  }, isCurrent);
}
