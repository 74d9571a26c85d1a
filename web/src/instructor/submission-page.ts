import { api } from '../api-client';
import { formatTime, h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { resultView } from '../result-view';

/**
 * Staff: one student's submission whole — every test with its real name, message, expected and
 * actual, hidden ones included (each says what the student was shown), and the files as
 * submitted — so that an instructor can tell the student why they lost points.
 */
export function instructorSubmissionPage(main: HTMLElement, id: string, isCurrent: () => boolean): void {
  void loadInto(main, () => api.submission(id), (submission) => {
    replaceChildren(main,
      h('p', {}, h('a', { href: `/instructor/exercises/${encodeURIComponent(submission.exercise)}`, 'data-link': true }, `← ${submission.exercise}`)),
      h('h1', {}, `Submission to ${submission.exercise}`),
      h('p', { class: 'muted' }, `Version ${submission.exerciseVersion} · submitted ${formatTime(submission.createdAt)}`),
      resultView(submission, true),
      h('section', { 'aria-labelledby': 'files-heading' },
        h('h2', { id: 'files-heading' }, 'Files'),
        Object.entries(submission.files).map(([path, text]) => h('figure', { class: 'submitted-file' }, h('figcaption', {}, path), h('pre', { tabindex: '0' }, text))),
      ),
    );
  }, isCurrent);
}
