import { api } from '../api-client';
import type { InstructorSubmissionRow } from '../api-types';
import { formatTime, h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { verdictLabel } from '../result-view';

function row(s: InstructorSubmissionRow): HTMLElement {
  return h('tr', { 'data-submission': s.id },
    h('td', {}, s.username ?? s.userId),
    h('td', {}, s.status),
    h('td', { class: 'num' }, s.score === null ? '—' : `${s.score}/${s.maxScore}`),
    h('td', {}, verdictLabel(s.verdict)),
    h('td', {}, `v${s.exerciseVersion}`),
    h('td', { class: 'muted' }, formatTime(s.createdAt)),
  );
}

/** Staff: the latest 100 submissions to one exercise, from every student, filtered by status. */
export function submissionsSection(slug: string, isCurrent: () => boolean): HTMLElement {
  const status = h('select', { id: 'filter-status' }, ['', 'queued', 'running', 'graded', 'error'].map((v) => h('option', { value: v }, v || 'Any status')));
  const table = h('div', { class: 'table-area' });
  const show = () =>
    void loadInto(table, () => api.exerciseSubmissions(slug, status.value), (items) => {
      replaceChildren(table,
        items.length === 0
          ? h('p', { class: 'empty' }, status.value ? `No ${status.value} submissions.` : 'Nobody has submitted yet.')
          : h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Submissions', tabindex: 0 },
              h('table', { class: 'stats' },
                h('thead', {}, h('tr', {}, ['Student', 'Status', 'Score', 'Verdict', 'Version', 'Submitted'].map((c) => h('th', { scope: 'col' }, c)))),
                h('tbody', {}, items.map(row)),
              ),
            ),
      );
    }, isCurrent);
  status.addEventListener('change', show);
  show();
  return h('section', { 'aria-labelledby': 'submissions-heading' },
    h('h2', { id: 'submissions-heading' }, 'Submissions'),
    h('div', { class: 'filters' }, h('label', { for: 'filter-status' }, 'Status'), status),
    table,
  );
}
