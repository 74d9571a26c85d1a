import { Compartment } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { codeEditorView } from '../code-editor';
import { h, replaceChildren } from '../dom';
import { renderMarkdown } from '../markdown';

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
  /** Opens a file with the cursor at a 1-based line and column, scrolled into view and focused. */
  reveal(path: string, line: number, column: number): void;
  setReadOnly(readOnly: boolean): void;
}

/** Files shown rendered on Preview: the statement and any other markdown. */
const MARKDOWN = /\.(md|markdown)$/i;

/** Where the manifest lives when there is one; it opens first. */
const MANIFEST = /^exercise\.(ya?ml|json)$/;

/**
 * An exercise package's files, one editor per file behind a list of paths: add a file by
 * its path, remove one, see which files changed since the last save. The editors are made
 * when a file is first opened (a package may hold dozens of files).
 */
export function packageEditor(initial: Record<string, string>, onChange: () => void): PackageEditor {
  return new PackageFiles(initial, onChange);
}

class PackageFiles implements PackageEditor {
  readonly element: HTMLElement;
  private readonly contents: Map<string, string>;
  private saved: Map<string, string>;
  private readonly views = new Map<string, EditorView>();
  private readonly panels = new Map<string, HTMLElement>();
  private current: string | undefined;
  private readOnly = false;
  private readonly editable = new Compartment();
  private readonly list = h('ul', { class: 'file-list' });
  private readonly editorArea = h('div', { class: 'package-file' });
  private readonly heading = h('h3', { class: 'file-name', id: 'package-file-name' });
  private readonly removeButton = h('button', { type: 'button' }, 'Remove file');
  /** A markdown file (the statement) read as students will: rendered and sanitised as on their page. */
  private readonly previewButton = h('button', { type: 'button', 'aria-pressed': 'false', hidden: true }, 'Preview');
  private readonly preview = h('div', { class: 'markdown statement-preview', hidden: true, role: 'region', 'aria-label': 'Preview as students see it', tabindex: 0 });
  private readonly newPath = h('input', { id: 'new-file-path', name: 'new-file-path', placeholder: 'wrong/off-by-one/query.sql', autocomplete: 'off', spellcheck: 'false' });
  private readonly addButton = h('button', { type: 'submit' }, 'Add file');
  private readonly addError = h('p', { class: 'error', role: 'alert', hidden: true });

