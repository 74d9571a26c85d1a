import { h } from '../dom';
import { markDifferences, type MarkedLine } from './line-diff';

/** A line as shown: a differing line highlighted, and in a table row the differing cells marked. */
function lineView(line: MarkedLine): HTMLElement {
  if (!line.differs) return h('span', { class: 'line' }, `${line.text}\n`);
  const content = line.cells
    ? line.cells.flatMap((cell, i) => [i > 0 ? ' | ' : '', cell.differs ? h('mark', {}, cell.text) : cell.text])
    : [line.text];
  return h('span', { class: 'line differs' }, ...content, '\n');
}

/** Copies `text` to the clipboard and says so on the button for a moment. */
function copyButton(label: string, text: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'small copy', 'aria-label': `Copy the ${label.toLowerCase()} output` }, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Copy failed';
    }
    window.setTimeout(() => (button.textContent = 'Copy'), 2_000);
  });
  return button;
}

function pane(label: string, text: string, lines: MarkedLine[] | undefined): HTMLElement {
  const differing = lines?.filter((l) => l.differs).length ?? 0;
  return h('figure', { class: 'output-pane' },
    h('figcaption', {}, label),
    copyButton(label, text),
    // Scrolls on its own (a wide table), and can be scrolled from the keyboard.
    h('pre', { tabindex: '0', role: 'region', 'aria-label': `${label} output${differing ? `, ${differing} line${differing === 1 ? '' : 's'} differ` : ''}` },
      lines ? lines.map(lineView) : text,
    ),
  );
}

/**
 * A test's expected and actual outputs side by side (stacked on a narrow screen), each
 * scrolling on its own, with the lines that differ highlighted and, in a table, the cells that
 * differ marked; each with a copy button. Either may be absent.
 */
export function expectedActualView(expected: string | undefined, actual: string | undefined): HTMLElement | null {
  if (expected === undefined && actual === undefined) return null;
  const marked = expected !== undefined && actual !== undefined ? markDifferences(expected, actual) : undefined;
  return h('div', { class: 'expected-actual' },
    expected !== undefined ? pane('Expected', expected, marked?.expected) : null,
    actual !== undefined ? pane('Actual', actual, marked?.actual) : null,
  );
}
