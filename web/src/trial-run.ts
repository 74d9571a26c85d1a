import type { Exercise, Submission, TrialRunDocument } from '@grader/contracts';
import { ApiError, api, isNetworkProblem } from './api-client';
import { h } from './dom';
import { pollUntil } from './poll';
import { announcement, resultView } from './result-view';

/** What the page lends a trial run: the files now, where its result goes, and its one-line announcer. */
export interface TrialRunHost {
  files(): Record<string, string>;
  show(result: HTMLElement): void;
  announce(line: string): void;
  fail(text: string): void;
  /** Clears what `fail` said. */
  clearFailure(): void;
  isCurrent(): boolean;
}

/** A trial run's result as the page shows it: said to be a trial, then as a submission's. */
export function trialRunView(run: TrialRunDocument): HTMLElement {
  return h('div', { class: 'trial-run', 'data-trial-run': run.id },
    h('p', { class: 'trial-note' }, h('strong', {}, 'Trial run'), ' of the visible tests only. Not a submission: it does not count and is not in your history.'),
    resultView(run as unknown as Submission),
  );
}

/**
 * The Run button: the student's files tried on the exercise's visible tests (POST
 * /api/exercises/{slug}/trial-runs), polled until graded. Undefined when the exercise has no
 * visible test to try. Empty files are stopped in the page, as Submit stops them.
 */
export function trialRunButton(exercise: Exercise, host: TrialRunHost): HTMLButtonElement | undefined {
  const visible = exercise.tests.filter((t) => t.visibility === 'visible');
  if (visible.length === 0) return undefined;
  const points = visible.reduce((sum, t) => sum + t.points, 0);
  const button = h('button', { type: 'button', title: `Try your code on the ${visible.length} visible test${visible.length === 1 ? '' : 's'} (${points} points) without submitting` }, 'Run visible tests');
  button.addEventListener('click', async () => {
    host.clearFailure();
    const files = host.files();
    if (Object.values(files).every((text) => text.trim() === '')) return host.fail('Nothing to run: your files are empty. Write your solution in the editor first.');
    button.disabled = true;
    try {
      const { id } = await api.startTrialRun(exercise.slug, files);
      const done = await pollUntil(
        () => api.trialRun(id),
        (run) => run.status === 'graded' || run.status === 'error',
        (run) => host.show(trialRunView(run)),
        () => undefined,
        host.isCurrent,
      );
      if (done) host.announce(`Trial run. ${announcement(done as unknown as Submission)}`);
    } catch (err) {
      host.fail(isNetworkProblem(err) ? 'Not run: the server cannot be reached. Try again in a moment.' : err instanceof ApiError ? `Not run: ${err.message}` : (err as Error).message);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
