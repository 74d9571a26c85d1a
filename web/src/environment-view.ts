import { h } from './dom';

/** What the submission runs on (SQLite or PostgreSQL 15, Node.js 20 + Express 5…): a query or an app written for another will not run. */
export function environmentView(environment: readonly string[]): HTMLElement | null {
  if (environment.length === 0) return null;
  return h('p', { class: 'environment' }, h('span', { class: 'muted' }, 'Runs on '), environment.map((part) => h('span', { class: 'badge runs-on' }, part)));
}
