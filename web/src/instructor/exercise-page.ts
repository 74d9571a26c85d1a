import { api } from '../api-client';
import type { ExerciseStatisticsDocument as ExerciseStatistics } from '@grader/contracts';
import { formatTime, h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { problemView } from '../problem-view';
import { regradePanel } from './regrade-panel';
import { submissionsSection } from './submissions-table';

/**
 * One exercise for staff: its versions, a way to change it (a new draft from the current
 * version's package, or the draft already open for it), regrades, and every submission.
 */
export function instructorExercisePage(main: HTMLElement, slug: string, isCurrent: () => boolean, navigate: (path: string) => void): void {
  const load = async () => {
    const [exercises, versions, drafts, stats] = await Promise.all([api.instructorExercises(), api.versions(slug), api.drafts(), api.statistics(slug)]);
    const exercise = exercises.find((e) => e.slug === slug);
    if (!exercise) throw new Error(`There is no exercise "${slug}".`);
    return { exercise, versions, stats, openDraft: drafts.find((d) => d.slug === slug && d.state === 'draft') };
  };
  void loadInto(main, load, ({ exercise, versions, stats, openDraft }) => {
    const outcome = h('div', { 'aria-live': 'polite' });
    let edit: HTMLElement;
    if (openDraft) {
      edit = h('a', { href: `/instructor/drafts/${openDraft.id}`, 'data-link': true, class: 'button-link' }, 'Continue the open draft');
    } else {
      const button = h('button', { type: 'button', class: 'primary' }, 'Edit in a new draft');
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          const pkg = await api.exercisePackage(slug);
          const draft = await api.createDraft(pkg.files);
          navigate(`/instructor/drafts/${draft.id}`);
        } catch (err) {
          replaceChildren(outcome, problemView(err));
          button.disabled = false;
        }
      });
      edit = button;
    }
    replaceChildren(main,
      h('p', {}, h('a', { href: '/instructor', 'data-link': true }, '← Instructor overview')),
      h('h1', {}, exercise.title),
      h('p', { class: 'muted' }, `${slug} · ${exercise.status} · version ${exercise.currentVersion} · ${exercise.maxScore} points · `, h('a', { href: `/exercises/${encodeURIComponent(slug)}`, 'data-link': true }, 'open as a student')),
      h('div', { class: 'actions' }, edit),
      h('p', { class: 'hint muted' }, 'Changes become a new version once validated and published; grades already given stay on their version until you regrade.'),
      outcome,
      statisticsSection(stats, exercise.maxScore),
      h('section', { 'aria-labelledby': 'versions-heading' },
        h('h2', { id: 'versions-heading' }, 'Versions'),
        h('ol', { class: 'compact versions' }, versions.map((v) => h('li', { value: v.version }, `Version ${v.version}: ${v.title}, ${v.maxScore} points, published ${formatTime(v.createdAt)}`))),
      ),
      regradePanel(slug, exercise.currentVersion, isCurrent),
      submissionsSection(slug, stats.students, isCurrent),
    );
  }, isCurrent);
}

/** The class's results on this exercise, from each student's best grade. */
function statisticsSection(stats: ExerciseStatistics, maxScore: number): HTMLElement {
  const facts: Array<[string, string]> = [
    ['Attempts', String(stats.attempts)],
    ['Students', String(stats.distinctStudents)],
    ['Full marks', stats.fullMarksShare === null ? '—' : `${stats.studentsWithFullMarks} of ${stats.studentsGraded} (${Math.round(stats.fullMarksShare * 100)} %)`],
    ['Median best score', stats.medianScore === null ? '—' : `${stats.medianScore}/${maxScore}`],
  ];
  return h('section', { 'aria-labelledby': 'statistics-heading' },
    h('h2', { id: 'statistics-heading' }, 'Statistics'),
    h('dl', { class: 'facts' }, facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    stats.mostFailedTests.length > 0
      ? h('div', {}, h('h3', {}, 'Most failed tests'), h('ul', { class: 'compact' }, stats.mostFailedTests.map((t) => h('li', {}, `${t.name}: failed in ${t.failed} of ${t.ran} runs`))))
      : null,
  );
}
