import { randomUUID } from 'node:crypto';
import type { GradingMessage, SubmittedFiles } from '@grader/contracts';
import type { Logger } from '@grader/runtime';
import type { ExerciseVersion } from '../store/exercise-store';

/** What the canary needs of the queue: one grading job of its own, ahead of the waiting ones. */
export interface CanaryQueue {
  enqueueCanary(id: string, version: ExerciseVersion, files: SubmittedFiles): Promise<void>;
}

/** Overdue canaries kept as evidence; beyond it the oldest is forgotten (still stalled: the rest are overdue too). */
const MAX_WAITING = 8;

export interface CanaryOptions {
  /** Between two canaries, milliseconds. */
  everyMs: number;
  /** A canary not graded this long after it was queued means grading has stalled, milliseconds. */
  overdueMs: number;
  /** The exercise it grades with its starter files, whatever verdict they get (undefined: none published). */
  exercise: () => { version: ExerciseVersion; files: SubmittedFiles } | undefined;
}

/** The canary as /healthz reports it. */
export interface CanaryState {
  /** `ok`: the last canary was graded in time; `stalled`: one is overdue; `starting`: none has had its time yet. */
  status: 'ok' | 'stalled' | 'starting';
  /** The last canary graded (any verdict), or null. */
  lastGradedAt: string | null;
  /** Seconds since then, or null. */
  ageS: number | null;
}

/**
 * A grading through the real path on a schedule (queue → a worker → a sandbox → the recorder),
 * so that health proves grading works and not only that its parts answer: BullMQ workers can stop
 * consuming after a Redis reconnect while Redis, the API and the worker's heartbeat all look fine.
 * Each canary is a grade job of its own id (`canary-<uuid>`, never a submission row) for the
 * starter files of a published exercise; any grade of it, whatever the verdict, counts, while a
 * grader failure or no answer does not. It goes to the front of the waiting jobs (LIFO), so a
 * class's queue does not make it overdue, though a busy worker still makes it wait for a slot.
 *
 * Stalled: the oldest canary still waiting was queued more than `overdueMs` ago. A canary that
 * cannot even be queued (Redis down) is what /healthz's redis check reports, not a stall.
 */
export class Canary {
  private timer: NodeJS.Timeout | undefined;
  /** Canaries queued and not yet graded: id → when queued (epoch ms). */
  private readonly waiting = new Map<string, number>();
  private lastGradedAt: number | undefined;
  private readonly startedAt = Date.now();

  constructor(
    private readonly queue: CanaryQueue,
    private readonly options: CanaryOptions,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.options.everyMs <= 0 || this.timer) return;
    void this.send();
    this.timer = setInterval(() => void this.send(), this.options.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whether a worker message is a canary's (the recorder hands those here, never to the store). */
  static owns(message: GradingMessage): boolean {
    return message.canary === true;
  }

  /** A canary's message, from the recorder: a grade ends its wait; a failure leaves it waiting (and so overdue). */
  record(message: GradingMessage): void {
    if (message.type !== 'graded') return;
    if (!this.waiting.delete(message.submissionId)) return; // another API's canary, or a late duplicate
    const at = Date.parse(message.at);
    this.lastGradedAt = Math.max(this.lastGradedAt ?? 0, at);
    // Canaries queued before this one was graded are no longer evidence of a stall.
    for (const [id, queuedAt] of this.waiting) if (queuedAt <= at) this.waiting.delete(id);
  }

  state(): CanaryState {
    const now = this.now();
    const oldest = Math.min(...this.waiting.values());
    const stalled = Number.isFinite(oldest) && now - oldest > this.options.overdueMs;
    const last = this.lastGradedAt;
    return {
      status: stalled ? 'stalled' : last !== undefined ? 'ok' : 'starting',
      lastGradedAt: last === undefined ? null : new Date(last).toISOString(),
      ageS: last === undefined ? null : Math.max(0, Math.round((now - last) / 1000)),
    };
  }

  /** Whether the canary runs at all (GRADER_CANARY_EVERY_S=0 turns it off). */
  get enabled(): boolean {
    return this.options.everyMs > 0;
  }

  private async send(): Promise<void> {
    const exercise = this.options.exercise();
    if (!exercise) return;
    // No pile-up: while a canary waits within its time, the next is not queued. One overdue (its
    // job failed, or a stalled worker holds it) stays as the stall's evidence, and a new one goes
    // in beside it, whose grade will show that grading is back.
    const newest = Math.max(...this.waiting.values());
    if (Number.isFinite(newest) && this.now() - newest <= this.options.overdueMs) return;
    if (this.waiting.size >= MAX_WAITING) this.waiting.delete(this.waiting.keys().next().value!);
    const id = randomUUID();
    try {
      await this.queue.enqueueCanary(id, exercise.version, exercise.files);
      this.waiting.set(id, this.now());
    } catch (err) {
      this.logger.debug({ err: (err as Error).message }, 'canary not queued');
    }
  }
}

/**
 * The canary's exercise among the published ones: the cheapest to grade (an SQLite query, about
 * half a second), else the first; with its starter files, as a student who submits at once would.
 */
export function canaryExercise(published: readonly ExerciseVersion[]): { version: ExerciseVersion; files: SubmittedFiles } | undefined {
  const cheap = (v: ExerciseVersion) => v.manifest.kind === 'sql-query' && (v.manifest as { sql?: { dialect?: string } }).sql?.dialect === 'sqlite';
  const version = published.find(cheap) ?? published[0];
  if (!version) return undefined;
  return { version, files: Object.fromEntries(version.manifest.files.map((f) => [f.path, version.files[f.starter] ?? ''])) };
}
