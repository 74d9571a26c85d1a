import { javascript } from '@codemirror/lang-javascript';
import { markdown } from '@codemirror/lang-markdown';
import { python } from '@codemirror/lang-python';
import { sql, SQLite } from '@codemirror/lang-sql';
import { yaml } from '@codemirror/lang-yaml';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap, ViewPlugin } from '@codemirror/view';
import { oneDark } from '@codemirror/theme-one-dark';
import { indentWithTab } from '@codemirror/commands';
import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { basicSetup } from 'codemirror';
import { h } from './dom';
import { editorComfort } from './editor-comfort';

/** The server's per-page nonce that lets CodeMirror's own <style> element past the CSP. */
const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')?.content ?? '';

const darkScheme = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;

/**
 * One Dark's colours below WCAG AA's 4.5:1 on its background and active line (axe-core flagged
 * them), lightened: its grey of line numbers and comments (#7d8799, 3.9:1), its coral of names
 * and properties (#e06c75, 4.4:1) and its violet of keywords (#c678dd, 4.4:1 on the active line).
 */
const LEGIBLE = { grey: '#a0a8b7', coral: '#ef8891', violet: '#d596e6' };
const darkLegibility: Extension = [
  // Ahead of One Dark's own rules (the earlier of two equal extensions wins).
  Prec.highest(EditorView.theme({ '.cm-gutters': { color: LEGIBLE.grey } }, { dark: true })),
  Prec.highest(
    syntaxHighlighting(
      HighlightStyle.define([
        { tag: [tags.meta, tags.comment], color: LEGIBLE.grey, fontStyle: 'italic' },
        { tag: [tags.name, tags.deleted, tags.character, tags.propertyName, tags.macroName], color: LEGIBLE.coral },
        { tag: tags.keyword, color: LEGIBLE.violet },
      ]),
    ),
  ),
];

/**
 * The light theme's (defaultHighlightStyle) orange of template strings, regular expressions and
 * escapes (#e40, 3.9:1 on white: axe-core flagged a starter's SQL in a template literal) and its
 * red of invalid code (#f00, 4.0:1), darkened to above 4.5:1 on white and on the active line.
 */
const lightLegibility: Extension = [
  // basicSetup's default style is only a fallback, dropped once any other style is present: named here.
  syntaxHighlighting(defaultHighlightStyle),
  Prec.highest(
    syntaxHighlighting(
      HighlightStyle.define([
        { tag: [tags.regexp, tags.escape, tags.special(tags.string)], color: '#b03000' },
        { tag: tags.invalid, color: '#c00000' },
      ]),
    ),
  ),
];

/** The editor's colours follow the system's light or dark setting, also when it changes while the page is open. */
function followColourScheme(): Extension {
  const scheme = new Compartment();
  const themeNow = () => (darkScheme?.matches ? [oneDark, darkLegibility] : [lightLegibility]);
  return [
    scheme.of(themeNow()),
    ViewPlugin.define((view) => {
      const change = () => view.dispatch({ effects: scheme.reconfigure(themeNow()) });
      darkScheme?.addEventListener('change', change);
      return { destroy: () => darkScheme?.removeEventListener('change', change) };
    }),
  ];
}

/** Syntax highlighting chosen by the file's extension; plain text for anything else. */
export function languageFor(file: string): Extension {
  if (/\.sql$/i.test(file)) return sql({ dialect: SQLite });
  if (/\.ya?ml$/i.test(file)) return yaml();
  if (/\.(md|markdown)$/i.test(file)) return markdown();
  if (/\.json$/i.test(file)) return javascript();
  if (/\.(ts|mts|cts)$/i.test(file)) return javascript({ typescript: true });
  if (/\.(tsx)$/i.test(file)) return javascript({ typescript: true, jsx: true });
  if (/\.(js|mjs|cjs)$/i.test(file)) return javascript();
  if (/\.jsx$/i.test(file)) return javascript({ jsx: true });
  if (/\.py$/i.test(file)) return python();
  return [];
}

/**
 * One CodeMirror editor for one file: highlighting by its name, an accessible label, Tab
 * indenting (Escape then Tab leaves: CodeMirror's documented escape hatch), and `onChange`
 * with the whole text after each edit.
 */
