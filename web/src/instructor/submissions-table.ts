import { api } from '../api-client';
import type { InstructorSubmissionRow } from '@grader/contracts';
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

/** Staff: the latest 100 submissions to one exercise, from every student, filtered by status. */
export function submissionsSection(slug: string, isCurrent: () => boolean): HTMLElement {
  const status = h('select', { id: 'filter-status' }, ['', ...SUBMISSION_STATUSES].map((v) => h('option', { value: v }, v || 'Any status')));
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
  const show = () =>
    void loadInto(table, () => api.exerciseSubmissions(slug, status.value), (items) => {
      requeueAll.hidden = !items.some((s) => s.status === 'error');
      replaceChildren(table,
        items.length === 0
          ? h('p', { class: 'empty' }, status.value ? `No ${status.value} submissions.` : 'Nobody has submitted yet.')
          : h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Submissions', tabindex: 0 },
              h('table', { class: 'stats' },
                h('thead', {}, h('tr', {}, ['Student', 'Status', 'Score', 'Verdict', 'Version', 'Submitted', 'Action'].map((c) => h('th', { scope: 'col' }, c)))),
                h('tbody', {}, items.map((s) => row(s, show, outcome))),
              ),
            ),
      );
    }, isCurrent);
  status.addEventListener('change', show);
  show();
  return h('section', { 'aria-labelledby': 'submissions-heading' },
    h('h2', { id: 'submissions-heading' }, 'Submissions'),
    h('div', { class: 'filters' }, h('label', { for: 'filter-status' }, 'Status'), status, requeueAll),
    outcome,
    table,
  );
}
