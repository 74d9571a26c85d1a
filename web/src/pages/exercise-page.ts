import { ApiError, api, isNetworkProblem } from '../api-client';
import { LANGUAGE_NAMES, type AssignmentDocument, type CodeDraftDocument, type Exercise, type Submission } from '@grader/contracts';
import { latePolicyText, standingView } from '../assignments/standing';
import { filesEditor } from '../code-editor';
import { h, replaceChildren } from '../dom';
import { draftSync, startingFiles } from '../draft-sync';
import { rememberSubmittedFiles } from '../drafts';
import { historyView } from '../history-view';
import { followSubmission } from '../live-status';
import { loadInto } from '../load-state';
import { renderMarkdown } from '../markdown';
import { announcement, resultView, tickElapsed } from '../result-view';
import { reasonNotToSubmit } from '../submission-guard';
import { environmentView } from '../environment-view';
import { narrowViewSwitch } from './narrow-views';
import { trialRunButton } from '../trial-run';

/** Statements usually open with the title as a heading; the page shows it once already. */
function withoutRepeatedTitle(statement: DocumentFragment, title: string): DocumentFragment {
  const first = statement.firstElementChild;
  if (first && /^H[12]$/.test(first.tagName) && first.textContent?.trim() === title.trim()) first.remove();
  return statement;
}

/** Why a submission was not accepted, in words for the student. */
function submitFailureText(err: unknown): string {
  if (isNetworkProblem(err)) return 'Not submitted: the server cannot be reached. Your code is kept here; try again in a moment.';
  if (err instanceof ApiError && err.status === 429) return `Not submitted: ${err.message}`;
  return (err as Error).message;
}

/** The title and facts, above statement and code: on a narrow screen they show whichever is chosen. */
function exerciseHeader(exercise: Exercise): HTMLElement {
  return h('header', { class: 'exercise-header' },
    h('h1', { id: 'exercise-title' }, exercise.title),
    h('p', { class: 'meta' }, h('span', { class: 'badge' }, exercise.kind), ' ', h('span', { class: 'badge language' }, LANGUAGE_NAMES[exercise.language]), ` · ${exercise.maxScore} points · `, exercise.skills.join(', ')),
  );
}

/** The statement card: the statement and the tests a student can see. */
function statementView(exercise: Exercise): HTMLElement {
  return h('article', { class: 'statement card', 'aria-label': 'Statement' },
    h('div', { class: 'markdown' }, withoutRepeatedTitle(renderMarkdown(exercise.statement), exercise.title)),
    givenFilesView(exercise.givenFiles),
    h('h2', {}, 'Tests'),
    h('ul', { class: 'test-plan' },
      exercise.tests.map((t) => h('li', {}, `${t.name} (${t.points} pts)`)),
      exercise.hiddenTests.count > 0 ? h('li', {}, `${exercise.hiddenTests.count} hidden test${exercise.hiddenTests.count > 1 ? 's' : ''} (${exercise.hiddenTests.points} pts)`) : null,
    ),
  );
}

/** Files to read, not to submit (a test-writing exercise's module under test), each as code. */
function givenFilesView(files: Record<string, string>): HTMLElement | null {
  const entries = Object.entries(files);
  if (entries.length === 0) return null;
  return h('section', { class: 'given-files', 'aria-label': 'Given files' },
    entries.map(([name, content]) =>
      h('details', { open: true },
        h('summary', {}, h('code', {}, name), ' (given: read it, do not submit it)'),
        h('pre', { class: 'given-file', tabindex: '0' }, h('code', {}, content)),
      ),
    ),
  );
}

/**
 * One exercise: statement, editor, submit, live result, history. With `assignmentId` (the page
 * opened from an assignment), submissions count for that assignment and its dates are shown.
 * Returns a cleanup that stops following a submission when the student leaves the page.
 */
