import { isNetworkProblem } from './api-client';
import { h, replaceChildren } from './dom';

const RETRY_MS = 5000;

/**
 * Loads a page's data into `container`: "Loading…" first, then the page. A network failure
 * says so and retries by itself (and on the button); any other error says what went wrong.
 */
export async function loadInto<T>(container: HTMLElement, load: () => Promise<T>, render: (data: T) => void, isCurrent: () => boolean): Promise<void> {
  replaceChildren(container, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  for (;;) {
    try {
      const data = await load();
      if (isCurrent()) render(data);
      return;
    } catch (err) {
      if (!isCurrent()) return;
      if (!isNetworkProblem(err)) {
        replaceChildren(container, h('p', { class: 'error', role: 'alert' }, (err as Error).message));
        return;
      }
      let retryNow: () => void = () => undefined;
      const wait = new Promise<void>((resolve) => {
        const timer = window.setTimeout(resolve, RETRY_MS);
        retryNow = () => {
          window.clearTimeout(timer);
          resolve();
        };
      });
      replaceChildren(
        container,
        h('div', { class: 'error', role: 'alert' },
          h('p', {}, 'The server cannot be reached. Trying again in a few seconds…'),
          h('button', { type: 'button', onclick: () => retryNow() }, 'Try again now'),
        ),
      );
      await wait;
    }
  }
}
