import { isNetworkProblem } from './api-client';

/** Between two looks at something the workers are doing (a validation, a regrade). */
const POLL_MS = 1_000;
/** After a failed look: the server may be restarting; no need to hammer it. */
const RETRY_MS = 5_000;

/**
 * Loads `load` until `isDone` says so, showing each answer with `show`. A network failure is
 * shown with `showOffline` and tried again later; any other error ends the polling with a
 * rejection. Stops quietly once the page is left (`isCurrent` false).
 */
export async function pollUntil<T>(
  load: () => Promise<T>,
  isDone: (value: T) => boolean,
  show: (value: T) => void,
  showOffline: (message: string) => void,
  isCurrent: () => boolean,
): Promise<T | undefined> {
  for (;;) {
    let wait = POLL_MS;
    try {
      const value = await load();
      if (!isCurrent()) return undefined;
      show(value);
      if (isDone(value)) return value;
    } catch (err) {
      if (!isCurrent()) return undefined;
      if (!isNetworkProblem(err)) throw err;
      showOffline((err as Error).message);
      wait = RETRY_MS;
    }
    await new Promise((resolve) => window.setTimeout(resolve, wait));
    if (!isCurrent()) return undefined;
  }
}
