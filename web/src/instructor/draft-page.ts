import { api } from '../api-client';
import type { DraftDetailDocument as DraftDetail, DraftSummaryDocument as DraftSummary, ValidationReport } from '@grader/contracts';
import { formatTime, h, replaceChildren } from '../dom';
import { guardUnsavedWork } from '../leave-guard';
import { loadInto } from '../load-state';
import { pollUntil } from '../poll';
import { problemView } from '../problem-view';
import { packageEditor, type PackageEditor } from './package-editor';
import { validationReportView } from './validation-report';

/**
 * One draft: its package's files in an editor; Save (the server checks the manifest and the
 * files it names); Validate (every solution the package ships runs in the real sandbox, the
 * report arrives here); Publish, offered once the latest validation passed for exactly the
 * saved files; Discard. Returns the function that cleans up when the page is left.
 */
export function draftPage(main: HTMLElement, draftId: string, isCurrent: () => boolean, navigate: (path: string) => void): () => void {
  let unguard: () => void = () => undefined;
  void loadInto(main, () => api.draft(draftId), (draft) => {
    unguard = renderDraft(main, draft, isCurrent, navigate);
  }, isCurrent);
  return () => unguard();
}

function renderDraft(main: HTMLElement, initial: DraftDetail, isCurrent: () => boolean, navigate: (path: string) => void): () => void {
  let draft: DraftSummary = initial;
  let busy = false;

  const facts = h('p', { class: 'muted draft-facts' });
  const notice = h('div', { class: 'notice', 'aria-live': 'polite' });
  const reportArea = h('div', { class: 'report-area', 'aria-live': 'polite' });
  const saveButton = h('button', { type: 'button' }, 'Save');
  const validateButton = h('button', { type: 'button' }, 'Validate');
  const publishButton = h('button', { type: 'button', class: 'primary' }, 'Publish');
  const discardButton = h('button', { type: 'button' }, 'Discard draft');
  const editor: PackageEditor = packageEditor(initial.files, () => refresh());

  const open = () => draft.state === 'draft';
  const publishable = () => open() && !editor.isDirty() && draft.latestValidation?.status === 'passed' && draft.latestValidation.upToDate;

  function refresh(): void {
    replaceChildren(facts,
      `${draft.slug} · ${draft.kind} · ${draft.maxScore} points · `,
      h('span', { class: 'draft-state', 'data-state': draft.state }, draft.state === 'draft' ? (editor.isDirty() ? 'unsaved changes' : 'saved') : draft.state),
      ` · updated ${formatTime(draft.updatedAt)}`,
    );
    saveButton.disabled = busy || !open() || !editor.isDirty();
    validateButton.disabled = busy || !open();
    publishButton.disabled = busy || !publishable();
    discardButton.disabled = busy || !open();
    publishButton.title = publishable() ? '' : 'Publishing needs a passing validation of the saved files.';
    editor.setReadOnly(!open());
  }

  const act = async (work: () => Promise<void>) => {
    busy = true;
    refresh();
    replaceChildren(notice);
    try {
      await work();
    } catch (err) {
      if (isCurrent()) replaceChildren(notice, problemView(err));
    } finally {
      busy = false;
      if (isCurrent()) refresh();
    }
  };

  /** Saves when there is something to save; a refusal (with the package's errors) is thrown to `act`. */
  const save = async (): Promise<void> => {
    if (!editor.isDirty()) return;
    draft = await api.saveDraft(draft.id, editor.files());
    editor.markSaved();
    replaceChildren(notice, h('p', { class: 'saved' }, `Saved at ${new Date().toLocaleTimeString()}.`));
  };

  const showReport = (v: ValidationReport) => {
    replaceChildren(reportArea, validationReportView(v));
  };

  const validate = async () => {
    await save();
    const started = await api.validateDraft(draft.id);
    showReport(started);
    const finished = await pollUntil(
      () => api.validation(started.id),
      (v) => v.status !== 'queued',
      showReport,
      (message) => replaceChildren(notice, h('p', { class: 'error', role: 'alert' }, `${message} Still waiting for the validation…`)),
      isCurrent,
    );
    if (!finished) return;
    replaceChildren(notice);
    draft = await api.draft(draft.id);
  };

  const publish = async () => {
    const published = await api.publishDraft(draft.id);
    draft = await api.draft(draft.id);
    replaceChildren(notice,
      h('p', { class: 'status status-graded', role: 'status' },
        h('strong', {}, `Published as version ${published.version}.`),
        ' Students see it now; earlier grades stay as they were. ',
        h('a', { href: `/instructor/exercises/${encodeURIComponent(published.slug)}`, 'data-link': true }, 'Go to the exercise'),
      ),
    );
  };

  const discard = async () => {
    if (!window.confirm(`Discard the draft of ${draft.title}? Its files are not kept.`)) return;
    await api.discardDraft(draft.id);
    editor.markSaved();
    navigate('/instructor');
  };

  saveButton.addEventListener('click', () => void act(save));
  validateButton.addEventListener('click', () => void act(validate));
  publishButton.addEventListener('click', () => void act(publish));
  discardButton.addEventListener('click', () => void act(discard));

  replaceChildren(main,
    h('p', {}, h('a', { href: '/instructor', 'data-link': true }, '← Instructor overview')),
    h('h1', {}, `Draft: ${initial.title}`),
    facts,
    h('section', { 'aria-labelledby': 'files-heading' }, h('h2', { id: 'files-heading' }, 'Package files'), editor.element),
    h('div', { class: 'actions' }, saveButton, validateButton, publishButton, discardButton),
    notice,
    h('section', { 'aria-labelledby': 'validation-heading' },
      h('h2', { id: 'validation-heading' }, 'Validation'),
      h('p', { class: 'muted' }, 'Validation grades the reference solution, every alternative and known-wrong solution and the starter files in the real sandbox. The reference and alternatives must get full marks, each known-wrong solution must stay at or under its bound, and the starter files must not pass.'),
      reportArea,
    ),
  );
  refresh();

  // A validation already run (or running) for this draft shows at once.
  if (initial.latestValidation) {
    const latestId = initial.latestValidation.id;
    void act(async () => {
      const latest = await api.validation(latestId);
      showReport(latest);
      if (latest.status === 'queued') await pollUntil(() => api.validation(latestId), (v) => v.status !== 'queued', showReport, () => undefined, isCurrent);
      draft = await api.draft(draft.id);
    });
  } else {
    replaceChildren(reportArea, h('p', { class: 'empty' }, 'Not validated yet.'));
  }
  return guardUnsavedWork(() => editor.isDirty());
}
