import { api, isNetworkProblem } from './api-client';
import { isFinal } from '@grader/contracts/src/api/predicates';
import type { Submission } from '@grader/contracts';

/** How often the fallback asks, and how long it waits after a failed try. */
const POLL_MS = 2000;
const RETRY_MS = 5000;

export interface LiveStatusHandlers {
  update(submission: Submission): void;
  /** The connection is down (true) or back (false): the page says so; following goes on. */
  connection(lost: boolean): void;
}

/**
 * Follows a submission until it is graded or fails: server-sent events first (the session
 * cookie authenticates them), polling when the stream cannot be opened or breaks. Grading
 * may take minutes; nothing here gives up on time. Returns a function that stops following.
 */
export function followSubmission(id: string, handlers: LiveStatusHandlers): () => void {
  let stopped = false;
  let source: EventSource | null = null;
  let timer: number | undefined;
  let lastStatus: string | undefined;

  const deliver = (submission: Submission) => {
    if (stopped) return;
    lastStatus = submission.status;
    handlers.update(submission);
    if (isFinal(submission.status)) stop();
  };

  const poll = async () => {
    if (stopped) return;
    try {
      const submission = await api.submission(id);
      handlers.connection(false);
      deliver(submission);
      if (!stopped) timer = window.setTimeout(poll, POLL_MS);
    } catch (err) {
      if (isNetworkProblem(err)) handlers.connection(true);
      timer = window.setTimeout(poll, isNetworkProblem(err) ? RETRY_MS : POLL_MS);
    }
  };

  const stop = () => {
    stopped = true;
    source?.close();
    window.clearTimeout(timer);
  };

  if (typeof EventSource === 'function') {
    source = new EventSource(`/api/submissions/${encodeURIComponent(id)}/events`);
    source.addEventListener('status', (event) => {
      handlers.connection(false);
      deliver(JSON.parse((event as MessageEvent<string>).data) as Submission);
    });
    source.addEventListener('error', () => {
      // The stream ends by design after the final status; otherwise it broke (proxy, server
      // restart, too many streams): switch to polling, which also notices when the network is back.
      if (stopped || (lastStatus !== undefined && isFinal(lastStatus as Submission['status']))) return;
      source?.close();
      source = null;
      void poll();
    });
  } else {
    void poll();
  }
  return stop;
}
