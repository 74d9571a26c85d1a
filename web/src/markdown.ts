import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * An exercise statement as HTML. Statements are written by staff, but a package could come
 * from anywhere: the HTML goes through DOMPurify before it touches the page.
 */
export function renderMarkdown(source: string): DocumentFragment {
  const html = marked.parse(source, { async: false, gfm: true });
  const fragment = DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['style', 'form', 'input'], FORBID_ATTR: ['style'] });
  // A code block wider than a phone scrolls sideways: reachable from the keyboard (WCAG 2.1.1).
  for (const wide of fragment.querySelectorAll<HTMLElement>('pre')) keyboardScrollable(wide);
  return fragment;
}

/** Makes an element that may scroll sideways focusable, so that arrow keys can scroll it. */
export function keyboardScrollable<T extends HTMLElement>(element: T): T {
  element.tabIndex = 0;
  return element;
}
