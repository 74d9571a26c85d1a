import { api } from '../api-client';
import type { OperationsOverviewDocument as Overview } from '@grader/contracts';
import { formatTime, h, replaceChildren } from '../dom';
import { loadInto } from '../load-state';
import { ltiSection } from './lti-section';

const tableOf = (label: string, columns: string[], rows: HTMLElement[]) =>
  h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: 0 },
    h('table', { class: 'stats' }, h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows)),
  );

function workersSection(workers: Overview['workers']): HTMLElement {
  return h('section', { 'aria-labelledby': 'workers-heading' },
    h('h2', { id: 'workers-heading' }, 'Workers'),
    workers.length === 0
      ? h('p', { class: 'empty' }, 'No worker has reported. Submissions wait in the queue until one starts.')
      : tableOf('Workers', ['Worker', 'Host', 'State', 'Gradings in flight', 'Last seen'], workers.map((w) =>
          h('tr', { 'data-worker': w.id },
            h('th', { scope: 'row' }, w.id),
            h('td', {}, w.host ?? '—'),
            h('td', {}, w.stale ? 'silent' : w.engine === 'down' ? 'Docker engine down' : w.consuming ? 'grading' : 'paused'),
            h('td', { class: 'num' }, `${w.active ?? '—'} of ${w.concurrency}`),
            h('td', { class: 'nowrap' }, formatTime(w.lastSeenAt)),
          ))),
  );
}

function queuesSection(queues: Overview['queues']): HTMLElement {
  const states = ['waiting', 'prioritized', 'active', 'delayed', 'failed'];
  return h('section', { 'aria-labelledby': 'queues-heading' },
    h('h2', { id: 'queues-heading' }, 'Queues'),
    queues === null
      ? h('p', { class: 'empty' }, 'Redis cannot be reached: the queues are unknown.')
      : tableOf('Queues', ['Queue', ...states], Object.entries(queues).map(([name, counts]) =>
          h('tr', { 'data-queue': name }, h('th', { scope: 'row' }, name), states.map((s) => h('td', { class: 'num' }, String(counts[s] ?? 0)))),
        )),
    h('p', {}, h('a', { href: '/admin/queues/' }, 'Open the queue dashboard'), h('span', { class: 'muted' }, ' (jobs one by one, retries, failures)')),
  );
}

function backupsSection(backups: Overview['backups'], reload: (said: string) => void, said: string): HTMLElement {
  const button = h('button', { type: 'button' }, 'Take a backup now');
  const status = h('p', { role: 'status', class: 'muted' }, said);
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Taking a backup…';
    try {
      const taken = await api.takeBackup();
      reload(`Backup ${taken.name} taken.`);
    } catch (err) {
      status.textContent = `No backup: ${(err as Error).message}`;
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': 'backups-heading' },
    h('h2', { id: 'backups-heading' }, 'Backups'),
    h('div', { class: 'actions' }, button),
    status,
    backups.length === 0
      ? h('p', { class: 'empty' }, 'No backup yet.')
      : tableOf('Backups', ['File', 'Taken', 'Size'], backups.map((b) =>
          h('tr', {}, h('th', { scope: 'row' }, b.name), h('td', { class: 'nowrap' }, formatTime(b.takenAt)), h('td', { class: 'num' }, `${(b.bytes / 1024 / 1024).toFixed(1)} MiB`)),
        )),
    h('p', { class: 'hint muted' }, 'Restore one with the API stopped: npm run restore -- <file>.'),
  );
}

/** Admins' page: the workers seen with their hosts and gradings in flight, the queues, backups, and LTI platforms. */
export function operationsPage(main: HTMLElement, isCurrent: () => boolean): void {
  // What the last action said, shown in its own section only.
  const render = (said: { backups?: string; lti?: string } = {}) =>
    void loadInto(main, () => Promise.all([api.operations(), api.ltiPlatforms()]), ([overview, platforms]) => {
      replaceChildren(main,
        h('h1', {}, 'Operations'),
        workersSection(overview.workers),
        queuesSection(overview.queues),
        backupsSection(overview.backups, (text) => render({ backups: text }), said.backups ?? ''),
        ltiSection(platforms, (text) => render({ lti: text }), said.lti ?? ''),
      );
    }, isCurrent);
  render();
}
