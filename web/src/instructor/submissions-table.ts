import { api } from '../api-client';
import type { ExerciseStatisticsDocument, InstructorSubmissionRow } from '@grader/contracts';
import { VERDICTS, type Verdict } from '@grader/contracts/src/verdicts';
import { SUBMISSION_STATUSES } from '@grader/contracts/src/api/predicates';
import { formatTime, h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { problemView } from '../problem-view';
import { verdictLabel } from '../result-view';

/**
 * A grader error is the grader's failure, not a grade: staff can have it graded again once
 * the cause (an engine outage, dying workers) is gone.
 */
function requeueButton(s: InstructorSubmissionRow, onQueued: () => void, outcome: HTMLElement): HTMLElement | string {
  if (s.status !== 'error') return '';
  const who = s.username ?? s.userId;
  const button = h('button', { type: 'button', 'aria-label': `Grade again the submission of ${who} from ${formatTime(s.createdAt)}` }, 'Grade again');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api.requeue(s.id);
      onQueued();
    } catch (err) {
      replaceChildren(outcome, problemView(err));
      button.disabled = false;
    }
  });
  return button;
}

function row(s: InstructorSubmissionRow, onQueued: () => void, outcome: HTMLElement): HTMLElement {
  return h('tr', { 'data-submission': s.id },
    h('td', {}, h('a', { href: `/instructor/submissions/${encodeURIComponent(s.id)}`, 'data-link': true }, s.username ?? s.userId)),
    h('td', {}, s.status),
    h('td', { class: 'num' }, s.score === null ? '—' : `${s.score}/${s.maxScore}`),
    h('td', {}, verdictLabel(s.verdict)),
    h('td', {}, `v${s.exerciseVersion}`),
    h('td', { class: 'muted' }, formatTime(s.createdAt)),
    h('td', {}, requeueButton(s, onQueued, outcome)),
  );
}

type Student = ExerciseStatisticsDocument['students'][number];

/** The filters, read from and written to the page's address so that Back, a reload or a shared link keeps them. */
const FILTERS = ['status', 'student', 'verdict'] as const;

function keepInAddress(values: Record<(typeof FILTERS)[number], string>): void {
  const query = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    if (values[name]) query.set(name, values[name]);
    else query.delete(name);
  }
  const search = query.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
}

function select(id: string, options: Array<[string, string]>, chosen: string | null): HTMLSelectElement {
  const known = options.some(([value]) => value === chosen);
  return h('select', { id }, options.map(([value, label]) => h('option', { value, selected: known && value === chosen ? true : undefined }, label))) as HTMLSelectElement;
}

/**
 * Staff: the latest 100 submissions to one exercise, from every student, filtered by status,
 * student and verdict (kept in the address).
 */
export function submissionsSection(slug: string, students: Student[], isCurrent: () => boolean): HTMLElement {
  const query = new URLSearchParams(location.search);
  const status = select('filter-status', [['', 'Any status'], ...SUBMISSION_STATUSES.map((v): [string, string] => [v, v])], query.get('status'));
  const student = select(
    'filter-student',
    [['', 'Every student'], ...students.map((s): [string, string] => [s.userId, `${s.displayName} (${s.username}), ${s.attempts} ${s.attempts === 1 ? 'attempt' : 'attempts'}`])],
    query.get('student'),
  );
  const verdict = select('filter-verdict', [['', 'Any verdict'], ...(Object.keys(VERDICTS) as Verdict[]).map((v): [string, string] => [v, verdictLabel(v)])], query.get('verdict'));
  const table = h('div', { class: 'table-area' });
  // Said politely: the outcome of a re-queue, or why it was refused.
  const outcome = h('div', { 'aria-live': 'polite' });
  const requeueAll = h('button', { type: 'button', hidden: true }, 'Grade again every submission in error');
  requeueAll.addEventListener('click', async () => {
    requeueAll.disabled = true;
    try {
      const { requeued } = await api.requeueErrored(slug);
      replaceChildren(outcome, h('p', { class: 'status', role: 'status' }, `${requeued} ${requeued === 1 ? 'submission' : 'submissions'} queued to be graded again.`));
      show();
    } catch (err) {
      replaceChildren(outcome, problemView(err));
    } finally {
      requeueAll.disabled = false;
    }
  });
  const filtered = () => Boolean(status.value || student.value || verdict.value);
  const show = () => {
    keepInAddress({ status: status.value, student: student.value, verdict: verdict.value });
    void loadInto(table, () => api.exerciseSubmissions(slug, { status: status.value, user: student.value, verdict: verdict.value }), (items) => {
      requeueAll.hidden = !items.some((s) => s.status === 'error');
      replaceChildren(table,
        items.length === 0
          ? h('p', { class: 'empty' }, filtered() ? 'No submission matches these filters.' : 'Nobody has submitted yet.')
          : h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Submissions', tabindex: 0 },
              h('table', { class: 'stats' },
                h('thead', {}, h('tr', {}, ['Student', 'Status', 'Score', 'Verdict', 'Version', 'Submitted', 'Action'].map((c) => h('th', { scope: 'col' }, c)))),
                h('tbody', {}, items.map((s) => row(s, show, outcome))),
              ),
            ),
      );
    }, isCurrent);
  };
  for (const filter of [status, student, verdict]) filter.addEventListener('change', show);
  show();
  return h('section', { 'aria-labelledby': 'submissions-heading' },
    h('h2', { id: 'submissions-heading' }, 'Submissions'),
    h('div', { class: 'filters' },
      h('label', { for: 'filter-student' }, 'Student'), student,
      h('label', { for: 'filter-status' }, 'Status'), status,
      h('label', { for: 'filter-verdict' }, 'Verdict'), verdict,
      requeueAll,
    ),
    outcome,
    table,
  );
}
