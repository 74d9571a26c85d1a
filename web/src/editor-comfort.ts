import { Compartment, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { h } from './dom';

/** The student's reading comfort in the editor, kept in this browser for every exercise. */
export interface Comfort {
  /** Text size, pixels. */
  fontSizePx: number;
  /** Long lines wrap instead of scrolling sideways (handy on a phone). */
  wrap: boolean;
}

const KEY = 'grader.editor.v1';
const SIZES = [12, 13, 14, 16, 18, 20, 24] as const;
const DEFAULT: Comfort = { fontSizePx: 14, wrap: false };

export function loadComfort(): Comfort {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Comfort> | null;
    const fontSizePx = SIZES.includes(saved?.fontSizePx as (typeof SIZES)[number]) ? saved!.fontSizePx! : DEFAULT.fontSizePx;
    return { fontSizePx, wrap: saved?.wrap === true };
  } catch {
    return { ...DEFAULT };
  }
}

function saveComfort(comfort: Comfort): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(comfort));
  } catch {
    /* storage off: the choice lasts for this page only */
  }
}

function extensionsOf(comfort: Comfort): Extension {
  return [EditorView.theme({ '&': { fontSize: `${comfort.fontSizePx}px` } }), comfort.wrap ? EditorView.lineWrapping : []];
}

/**
 * Text size and line wrapping for a set of editors: `extension` goes into each editor, and the
 * toolbar's buttons change them all and remember the choice.
 */
export function editorComfort(): { extension: Extension; attach(view: EditorView): void; toolbar: HTMLElement } {
  const compartment = new Compartment();
  const views: EditorView[] = [];
  let comfort = loadComfort();
  const apply = (next: Comfort) => {
    comfort = next;
    saveComfort(comfort);
    for (const view of views) view.dispatch({ effects: compartment.reconfigure(extensionsOf(comfort)) });
    size.textContent = `${comfort.fontSizePx} px`;
    smaller.disabled = comfort.fontSizePx === SIZES[0];
    larger.disabled = comfort.fontSizePx === SIZES[SIZES.length - 1];
  };
  const step = (by: number) => {
    const at = SIZES.indexOf(comfort.fontSizePx as (typeof SIZES)[number]);
    apply({ ...comfort, fontSizePx: SIZES[Math.min(SIZES.length - 1, Math.max(0, at + by))]! });
  };
  // The visible word begins the accessible name (WCAG 2.5.3, label in name).
  const smaller = h('button', { type: 'button', class: 'small', 'aria-label': 'Smaller text in the editor' }, 'Smaller');
  const larger = h('button', { type: 'button', class: 'small', 'aria-label': 'Larger text in the editor' }, 'Larger');
  const size = h('span', { class: 'muted', 'data-editor-size': true }, '');
  const wrap = h('input', { type: 'checkbox', id: 'editor-wrap' }) as HTMLInputElement;
  wrap.checked = comfort.wrap;
  smaller.addEventListener('click', () => step(-1));
  larger.addEventListener('click', () => step(1));
  wrap.addEventListener('change', () => apply({ ...comfort, wrap: wrap.checked }));
  const toolbar = h('div', { class: 'editor-tools', role: 'group', 'aria-label': 'Editor text' }, smaller, size, larger, h('label', { for: 'editor-wrap' }, wrap, ' Wrap long lines'));
  apply(comfort);
  return {
    extension: compartment.of(extensionsOf(comfort)),
    attach: (view) => void views.push(view),
    toolbar,
  };
}
