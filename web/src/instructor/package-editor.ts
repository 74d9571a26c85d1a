import { Compartment } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { codeEditorView } from '../code-editor';
import { h, replaceChildren } from '../dom';

export interface PackageEditor {
  element: HTMLElement;
  /** Every file as it is now in the editor. */
  files(): Record<string, string>;
  /** True when the files differ from what was last saved. */
  isDirty(): boolean;
  /** The current files are what the server now holds. */
  markSaved(): void;
  /** Opens one file (e.g. the one a validation problem names). */
  open(path: string): void;
  setReadOnly(readOnly: boolean): void;
}

/** Where the manifest lives when there is one; it opens first. */
const MANIFEST = /^exercise\.(ya?ml|json)$/;

/**
 * An exercise package's files, one editor per file behind a list of paths: add a file by
 * its path, remove one, see which files changed since the last save. The editors are made
 * when a file is first opened (a package may hold dozens of files).
 */
export function packageEditor(initial: Record<string, string>, onChange: () => void): PackageEditor {
  const contents = new Map(Object.entries(initial));
  let saved = new Map(contents);
  const views = new Map<string, EditorView>();
  const panels = new Map<string, HTMLElement>();
  let current: string | undefined;
  let readOnly = false;
  const editable = new Compartment();

  const list = h('ul', { class: 'file-list' });
  const editorArea = h('div', { class: 'package-file' });
  const heading = h('h3', { class: 'file-name', id: 'package-file-name' });
  const removeButton = h('button', { type: 'button' }, 'Remove file');
  const newPath = h('input', { id: 'new-file-path', name: 'new-file-path', placeholder: 'wrong/off-by-one/query.sql', autocomplete: 'off', spellcheck: 'false' });
  const addButton = h('button', { type: 'submit' }, 'Add file');
  const addError = h('p', { class: 'error', role: 'alert', hidden: true });
  const addForm = h('form', { class: 'add-file' }, h('label', { for: 'new-file-path' }, 'New file path'), h('div', { class: 'inline' }, newPath, addButton), addError);

  const isChanged = (path: string) => saved.get(path) !== contents.get(path);
  const sortedPaths = () =>
    [...contents.keys()].sort((a, b) => Number(!MANIFEST.test(a)) - Number(!MANIFEST.test(b)) || a.localeCompare(b));

  const renderList = () => {
    replaceChildren(
      list,
      sortedPaths().map((path) =>
        h('li', {},
          h('button', { type: 'button', class: 'file-link', 'data-path': path, 'aria-current': path === current ? 'true' : null, onclick: () => open(path) },
            path,
            isChanged(path) ? h('span', { class: 'changed', title: 'changed since the last save' }, ' •', h('span', { class: 'visually-hidden' }, ' (changed)')) : null,
          ),
        ),
      ),
      [...saved.keys()].filter((p) => !contents.has(p)).map((path) => h('li', { class: 'removed muted' }, `${path} (removed)`)),
    );
  };

  const open = (path: string) => {
    if (!contents.has(path)) return;
    current = path;
    for (const [p, panel] of panels) panel.hidden = p !== path;
    if (!panels.has(path)) {
      const panel = h('div', { class: 'editor-panel' });
      const view = codeEditorView(panel, contents.get(path) ?? '', path, (text) => {
        contents.set(path, text);
        renderList();
        onChange();
      }, [editable.of(EditorView.editable.of(!readOnly))]);
      views.set(path, view);
      panels.set(path, panel);
      editorArea.append(panel);
    }
    heading.textContent = path;
    removeButton.setAttribute('aria-label', `Remove ${path}`);
    renderList();
  };

  removeButton.addEventListener('click', () => {
    if (!current || readOnly) return;
    if (!window.confirm(`Remove ${current} from the package?`)) return;
    contents.delete(current);
    panels.get(current)?.remove();
    panels.delete(current);
    views.delete(current);
    current = undefined;
    const next = sortedPaths()[0];
    if (next) open(next);
    else {
      heading.textContent = 'No files';
      renderList();
    }
    onChange();
  });

  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const path = newPath.value.trim();
    const problem = pathProblem(path, contents);
    addError.hidden = problem === undefined;
    addError.textContent = problem ?? '';
    if (problem) return;
    contents.set(path, '');
    newPath.value = '';
    open(path);
    views.get(path)?.focus();
    onChange();
  });

  const element = h('div', { class: 'package-editor' },
    h('nav', { 'aria-label': 'Package files', class: 'file-nav' }, list, addForm),
    h('div', { class: 'file-pane' },
      h('div', { class: 'file-bar' }, heading, removeButton),
      editorArea,
      h('p', { class: 'hint muted', id: 'editor-hint' }, 'Tab indents in the editor; press Esc, then Tab, to move on. Changes are kept on the server when you save.'),
    ),
  );
  const first = sortedPaths()[0];
  if (first) open(first);

  return {
    element,
    files: () => Object.fromEntries(contents),
    isDirty: () => contents.size !== saved.size || [...contents.keys()].some(isChanged),
    markSaved() {
      saved = new Map(contents);
      renderList();
    },
    open,
    setReadOnly(value: boolean) {
      readOnly = value;
      for (const view of views.values()) view.dispatch({ effects: editable.reconfigure(EditorView.editable.of(!value)) });
      removeButton.disabled = value;
      addButton.disabled = value;
      newPath.disabled = value;
    },
  };
}

/** Why a new file's path cannot be added, in words; the server checks again on save. */
function pathProblem(path: string, existing: Map<string, string>): string | undefined {
  if (!path) return 'Type the new file’s path, e.g. wrong/off-by-one/query.sql.';
  if (path.startsWith('/') || path.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    return 'Use a relative path of folder and file names, without “..”, “.” or empty parts.';
  }
  if (existing.has(path)) return `${path} is already in the package.`;
  return undefined;
}