export function exercisePage(main: HTMLElement, slug: string, isCurrent: () => boolean, assignmentId?: string): () => void {
  let stopFollowing: () => void = () => undefined;
  let closeDrafts: () => void = () => undefined;
  const ticker = window.setInterval(() => tickElapsed(main), 1000);
  // A draft the server cannot give (offline) does not stop the page: this browser's copy serves.
  const serverDraft = () => api.codeDraft(slug).catch(() => undefined);
  const load = () => Promise.all([api.exercise(slug), api.submissionsFor(slug), assignmentId ? api.assignment(assignmentId) : Promise.resolve(undefined), serverDraft()]);
  void loadInto(main, load, ([exercise, history, assignment, draft]) => render(exercise, history, assignment, draft), isCurrent);

  function render(exercise: Exercise, initialHistory: Submission[], assignment: AssignmentDocument | undefined, draft: CodeDraftDocument | null | undefined) {
    const names = Object.keys(exercise.starterFiles);
    const { files: initial, unsynced } = startingFiles(exercise.slug, exercise.starterFiles, draft);
    const drafts = draftSync(exercise.slug, names, unsynced ? 'unsynced' : draft === undefined ? 'unreachable' : 'saved');
    closeDrafts = () => drafts.close();
    const editor = filesEditor(exercise.starterFiles, {
      initial,
      onChange: (files) => drafts.changed(files),
      onSubmitKey: () => void submit(),
      keptWhere: 'Your code is saved to your account as you type, and follows you to any device.',
    });
    if (unsynced) drafts.changed(initial);
    // The heading stays while the body below it is replaced: focus can rest on it during grading.
    const resultTitle = h('h2', { id: 'result-title', tabindex: '-1' }, 'Result');
    const resultBody = h('div', { class: 'result-body' });
    const result = h('section', { class: 'result-area', 'aria-labelledby': 'result-title' }, resultTitle, resultBody);
    // One line per change of status, not the whole result block (its tables) on every update.
    const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-announcer': true });
    const connection = h('p', { class: 'warning', role: 'status', hidden: true }, 'Connection lost: reconnecting… Your submission keeps grading meanwhile.');
    const history = h('section', { class: 'history-area', 'aria-labelledby': 'history-title' });
    const submitButton = h('button', { type: 'button', class: 'primary', 'aria-keyshortcuts': 'Control+Enter Meta+Enter', title: 'Submit (Ctrl+Enter)' }, 'Submit');
    const resetButton = h('button', { type: 'button' }, 'Reset to starter');
    const runButton = trialRunButton(exercise, {
      files: () => editor.files(),
      show: (view) => replaceChildren(resultBody, view),
      announce: (line) => (announcer.textContent = announced = line),
      fail: (text) => fail(text),
      clearFailure: () => (submitError.hidden = true),
      isCurrent,
    });
    const submitError = h('p', { class: 'error', role: 'alert', hidden: true });
    let historyItems = initialHistory;
    let announced = '';

    const loadIntoEditor = (submission: Submission) => {
      if (!window.confirm('Replace the code in the editor with the files of this submission?')) return;
      editor.setFiles(submission.files);
      views.show('work');
      editor.element.querySelector<HTMLElement>('.cm-content')?.focus();
    };
    const showHistory = () => replaceChildren(history, h('h2', { id: 'history-title' }, 'Your submissions'), historyView(historyItems, loadIntoEditor));
    const showResult = (submission: Submission | null) =>
      replaceChildren(resultBody, submission ? resultView(submission) : h('p', { class: 'empty' }, 'Submit to see how your code does on the tests.'));
    const announce = (submission: Submission) => {
      const line = announcement(submission);
      if (line !== announced) announcer.textContent = announced = line;
    };

    const follow = (id: string) => {
      stopFollowing();
      stopFollowing = followSubmission(id, {
        update(submission) {
          showResult(submission);
          announce(submission);
          tickElapsed(main);
          historyItems = [submission, ...historyItems.filter((s) => s.id !== submission.id)];
          showHistory();
          submitButton.disabled = !(submission.status === 'graded' || submission.status === 'error');
        },
        connection(lost) {
          connection.hidden = !lost;
        },
      });
    };

    const fail = (text: string) => {
      submitError.textContent = text;
      submitError.hidden = false;
    };
    const submit = async () => {
      if (submitButton.disabled) return;
      submitError.hidden = true;
      const files = editor.files();
      const reason = reasonNotToSubmit(files, exercise.starterFiles, historyItems[0]);
      if (reason) return fail(reason);
      submitButton.disabled = true;
      try {
        const created = await api.submit(exercise.slug, files, assignment?.id);
        rememberSubmittedFiles(created.id, files);
        // The button is disabled while grading: focus waits on the result rather than dropping to the page.
        resultTitle.focus();
        follow(created.id);
      } catch (err) {
        fail(submitFailureText(err));
        submitButton.disabled = false;
      }
    };
    submitButton.addEventListener('click', () => void submit());
    resetButton.addEventListener('click', () => {
      if (!window.confirm('Replace your code with the starter files? Your draft will be lost.')) return;
      editor.setFiles(exercise.starterFiles);
      void drafts.discard();
    });

    const statement = statementView(exercise);
    const work = h('section', { class: 'work', 'aria-label': 'Your solution' },
      environmentView(exercise.environment),
      editor.element,
      h('div', { class: 'actions' }, submitButton, runButton, resetButton, drafts.status),
      submitError,
      connection,
      announcer,
      result,
    );
    // Ctrl/Cmd+Enter outside the editor too (the editor's own keymap takes it first there).
    work.addEventListener('keydown', (event) => {
      if (event.defaultPrevented || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      void submit();
    });
    const back = assignment ? h('a', { href: '/courses', 'data-link': true }, '← Courses') : h('a', { href: '/', 'data-link': true }, '← All exercises');
    const banner = assignment && h('section', { class: 'assignment-banner', 'aria-label': 'Assignment' }, h('p', {}, 'Submitting for ', h('strong', {}, assignment.title)), standingView(assignment), h('p', { class: 'muted' }, latePolicyText(assignment)));
    const layout = h('div', { class: 'exercise-layout' }, statement, work);
    // A returning student (a draft or a submission) comes back for the code; a newcomer reads first.
    const views = narrowViewSwitch(layout, initialHistory.length > 0 || unsynced || Boolean(draft) ? 'work' : 'statement');
    replaceChildren(main, h('p', {}, back), banner, exerciseHeader(exercise), views.element, layout, history);
    // On return (another day, another device) the latest result is there, not an empty box.
    showResult(initialHistory[0] ?? null);
    showHistory();
    // A submission still grading when the page was (re)loaded is followed again.
    const pending = initialHistory.find((s) => s.status === 'queued' || s.status === 'running');
    if (pending) follow(pending.id);
  }

  return () => {
    stopFollowing();
    closeDrafts();
    window.clearInterval(ticker);
  };
}
