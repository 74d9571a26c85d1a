import { parseDocument } from 'yaml';
import { api } from '../api-client';
import type { InstructorExercise } from '@grader/contracts';
import { h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { problemView } from '../problem-view';

const MANIFESTS = ['exercise.yaml', 'exercise.yml', 'exercise.json'];
const SLUG_PATTERN = '[a-z0-9]+(-[a-z0-9]+)*';

/** The package's files with a new slug and title written into its manifest (YAML comments kept). */
export function withNewIdentity(files: Record<string, string>, slug: string, title: string): Record<string, string> {
  const manifest = MANIFESTS.find((name) => name in files);
  if (!manifest) throw new Error('The package has no exercise.yaml or exercise.json.');
  const text = files[manifest]!;
  let rewritten: string;
  if (manifest.endsWith('.json')) {
    rewritten = `${JSON.stringify({ ...JSON.parse(text), slug, title }, null, 2)}\n`;
  } else {
    const doc = parseDocument(text);
    doc.set('slug', slug);
    doc.set('title', title);
    rewritten = doc.toString();
  }
  return { ...files, [manifest]: rewritten };
}

/**
 * Two ways to start an exercise: upload a package (the folder `npm run exercise -- validate`
 * checks, as .zip or .tar.gz), or copy an existing exercise under a new slug and title.
 * Either way a draft opens, to edit, validate and publish.
 */
export function newExercisePage(main: HTMLElement, isCurrent: () => boolean, navigate: (path: string) => void): void {
  void loadInto(main, () => api.instructorExercises(), (exercises) => render(main, exercises, navigate), isCurrent);
}

function render(main: HTMLElement, exercises: InstructorExercise[], navigate: (path: string) => void): void {
  const archive = h('input', { type: 'file', id: 'package-archive', name: 'package-archive', accept: '.zip,.tar.gz,.tgz,application/zip,application/gzip', required: true, 'aria-describedby': 'archive-hint' });
  const uploadOutcome = h('div', { 'aria-live': 'polite' });
  const uploadForm = h('form', { class: 'card stack', 'aria-labelledby': 'upload-heading' },
    h('h2', { id: 'upload-heading' }, 'Upload a package'),
    h('p', { id: 'archive-hint', class: 'muted' },
      'A .zip or .tar.gz of an exercise folder: exercise.yaml, statement.md, starter files, tests, the reference solution and known-wrong solutions. ',
      h('a', { href: '/api/exercise-schema.json' }, 'The manifest’s JSON Schema'), ' tells every field.'),
    h('label', { for: 'package-archive' }, 'Package archive'),
    archive,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Upload and open the draft')),
    uploadOutcome,
  );
  onSubmitDraft(uploadForm, uploadOutcome, navigate, async () => {
    const file = archive.files?.[0];
    if (!file) throw new Error('Choose a .zip or .tar.gz file first.');
    replaceChildren(uploadOutcome, h('p', { class: 'muted', role: 'status' }, `Uploading ${file.name}…`));
    return api.uploadDraft(file);
  });

  const source = h('select', { id: 'copy-source', name: 'copy-source', required: true }, exercises.map((e) => h('option', { value: e.slug }, `${e.title} (${e.slug})`)));
  const slug = h('input', { id: 'copy-slug', name: 'copy-slug', required: true, pattern: SLUG_PATTERN, maxlength: 64, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'slug-hint' });
  const title = h('input', { id: 'copy-title', name: 'copy-title', required: true, maxlength: 200 });
  const copyOutcome = h('div', { 'aria-live': 'polite' });
  const copyForm = h('form', { class: 'card stack', 'aria-labelledby': 'copy-heading' },
    h('h2', { id: 'copy-heading' }, 'Start from a copy'),
    h('p', { class: 'muted' }, 'Copies an exercise’s whole package (tests, solutions, datasets) into a new draft under a new slug.'),
    h('label', { for: 'copy-source' }, 'Copy of'),
    source,
    h('label', { for: 'copy-slug' }, 'New slug'),
    slug,
    h('p', { id: 'slug-hint', class: 'hint muted' }, 'Lower-case letters, digits and dashes: it becomes the exercise’s address.'),
    h('label', { for: 'copy-title' }, 'Title'),
    title,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create the draft')),
    copyOutcome,
  );
  onSubmitDraft(copyForm, copyOutcome, navigate, async () => {
    const pkg = await api.exercisePackage(source.value);
    return api.createDraft(withNewIdentity(pkg.files, slug.value.trim(), title.value.trim()));
  });

  replaceChildren(main,
    h('p', {}, h('a', { href: '/instructor', 'data-link': true }, '← Instructor overview')),
    h('h1', {}, 'New exercise'),
    h('div', { class: 'two-columns' }, uploadForm, exercises.length > 0 ? copyForm : null),
  );
}

/** A form that makes a draft: its button held while working, then the draft opened, or why not shown. */
function onSubmitDraft(form: HTMLFormElement, outcome: HTMLElement, navigate: (path: string) => void, makeDraft: () => Promise<{ id: string }>): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button')!;
    button.disabled = true;
    try {
      const draft = await makeDraft();
      navigate(`/instructor/drafts/${draft.id}`);
    } catch (err) {
      replaceChildren(outcome, problemView(err));
    } finally {
      button.disabled = false;
    }
  });
}
