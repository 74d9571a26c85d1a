import type { AssignmentGradebookDocument as Gradebook } from '@grader/contracts';
import { api } from '../api-client';
import { formatTime, h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { problemView } from '../problem-view';
import { gradebookCharts } from './gradebook-charts';
import { latePolicyText, standingView } from './standing';

function gradebookTable(book: Gradebook): HTMLElement {
  const cell = (c: Gradebook['rows'][number]['cells'][number], max: number) =>
    h('td', { class: 'num' },
      c.adjustedScore === null ? h('span', { class: 'muted' }, c.submissions === 0 ? '—' : 'not graded') : `${c.adjustedScore}/${max}`,
      c.daysLate ? h('div', { class: 'muted late' }, `${c.daysLate} d late (${c.score} before the penalty)`) : null,
      c.submissionId ? h('div', {}, h('a', { href: `/instructor/submissions/${c.submissionId}`, 'data-link': true, class: 'muted' }, 'open')) : null,
    );
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Gradebook', tabindex: 0 },
    h('table', { class: 'stats gradebook' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Student'), book.exercises.map((e) => h('th', { scope: 'col' }, `${e.title} (/${e.maxScore})`, h('div', { class: 'muted' }, e.slug))), h('th', { scope: 'col' }, 'Total'))),
      h('tbody', {},
        book.rows.length === 0
          ? h('tr', {}, h('td', { colspan: book.exercises.length + 2, class: 'empty' }, 'No students in this course yet.'))
          : book.rows.map((r) =>
              h('tr', { 'data-student': r.username },
                h('th', { scope: 'row' }, r.displayName, h('div', { class: 'muted' }, r.username, r.extendedTo ? ` · extended to ${formatTime(r.extendedTo)}` : '')),
                r.cells.map((c, i) => cell(c, book.exercises[i]!.maxScore)),
                h('td', { class: 'num' }, String(r.total)),
              ),
            ),
      ),
    ),
  );
}

/** Gives one student a due date of their own. */
function extensionForm(book: Gradebook, done: () => void): HTMLElement {
  const student = h('select', { id: 'extension-student' }, book.rows.map((r) => h('option', { value: r.userId }, `${r.displayName} (${r.username})`)));
  const due = h('input', { id: 'extension-due', type: 'datetime-local', required: true });
  const outcome = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline-form', 'aria-label': 'Extension' },
    h('label', { for: 'extension-student' }, 'Student'), student,
    h('label', { for: 'extension-due' }, 'Due'), due,
    h('button', { type: 'submit' }, 'Give the extension'),
    outcome,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.grantExtension(book.assignment.id, student.value, new Date(due.value).toISOString());
      done();
    } catch (err) {
      replaceChildren(outcome, problemView(err));
    }
  });
  return form;
}

/** An assignment for staff: its dates and policy, the gradebook with penalties (and as CSV), extensions, and charts. */
export function assignmentAdminPage(main: HTMLElement, assignmentId: string, isCurrent: () => boolean): void {
  const show = () =>
    void loadInto(main, () => api.gradebook(assignmentId), (book) => {
      const a = book.assignment;
      replaceChildren(main,
        h('p', {}, h('a', { href: `/instructor/courses/${a.courseId}`, 'data-link': true }, '← Course')),
        h('h1', {}, a.title),
        standingView(a),
        h('p', { class: 'muted' }, `Opens ${formatTime(a.opensAt)} · ${latePolicyText(a)}`, a.maxSubmissions === null ? '' : ` · ${a.maxSubmissions} submissions per exercise`, ` · counts the ${a.counts === 'best' ? 'best score' : 'last submission'}`, a.revealTestsAfterDue ? ' · tests revealed after the due date' : ''),
        h('div', { class: 'actions' }, h('a', { href: `/api/assignments/${a.id}/gradebook.csv`, download: 'assignment-gradebook.csv', class: 'button-link' }, 'Download the gradebook (CSV)')),
        h('h2', {}, 'Gradebook'),
        gradebookTable(book),
        h('h2', {}, 'Charts'),
        gradebookCharts(book),
        book.rows.length > 0 ? [h('h2', {}, 'Extensions'), extensionForm(book, show)] : null,
      );
    }, isCurrent);
  show();
}
