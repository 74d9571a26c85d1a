import { EventEmitter } from 'node:events';
import type { Submission } from '../store/submission-store';

type ChangeListener = (submission: Submission) => void;

/** One channel per submission, and one that tells every stream the process is stopping. */
interface Channels {
  [channel: `submission:${string}`]: [Submission];
  closing: [];
}

/**
 * The in-process bus of submission changes. The recorder (the only writer, in this process)
 * publishes each row it changed; event streams subscribe to one submission's channel, so a
 * change reaches a waiting client at once, without polling the database.
 */
export class SubmissionEvents {
  private readonly emitter = new EventEmitter<Channels>();
  private closed = false;

  constructor() {
    // Several streams may watch one submission; the per-user stream cap bounds them, not this.
    this.emitter.setMaxListeners(0);
  }

  publish(submission: Submission): void {
    const channel = `submission:${submission.id}` as const;
    // Each listener on its own: a stream whose socket broke must not stop the others, nor the recorder.
    for (const listener of this.emitter.listeners(channel) as ChangeListener[]) {
      try {
        listener(submission);
      } catch {
        /* the stream's own close handler cleans up */
      }
    }
  }

  /** Calls `listener` with every later change of this submission; returns the unsubscribe. */
  subscribe(submissionId: string, listener: ChangeListener): () => void {
    const channel = `submission:${submissionId}` as const;
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }

  /** Calls `listener` once when the process stops, so a stream can end and let the server close. */
  onClosing(listener: () => void): () => void {
    if (this.closed) {
      queueMicrotask(listener);
      return () => undefined;
    }
    this.emitter.once('closing', listener);
    return () => this.emitter.off('closing', listener);
  }

  close(): void {
    this.closed = true;
    this.emitter.emit('closing');
  }

  /** Subscribers of one submission (tests check that streams clean up). */
  listenerCount(submissionId: string): number {
    return this.emitter.listenerCount(`submission:${submissionId}`);
  }
}