export function codeEditorView(parent: HTMLElement, doc: string, fileName: string, onChange: (text: string) => void, extra: Extension[] = []): EditorView {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        EditorView.cspNonce.of(styleNonce),
        followColourScheme(),
        keymap.of([indentWithTab]),
        languageFor(fileName),
        EditorView.contentAttributes.of({ 'aria-label': `Editor for ${fileName}`, 'aria-describedby': 'editor-hint' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
        ...extra,
      ],
    }),
  });
  // Long lines scroll sideways: the scroll area itself can take focus and be scrolled with the
  // arrow keys (WCAG 2.1.1; axe-core's scrollable-region-focusable).
  view.scrollDOM.tabIndex = 0;
  view.scrollDOM.setAttribute('aria-label', `Scroll area of ${fileName}`);
  return view;
}

export interface FilesEditor {
  element: HTMLElement;
  /** Every file's current content. */
  files(): Record<string, string>;
  /** Replaces the files' content (a saved draft, an earlier submission); files not named keep theirs. */
  setFiles(files: Record<string, string>): void;
}

export interface FilesEditorOptions {
  /** Each file's content at first (a draft); the starter's for a file not named. */
  initial?: Record<string, string>;
  /** After each edit, with every file's content. */
  onChange?: (files: Record<string, string>) => void;
  /** Takes Ctrl/Cmd+Enter (before CodeMirror's own "insert a blank line"). */
  onSubmitKey?: () => void;
  /** The hint's sentence on where the code is kept. */
  keptWhere?: string;
}

/**
 * One editor per file of `starter`, shown one at a time behind a tab list (ARIA tabs: arrow
 * keys move between tabs). Where the files are kept is the caller's (see draft-sync.ts).
 */
export function filesEditor(starter: Record<string, string>, options: FilesEditorOptions = {}): FilesEditor {
  const { initial = {}, onChange, onSubmitKey, keptWhere = '' } = options;
  const submitKey: Extension[] = onSubmitKey ? [Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (onSubmitKey(), true) }]))] : [];
  const names = Object.keys(starter);
  const views = new Map<string, EditorView>();
  const tabs: HTMLButtonElement[] = [];
  const panels: HTMLElement[] = [];
  const tabList = h('div', { role: 'tablist', 'aria-label': 'Files', class: 'tabs' });
  const comfort = editorComfort();
  const files = () => Object.fromEntries(names.map((name) => [name, views.get(name)!.state.doc.toString()]));

  const select = (index: number, focus: boolean) => {
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
      panels[i]!.hidden = i !== index;
    });
    if (focus) tabs[index]!.focus();
  };

  names.forEach((name, index) => {
    const id = `file-${index}`;
    const tab = h('button', { type: 'button', role: 'tab', id: `${id}-tab`, 'aria-controls': `${id}-panel`, class: 'tab' }, name);
    tab.addEventListener('click', () => select(index, false));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step) select((index + step + names.length) % names.length, true);
    });
    const panel = h('div', { role: 'tabpanel', id: `${id}-panel`, 'aria-labelledby': `${id}-tab`, class: 'editor-panel' });
    const view = codeEditorView(panel, initial[name] ?? starter[name] ?? '', name, () => onChange?.(files()), [...submitKey, comfort.extension]);
    comfort.attach(view);
    views.set(name, view);
    tabs.push(tab);
    panels.push(panel);
    tabList.append(tab);
  });

  const element = h('div', { class: 'files-editor' },
    h('div', { class: 'editor-head' }, names.length > 1 ? tabList : h('p', { class: 'file-name' }, names[0] ?? ''), comfort.toolbar),
    panels,
    h('p', { class: 'hint muted', id: 'editor-hint' }, `Tab indents in the editor; press Esc, then Tab, to move on.${onSubmitKey ? ' Ctrl+Enter (⌘+Enter on a Mac) submits.' : ''}${keptWhere ? ` ${keptWhere}` : ''}`),
  );
  select(0, false);
  return {
    element,
    files,
    setFiles(next) {
      for (const [name, text] of Object.entries(next)) {
        const view = views.get(name);
        if (view && view.state.doc.toString() !== text) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      }
    },
  };
}
