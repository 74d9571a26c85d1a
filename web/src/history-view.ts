import { diffLines } from 'diff';
import type { Submission } from '@grader/contracts';
import { formatTime, h } from './dom';
import { submittedFiles } from './drafts';
import { resultView, verdictLabel } from './result-view';

/** Line diff of two file sets, file by file, as added/removed/unchanged lines. */
function filesDiff(before: Record<string, string>, after: Record<string, string>): HTMLElement {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const blocks = names.map((name) => {
    const parts = diffLines(before[name] ?? '', after[name] ?? '');
    if (parts.every((p) => !p.added && !p.removed)) return h('p', { class: 'muted' }, `${name}: unchanged`);
    const lines = parts.flatMap((part) =>
      part.value.replace(/\n$/, '').split('\n').map((line) => {
        const sign = part.added ? '+' : part.removed ? '-' : ' ';
        return h('span', { class: part.added ? 'line-added' : part.removed ? 'line-removed' : 'line-same' }, `${sign} ${line}\n`);
      }),
    );
    return h('figure', {}, h('figcaption', {}, name), h('pre', { class: 'diff', tabindex: '0' }, lines));
  });
  return h('div', { class: 'diffs' }, blocks);
}

/** A history entry's result, drawn when first opened (a long history holds many test lists). */
function resultDetails(submission: Submission): HTMLElement {
  const details = h('details', { class: 'history-result' }, h('summary', {}, 'Result of this submission'));
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) details.append(resultView(submission));
  });
  return details;
}

/**
 * The student's submissions for one exercise, newest first: each with its score, its whole
 * result and files on demand, a button that loads its files into the editor (`load`), and a
 * diff against the one before it.
 */
export function historyView(items: Submission[], load?: (submission: Submission) => void): HTMLElement {
  if (items.length === 0) return h('p', { class: 'empty' }, 'No submissions yet. Your attempts will be listed here.');
  return h(
    'ol',
    { class: 'history', 'aria-label': 'Your submissions, newest first' },
    items.map((submission, index) => {
      const previous = items[index + 1];
      const mine = submission.files ?? submittedFiles(submission.id);
      const before = previous ? (previous.files ?? submittedFiles(previous.id)) : null;
      const score = submission.status === 'graded' ? `${submission.score}/${submission.maxScore}` : submission.status;
      const when = formatTime(submission.createdAt);
      const loadButton = load && mine
        ? h('button', { type: 'button', class: 'small', 'aria-label': `Load into editor the files of the submission from ${when}` }, 'Load into editor')
        : null;
      loadButton?.addEventListener('click', () => load!({ ...submission, files: mine! }));
      return h(
        'li',
        { class: 'history-item', 'data-submission': submission.id },
        h('div', { class: 'history-head' },
          h('span', { class: 'history-score' }, score),
          h('span', {}, verdictLabel(submission.verdict)),
          h('time', { datetime: submission.createdAt, class: 'muted' }, when),
          loadButton,
        ),
        submission.status === 'graded' || submission.status === 'error' ? resultDetails(submission) : null,
        previous
          ? h('details', {},
              h('summary', {}, 'Changes since the previous submission'),
              mine && before ? filesDiff(before, mine) : h('p', { class: 'muted' }, 'The files of these submissions were sent from another browser; no diff here.'),
            )
          : h('p', { class: 'muted' }, 'First submission.'),
      );
    }),
  );
}
