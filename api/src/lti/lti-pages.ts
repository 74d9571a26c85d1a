import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/** Text and attribute values in HTML: the five characters that could end one. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}fieldset{border:1px solid #bbb;margin:1rem 0}label{display:block;padding:.2rem 0}button{font:inherit;padding:.4rem 1rem}';

/**
 * Sends one of the LTI pages: no cache, no framing, nothing from elsewhere; the one inline
 * script and style allowed by a nonce made for this answer; forms may post only to `formTo`.
 */
function sendPage(res: Response, title: string, body: string, formTo: string, script?: string): void {
  const nonce = randomBytes(16).toString('base64');
  res.setHeader('Content-Security-Policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; form-action ${formTo}; frame-ancestors 'none'; base-uri 'none'`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head><body>${body}${script ? `<script nonce="${nonce}">${script}</script>` : ''}</body></html>`;
  res.status(200).type('html').send(html);
}

/**
 * A form that posts itself (LTI messages travel through the browser as form posts): submitted
 * by script at once, by its button without script.
 */
export function sendAutoPost(res: Response, action: string, fields: Record<string, string>, title: string): void {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const body = `<form id="lti" method="post" action="${escapeHtml(action)}">${inputs}<p>${escapeHtml(title)}</p><button type="submit">Continue</button></form>`;
  sendPage(res, title, body, new URL(action).origin, `document.getElementById('lti').submit();`);
}

/** One thing an instructor may link: its form value and how it reads. */
export interface LinkOption {
  value: string;
  label: string;
}

/** The deep-linking page: the exercises and assignments to link, one choice, sent back to this server. */
export function sendDeepLinkPicker(res: Response, input: { action: string; choiceToken: string; groups: Array<{ title: string; options: LinkOption[] }> }): void {
  const groups = input.groups
    .filter((g) => g.options.length > 0)
    .map(
      (g) =>
        `<fieldset><legend>${escapeHtml(g.title)}</legend>${g.options
          .map((o, i) => `<label><input type="radio" name="item" value="${escapeHtml(o.value)}" required${i === 0 && g === input.groups[0] ? ' checked' : ''}> ${escapeHtml(o.label)}</label>`)
          .join('')}</fieldset>`,
    )
    .join('');
  const body = `<h1>Link an exercise</h1><p>Choose what this activity opens. Its grade goes to the course’s gradebook.</p><form method="post" action="${escapeHtml(input.action)}"><input type="hidden" name="choice" value="${escapeHtml(input.choiceToken)}">${groups}<button type="submit">Link</button></form>`;
  sendPage(res, 'Link an exercise', body, "'self'");
}
