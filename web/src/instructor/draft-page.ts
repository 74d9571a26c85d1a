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

/** The page's controls and mutable state, shared by its actions. */
interface DraftControls {
  state: { draft: DraftSummary; busy: boolean };
  facts: HTMLElement;
  notice: HTMLElement;
  reportArea: HTMLElement;
  buttons: { save: HTMLButtonElement; validate: HTMLButtonElement; publish: HTMLButtonElement; discard: HTMLButtonElement };
  editor: PackageEditor;
  isCurrent: () => boolean;
}

/** Facts line and buttons as the draft's state, the editor and a running action allow. */
function refreshDraft(c: DraftControls): void {
  const { draft, busy } = c.state;
  const open = draft.state === 'draft';
  const publishable = open && !c.editor.isDirty() && draft.latestValidation?.status === 'passed' && draft.latestValidation.upToDate;
  replaceChildren(c.facts,
    `${draft.slug} · ${draft.kind} · ${draft.maxScore} points · `,
    h('span', { class: 'draft-state', 'data-state': draft.state }, open ? (c.editor.isDirty() ? 'unsaved changes' : 'saved') : draft.state),
    ` · updated ${formatTime(draft.updatedAt)}`,
  );
  c.buttons.save.disabled = busy || !open || !c.editor.isDirty();
  c.buttons.validate.disabled = busy || !open;
  c.buttons.publish.disabled = busy || !publishable;
  c.buttons.discard.disabled = busy || !open;
  c.buttons.publish.title = publishable ? '' : 'Publishing needs a passing validation of the saved files.';
  c.editor.setReadOnly(!open);
}

/** Runs one action with the buttons disabled; a refusal shows as a problem in the notice. */
async function act(c: DraftControls, work: () => Promise<void>): Promise<void> {
  c.state.busy = true;
  refreshDraft(c);
  replaceChildren(c.notice);
  try {
    await work();
  } catch (err) {
    if (c.isCurrent()) replaceChildren(c.notice, problemView(err, ({ path, line, column }) => c.editor.reveal(path, line, column)));
  } finally {
    c.state.busy = false;
    if (c.isCurrent()) refreshDraft(c);
  }
}

/** Saves when there is something to save; a refusal (with the package's errors) is thrown to `act`. */
async function saveDraft(c: DraftControls): Promise<void> {
  if (!c.editor.isDirty()) return;
  c.state.draft = await api.saveDraft(c.state.draft.id, c.editor.files());
  c.editor.markSaved();
  replaceChildren(c.notice, h('p', { class: 'saved' }, `Saved at ${new Date().toLocaleTimeString()}.`));
}

const showReport = (c: DraftControls) => (v: ValidationReport) => replaceChildren(c.reportArea, validationReportView(v));

async function validateDraft(c: DraftControls): Promise<void> {
  await saveDraft(c);
  const started = await api.validateDraft(c.state.draft.id);
  showReport(c)(started);
  const finished = await pollUntil(
    () => api.validation(started.id),
    (v) => v.status !== 'queued',
    showReport(c),
    (message) => replaceChildren(c.notice, h('p', { class: 'error', role: 'alert' }, `${message} Still waiting for the validation…`)),
    c.isCurrent,
  );
  if (!finished) return;
  replaceChildren(c.notice);
  c.state.draft = await api.draft(c.state.draft.id);
}

async function publishDraft(c: DraftControls): Promise<void> {
  const published = await api.publishDraft(c.state.draft.id);
  c.state.draft = await api.draft(c.state.draft.id);
  replaceChildren(c.notice,
    h('p', { class: 'status status-graded', role: 'status' },
      h('strong', {}, `Published as version ${published.version}.`),
      ' Students see it now; earlier grades stay as they were. ',
      h('a', { href: `/instructor/exercises/${encodeURIComponent(published.slug)}`, 'data-link': true }, 'Go to the exercise'),
    ),
  );
}

async function discardDraft(c: DraftControls, navigate: (path: string) => void): Promise<void> {
  if (!window.confirm(`Discard the draft of ${c.state.draft.title}? Its files are not kept.`)) return;
  await api.discardDraft(c.state.draft.id);
  c.editor.markSaved();
  navigate('/instructor');
}

/** A validation already run (or running) for this draft shows at once. */
function showLatestValidation(c: DraftControls, initial: DraftDetail): void {
  if (!initial.latestValidation) {
    replaceChildren(c.reportArea, h('p', { class: 'empty' }, 'Not validated yet.'));
    return;
  }
  const latestId = initial.latestValidation.id;
  void act(c, async () => {
    const latest = await api.validation(latestId);
    showReport(c)(latest);
    if (latest.status === 'queued') await pollUntil(() => api.validation(latestId), (v) => v.status !== 'queued', showReport(c), () => undefined, c.isCurrent);
    c.state.draft = await api.draft(c.state.draft.id);
  });
}

function renderDraft(main: HTMLElement, initial: DraftDetail, isCurrent: () => boolean, navigate: (path: string) => void): () => void {
  const c: DraftControls = {
    state: { draft: initial, busy: false },
    facts: h('p', { class: 'muted draft-facts' }),
    notice: h('div', { class: 'notice', 'aria-live': 'polite' }),
    reportArea: h('div', { class: 'report-area', 'aria-live': 'polite' }),
    buttons: {
      save: h('button', { type: 'button' }, 'Save'),
      validate: h('button', { type: 'button' }, 'Validate'),
      publish: h('button', { type: 'button', class: 'primary' }, 'Publish'),
      discard: h('button', { type: 'button' }, 'Discard draft'),
    },
    editor: packageEditor(initial.files, () => refreshDraft(c)),
    isCurrent,
  };
  c.buttons.save.addEventListener('click', () => void act(c, () => saveDraft(c)));
  c.buttons.validate.addEventListener('click', () => void act(c, () => validateDraft(c)));
  c.buttons.publish.addEventListener('click', () => void act(c, () => publishDraft(c)));
  c.buttons.discard.addEventListener('click', () => void act(c, () => discardDraft(c, navigate)));

  replaceChildren(main,
    h('p', {}, h('a', { href: '/instructor', 'data-link': true }, '← Instructor overview')),
    h('h1', {}, `Draft: ${initial.title}`),
    c.facts,
    h('section', { 'aria-labelledby': 'files-heading' }, h('h2', { id: 'files-heading' }, 'Package files'), c.editor.element),
    h('div', { class: 'actions' }, c.buttons.save, c.buttons.validate, c.buttons.publish, c.buttons.discard),
    c.notice,
    h('section', { 'aria-labelledby': 'validation-heading' },
      h('h2', { id: 'validation-heading' }, 'Validation'),
      h('p', { class: 'muted' }, 'Validation grades the reference solution, every alternative and known-wrong solution and the starter files in the real sandbox. The reference and alternatives must get full marks, each known-wrong solution must stay at or under its bound, and the starter files must not pass.'),
      c.reportArea,
    ),
  );
  refreshDraft(c);
  showLatestValidation(c, initial);
  return guardUnsavedWork(() => c.editor.isDirty());
}