  constructor(initial: Record<string, string>, private readonly onChange: () => void) {
    this.contents = new Map(Object.entries(initial));
    this.saved = new Map(this.contents);
    const addForm = h('form', { class: 'add-file' }, h('label', { for: 'new-file-path' }, 'New file path'), h('div', { class: 'inline' }, this.newPath, this.addButton), this.addError);
    this.removeButton.addEventListener('click', () => this.removeCurrent());
    this.previewButton.addEventListener('click', () => this.showPreview(this.previewButton.getAttribute('aria-pressed') !== 'true'));
    addForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.addFile(this.newPath.value.trim());
    });
    this.element = h('div', { class: 'package-editor' },
      h('nav', { 'aria-label': 'Package files', class: 'file-nav' }, this.list, addForm),
      h('div', { class: 'file-pane' },
        h('div', { class: 'file-bar' }, this.heading, this.previewButton, this.removeButton),
        this.editorArea,
        this.preview,
        h('p', { class: 'hint muted', id: 'editor-hint' }, 'Tab indents in the editor; press Esc, then Tab, to move on. Changes are kept on the server when you save.'),
      ),
    );
    const first = this.sortedPaths()[0];
    if (first) this.open(first);
  }

  files(): Record<string, string> {
    return Object.fromEntries(this.contents);
  }

  isDirty(): boolean {
    return this.contents.size !== this.saved.size || [...this.contents.keys()].some((path) => this.isChanged(path));
  }

  markSaved(): void {
    this.saved = new Map(this.contents);
    this.renderList();
  }

  setReadOnly(value: boolean): void {
    this.readOnly = value;
    for (const view of this.views.values()) view.dispatch({ effects: this.editable.reconfigure(EditorView.editable.of(!value)) });
    this.removeButton.disabled = value;
    this.addButton.disabled = value;
    this.newPath.disabled = value;
  }

  open(path: string): void {
    if (!this.contents.has(path)) return;
    this.current = path;
    for (const [p, panel] of this.panels) panel.hidden = p !== path;
    if (!this.panels.has(path)) this.createPanel(path);
    this.heading.textContent = path;
    // The visible words first, then which file (WCAG 2.5.3, label in name).
    this.removeButton.setAttribute('aria-label', `Remove file ${path}`);
    this.previewButton.hidden = !MARKDOWN.test(path);
    this.showPreview(false);
    this.renderList();
  }

  /** Shows the open markdown file rendered in place of its editor, or the editor again (a toggle button: its name stays, aria-pressed says which). */
  private showPreview(on: boolean): void {
    const path = this.current;
    const previewing = on && path !== undefined && MARKDOWN.test(path);
    this.previewButton.setAttribute('aria-pressed', String(previewing));
    this.preview.hidden = !previewing;
    this.editorArea.hidden = previewing;
    if (previewing) replaceChildren(this.preview, renderMarkdown(this.contents.get(path) ?? ''));
    else this.preview.replaceChildren();
  }

  reveal(path: string, line: number, column: number): void {
    this.open(path);
    const view = this.views.get(path);
    if (!view) return;
    const doc = view.state.doc;
    const target = doc.line(Math.min(Math.max(1, line), doc.lines));
    const anchor = target.from + Math.min(Math.max(0, column - 1), target.length);
    view.dispatch({ selection: { anchor }, effects: EditorView.scrollIntoView(anchor, { y: 'center' }) });
    view.focus();
  }

  private isChanged(path: string): boolean {
    return this.saved.get(path) !== this.contents.get(path);
  }

  /** The manifest first, then by path. */
  private sortedPaths(): string[] {
    return [...this.contents.keys()].sort((a, b) => Number(!MANIFEST.test(a)) - Number(!MANIFEST.test(b)) || a.localeCompare(b));
  }

  private createPanel(path: string): void {
    const panel = h('div', { class: 'editor-panel' });
    const view = codeEditorView(panel, this.contents.get(path) ?? '', path, (text) => {
      this.contents.set(path, text);
      this.renderList();
      this.onChange();
    }, [this.editable.of(EditorView.editable.of(!this.readOnly))]);
    this.views.set(path, view);
    this.panels.set(path, panel);
    this.editorArea.append(panel);
  }

  private renderList(): void {
    replaceChildren(
      this.list,
      this.sortedPaths().map((path) =>
        h('li', {},
          h('button', { type: 'button', class: 'file-link', 'data-path': path, 'aria-current': path === this.current ? 'true' : null, onclick: () => this.open(path) },
            path,
            this.isChanged(path) ? h('span', { class: 'changed', title: 'changed since the last save' }, ' •', h('span', { class: 'visually-hidden' }, ' (changed)')) : null,
          ),
        ),
      ),
      [...this.saved.keys()].filter((p) => !this.contents.has(p)).map((path) => h('li', { class: 'removed muted' }, `${path} (removed)`)),
    );
  }

  private removeCurrent(): void {
    const current = this.current;
    if (!current || this.readOnly) return;
    if (!window.confirm(`Remove ${current} from the package?`)) return;
    this.contents.delete(current);
    this.panels.get(current)?.remove();
    this.panels.delete(current);
    this.views.delete(current);
    this.current = undefined;
    const next = this.sortedPaths()[0];
    if (next) this.open(next);
    else {
      this.heading.textContent = 'No files';
      this.renderList();
    }
    this.onChange();
  }

  private addFile(path: string): void {
    const problem = pathProblem(path, this.contents);
    this.addError.hidden = problem === undefined;
    this.addError.textContent = problem ?? '';
    if (problem) return;
    this.contents.set(path, '');
    this.newPath.value = '';
    this.open(path);
    this.views.get(path)?.focus();
    this.onChange();
  }
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
