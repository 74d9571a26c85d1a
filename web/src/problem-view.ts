import { ApiError } from './api-client';
import { h } from './dom';

/** A failed request as the user reads it: the server's message, and its field errors one per line. */
export function problemView(err: unknown): HTMLElement {
  const fields = err instanceof ApiError ? err.errors : [];
  return h('div', { class: 'error', role: 'alert' },
    h('p', {}, (err as Error).message),
    fields.length > 0 ? h('ul', { class: 'compact problems' }, fields.map((f) => h('li', {}, f.path && f.path !== 'package' ? `${f.path}: ${f.message}` : f.message))) : null,
  );
}
