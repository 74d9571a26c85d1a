import { ApiError } from './api-client';
import { h } from './dom';

/** Where a located field error is written: a file of the package and a 1-based line and column. */
export interface ProblemSpot {
  path: string;
  line: number;
  column: number;
}

/**
 * A failed request as the user reads it: the server's message, and its field errors one per
 * line. An error located in a file (an exercise manifest's line and column) gets a button that
 * goes there, when the page can (`goTo`).
 */
export function problemView(err: unknown, goTo?: (spot: ProblemSpot) => void): HTMLElement {
  const fields = err instanceof ApiError ? err.errors : [];
  return h('div', { class: 'error', role: 'alert' },
    h('p', {}, (err as Error).message),
    fields.length > 0
      ? h('ul', { class: 'compact problems' }, fields.map((f) => {
          const located = f.line !== undefined;
          // A located message names its file already ("exercise.yaml: tests.0: …").
          const text = f.path && f.path !== 'package' && !located ? `${f.path}: ${f.message}` : f.message;
          const spot = located && goTo ? { path: f.path, line: f.line!, column: f.column ?? 1 } : undefined;
          return h('li', {}, text, spot ? [' ', h('button', { type: 'button', class: 'link-button', onclick: () => goTo!(spot) }, `Go to ${spot.path}, line ${spot.line}`)] : null);
        }))
      : null,
  );
}
