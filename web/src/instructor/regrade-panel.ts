import { api } from '../api-client';
import type { RegradeBatch, RegradeRow } from '@grader/contracts';
import { h, replaceChildren } from '../dom';
import { pollUntil } from '../poll';
import { problemView } from '../problem-view';
import { verdictLabel } from '../result-view';

const grade = (g: { score: number | null; maxScore: number | null; verdict: string | null } | null) =>
  g === null || g.score === null ? '—' : `${g.score}/${g.maxScore} · ${verdictLabel(g.verdict)}`;

function changeRow(r: RegradeRow): HTMLElement {
  const delta = r.delta === null ? '—' : r.delta > 0 ? `+${r.delta}` : String(r.delta);
  return h('tr', { 'data-regraded': r.submissionId },
    h('td', {}, r.username ?? r.userId ?? '—'),
    h('td', {}, `v${r.old.version}`),
    h('td', {}, grade(r.old)),
    h('td', {}, grade(r.new)),
    h('td', { class: `num ${r.delta !== null && r.delta < 0 ? 'lowered' : 'raised'}` }, delta),
  );
}

function progressLine(b: RegradeBatch): string {
  const { total, graded, error } = b.progress;
  if (total === 0) return 'No submission needed regrading: every grade is already against this version.';
  if (!b.finished) return `Regrading ${total} submissions against version ${b.targetVersion}: ${graded + error} of ${total} done…`;
  const { changed, unchanged, raised, lowered } = b.summary;
  return `${total} submissions regraded against version ${b.targetVersion}: ${changed} ${changed === 1 ? 'grade' : 'grades'} would change (${raised} up, ${lowered} down), ${unchanged} unchanged${error ? `, ${error} could not be regraded` : ''}.`;
}

/**
 * Regrade with a preview: older grades are computed again against the current version
 * (behind live submissions in the queue) and listed with old and new score; nothing changes
 * for students until the instructor applies the batch. Applying keeps each old grade in the
 * submission's history.
 */
export function regradePanel(slug: string, currentVersion: number, isCurrent: () => boolean): HTMLElement {
  const all = h('input', { type: 'checkbox', id: 'regrade-all' });
  const start = h('button', { type: 'button' }, 'Preview a regrade');
  const area = h('div', { class: 'regrade-area', 'aria-live': 'polite' });

  const render = (b: RegradeBatch) => {
    const apply = h('button', { type: 'button', class: 'primary' }, b.summary.changed === 1 ? 'Apply 1 change' : `Apply ${b.summary.changed} changes`);
    const discard = h('button', { type: 'button' }, 'Discard');
    apply.disabled = discard.disabled = !b.finished;
    const outcome = h('div', { 'aria-live': 'polite' });
    apply.addEventListener('click', async () => {
      apply.disabled = discard.disabled = true;
      try {
        const applied = await api.applyRegrade(b.id);
        render(applied.regrade);
        area.append(h('p', { class: 'status status-graded', role: 'status' }, `Applied: ${applied.changed} ${applied.changed === 1 ? 'grade' : 'grades'} changed. Each old grade stays in its submission’s history.`));
      } catch (err) {
        replaceChildren(outcome, problemView(err));
        apply.disabled = discard.disabled = false;
      }
    });
    discard.addEventListener('click', async () => {
      apply.disabled = discard.disabled = true;
      try {
        render(await api.discardRegrade(b.id));
      } catch (err) {
        replaceChildren(outcome, problemView(err));
      }
    });
    replaceChildren(area,
      h('p', { class: 'regrade-progress', 'data-finished': String(b.finished), 'data-state': b.state }, progressLine(b), !b.finished ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null),
      b.changes.length > 0
        ? h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Grades that change', tabindex: 0 },
            h('table', { class: 'stats' },
              h('thead', {}, h('tr', {}, ['Student', 'Graded against', 'Old grade', 'New grade', 'Change'].map((c) => h('th', { scope: 'col' }, c)))),
              h('tbody', {}, b.changes.map(changeRow)),
            ),
          )
        : null,
      b.errors.length > 0 ? h('ul', { class: 'compact error' }, b.errors.map((r) => h('li', {}, `${r.username ?? r.submissionId}: ${r.error ?? 'could not be regraded'}`))) : null,
      b.state === 'open' ? h('div', { class: 'actions' }, apply, discard) : h('p', { class: 'muted' }, b.state === 'applied' ? 'This regrade was applied.' : 'This regrade was discarded; no grade changed.'),
      outcome,
    );
  };

  const follow = async (batch: RegradeBatch) => {
    render(batch);
    await pollUntil(() => api.regrade(batch.id), (b) => b.finished, render, () => undefined, isCurrent);
  };

  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      await follow(await api.startRegrade(slug, all.checked));
    } catch (err) {
      replaceChildren(area, problemView(err));
    } finally {
      start.disabled = false;
    }
  });

  // An open batch (previewed, not yet applied) is picked up again.
  void api.regrades(slug).then((batches) => {
    const open = batches.find((b) => b.state === 'open');
    if (open && isCurrent()) void follow(open);
  }, () => undefined);

  return h('section', { 'aria-labelledby': 'regrade-heading' },
    h('h2', { id: 'regrade-heading' }, 'Regrade'),
    h('p', { class: 'muted' }, `Grades submissions of older versions again against version ${currentVersion}, behind live submissions. You see which grades would change before any does.`),
    h('div', { class: 'filters' }, all, h('label', { for: 'regrade-all' }, `Also regrade submissions already graded against version ${currentVersion}`)),
    h('div', { class: 'actions' }, start),
    area,
  );
}
