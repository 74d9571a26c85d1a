import { h } from '../dom';

export type NarrowView = 'statement' | 'work';

/**
 * On a narrow screen (one column, below 900 px: styles.css) the statement and the student's
 * code are shown one at a time, switched by two toggle buttons kept at the top while scrolling:
 * otherwise the editor and Submit sit a long statement's height below (1,300 px on a phone).
 * On a wide screen the switch is hidden and both show side by side. The chosen view is the
 * layout's `data-view`; CSS does the hiding, so nothing moves in the DOM and the editor keeps
 * its state.
 */
export function narrowViewSwitch(layout: HTMLElement, initial: NarrowView): { element: HTMLElement; show(view: NarrowView): void } {
  const buttons: Record<NarrowView, HTMLButtonElement> = {
    statement: h('button', { type: 'button', 'data-view': 'statement' }, 'Statement'),
    work: h('button', { type: 'button', 'data-view': 'work' }, 'Your code'),
  };
  const show = (view: NarrowView) => {
    layout.dataset.view = view;
    for (const [name, button] of Object.entries(buttons)) button.setAttribute('aria-pressed', String(name === view));
  };
  for (const [name, button] of Object.entries(buttons)) {
    button.addEventListener('click', () => {
      show(name as NarrowView);
      layout.scrollIntoView({ block: 'start' });
    });
  }
  show(initial);
  return { element: h('div', { class: 'view-switch', role: 'group', 'aria-label': 'Show' }, buttons.statement, buttons.work), show };
}
