import type { HttpResponse } from './http-exchange';

/**
 * A short rendering of an answer, for the `actual` of a visible test: status line, the
 * headers that matter (never Date or ETag, which change from run to run), and the body,
 * pretty-printed when it is JSON.
 */
const RENDER_CHARS = 1_500;
const SHOWN_HEADERS = ['content-type', 'location'];

export function renderResponse(res: HttpResponse, alsoHeader?: string): string {
  const names = [...SHOWN_HEADERS, ...(alsoHeader && !SHOWN_HEADERS.includes(alsoHeader) ? [alsoHeader] : [])];
  const lines = [`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`];
  for (const name of names) {
    const value = res.headers[name];
    if (value !== undefined) lines.push(`${headerName(name)}: ${value}`);
  }
  const body = res.isJson ? JSON.stringify(res.body, null, 2) : res.text;
  const text = body === '' ? lines.join('\n') : `${lines.join('\n')}\n\n${body}`;
  return cut(text);
}

/** A short rendering of what a test expected: JSON pretty-printed, anything else as given. */
export function renderExpected(value: unknown): string {
  if (typeof value === 'string') return cut(value);
  return cut(JSON.stringify(value, (_key, v: unknown) => (v instanceof RegExp ? String(v) : v), 2) ?? String(value));
}

function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}

function cut(text: string): string {
  return text.length > RENDER_CHARS ? `${text.slice(0, RENDER_CHARS - 1)}…` : text;
}
