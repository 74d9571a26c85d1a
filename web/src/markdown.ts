import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * An exercise statement as HTML. Statements are written by staff, but a package could come
 * from anywhere: the HTML goes through DOMPurify before it touches the page.
 */
export function renderMarkdown(source: string): DocumentFragment {
  const html = marked.parse(source, { async: false, gfm: true });
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['style', 'form', 'input'], FORBID_ATTR: ['style'] });
}
