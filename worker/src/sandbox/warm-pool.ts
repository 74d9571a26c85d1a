import type Dockerode from 'dockerode';
import { LIMITS, type WarmProfile } from '@grader/contracts';
import { containerOptions, POOLED_SUBMISSION } from './container-policy';
import { removeContainer, startContainer, type SandboxLogger, type StartedContainer } from './started-container';
import { LONGEST_RUN_MS } from './stale-containers';

export interface WarmPoolOptions {
  /** Warm containers kept ready per image: the worker's concurrency, so that a burst finds one for every slot. */
  size: number;
  /** Images kept warm from the start; others are added the first time a run asks for them. */
  images: readonly string[];
  /** A warm container older than this is replaced unused, milliseconds (LIMITS.pool.maxAgeMs). */
  maxAgeMs?: number;
  /** The owning worker's id, labelled on each container (SANDBOX_LABELS.worker). */
  workerId?: string;
  logger?: SandboxLogger;
}

interface ImageSlot {
  image: string;
  profile: WarmProfile | undefined;
  /** Memory of the containers started next, MiB: the last taker's, so that a steady workload needs no update at claim. */
  memoryMb: number;
  ready: StartedContainer[];
  starting: number;
  failures: number;
  /** Containers replaced in a row because their profile could not be prepared (LIMITS.pool.unpreparedReplacements). */
  unpreparedInARow: number;
  /** Epoch milliseconds before which no start is tried (after a failure). */
  pausedUntil: number;
}

/**
 * Sandbox containers started before their submission arrives (the container start is most of
 * a small grading's time). Each is made with the very policy of a cold one (container-policy.ts:
 * no network, read-only root, capabilities dropped, every limit), its harness waiting on stdin
 * for the one input it will ever read. `take` hands a container out once: no container serves
 * two submissions; the caller removes it after its run (`dispose`, off the critical path). The
 * pool refills in the background (a container taken while another of its image waits is
 * replaced when it is disposed of, the last one at once; every check refills whatever is
 * missing), replaces containers past their age or dead while waiting, and pauses an image
 * whose starts fail (the engine is down) instead of spinning. Idea from pooled runners (Judge0's isolate boxes, AWS Lambda's warm sandboxes),
 * with the difference that nothing here is ever reused.
 */
export class WarmPool {
  private readonly slots = new Map<string, ImageSlot>();
  private readonly removals = new Set<Promise<void>>();
  private readonly starts = new Set<Promise<void>>();
  /** Containers created whose start has not ended: close() removes them if their start hangs. */
  private readonly unstarted = new Set<Dockerode.Container>();
  /** Containers handed out while another of their slot was still ready: their replacement starts at their dispose. */
  private readonly owed = new Map<StartedContainer, ImageSlot>();
  private readonly maxAgeMs: number;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly docker: Dockerode,
    private readonly options: WarmPoolOptions,
  ) {
    this.maxAgeMs = options.maxAgeMs ?? LIMITS.pool.maxAgeMs;
    for (const image of options.images) this.slotOf(image, undefined);
  }

  /** Warm containers kept ready per image and profile. */
  get size(): number {
    return this.options.size;
  }

  /** Starts filling every image's pool and checking their age; returns at once. */
  start(): void {
    if (this.options.size <= 0 || this.timer) return;
    for (const slot of this.slots.values()) this.refill(slot);
    this.timer = setInterval(() => this.check(), Math.min(LIMITS.pool.checkEveryMs, this.maxAgeMs));
    this.timer.unref();
  }

  /**
   * A ready container of `image` (its harness prepared for `profile`, if given), now the
   * caller's alone, or undefined when none is ready (the caller starts a cold one; the pool
   * learns to keep this image and profile warm). `memoryMb`, the exercise's memory, is what
   * the replacements are started with: the caller sets a container's memory at claim only
   * when it differs.
   */
  take(image: string, profile?: WarmProfile, memoryMb?: number): StartedContainer | undefined {
    if (this.options.size <= 0 || this.closed) return undefined;
    const slot = this.slotOf(image, profile);
    if (memoryMb !== undefined) slot.memoryMb = memoryMb;
    // Asked for again: an image given up on (removed, say) is worth another try.
    if (slot.pausedUntil === Number.POSITIVE_INFINITY) Object.assign(slot, { pausedUntil: 0, failures: 0 });
    this.retire(slot);
    const [taken] = slot.ready.splice(fittest(slot.ready, memoryMb), 1);
    if (taken) taken.stderr.onChunk = undefined; // the caller's now: the pool no longer watches it
    // Another still waits: the replacement can wait for this run's end, rather than warm up
    // beside it (a TypeScript warm-up is about a second of CPU: 220-350 ms of a grading's time
    // on two cores). The last one taken is replaced at once, as a burst needs.
    if (taken && slot.ready.length > 0) this.owed.set(taken, slot);
    else this.refill(slot);
    return taken;
  }

  /**
   * Keeps `image` warm for `profile` from now on, as a take would after a miss; starts filling at
   * once, with containers of `memoryMb` (MiB) when given, as a take asking for it would leave them.
   */
  keepWarm(image: string, profile?: WarmProfile, memoryMb?: number): void {
    const slot = this.slotOf(image, profile);
    if (memoryMb !== undefined) slot.memoryMb = memoryMb;
    this.refill(slot);
  }

  /** Removes a container in the background (and starts its replacement, if owed); close() waits for every removal started. */
  dispose(started: StartedContainer): void {
    const slot = this.owed.get(started);
    if (slot) {
      this.owed.delete(started);
      this.refill(slot);
    }
    started.stream.destroy();
    const removal = removeContainer(started.container, this.options.logger).finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }

  /** Containers ready and being started, per image (`image` or `image (profile)`): for health reports and tests. */
  stats(): Record<string, { ready: number; starting: number }> {
    return Object.fromEntries([...this.slots].map(([key, slot]) => [key, { ready: slot.ready.length, starting: slot.starting }]));
  }

  /** The engine's ids of the containers ready for `image` and `profile`, oldest first. */
  readyIds(image: string, profile?: WarmProfile): string[] {
    return (this.slots.get(slotKey(image, profile))?.ready ?? []).map((started) => started.container.id);
  }

  /** The ids among readyIds whose harness has also prepared its profile (StartedContainer.prepared): what a submission that waited finds. */
  preparedIds(image: string, profile?: WarmProfile): string[] {
    return (this.slots.get(slotKey(image, profile))?.ready ?? []).filter((started) => started.prepared()).map((started) => started.container.id);
  }

  /** Stops refilling, removes every warm container and waits for every removal. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.owed.clear();
    for (const slot of this.slots.values()) slot.ready.splice(0).forEach((started) => this.dispose(started));
    // A start under way disposes of its container itself once it sees the pool closed; one that
    // hangs (an engine that stopped answering an attach) is not waited for past a bound, and its
    // container is removed here.
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise((resolve) => (timer = setTimeout(resolve, LIMITS.pool.closeWaitMs)));
    await Promise.race([Promise.all([...this.starts]), bound]);
    clearTimeout(timer);
    await Promise.all([...this.unstarted].map((container) => removeContainer(container, this.options.logger)));
    while (this.removals.size > 0) await Promise.all([...this.removals]);
  }

  private slotOf(image: string, profile: WarmProfile | undefined): ImageSlot {
    const key = slotKey(image, profile);
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { image, profile, memoryMb: LIMITS.exercise.memoryMb, ready: [], starting: 0, failures: 0, unpreparedInARow: 0, pausedUntil: 0 };
      this.slots.set(key, slot);
    }
    return slot;
  }

  /** Retires the old and the dead, then refills. */
  private check(): void {
    for (const slot of this.slots.values()) {
      this.retire(slot);
      this.refill(slot);
    }
  }

  /** Removes from `slot` the containers past their age or dead while waiting. */
  private retire(slot: ImageSlot): void {
    const keep = slot.ready.filter((started) => started.usable() && Date.now() - started.startedAt < this.maxAgeMs);
    slot.ready.filter((started) => !keep.includes(started)).forEach((started) => this.dispose(started));
    slot.ready = keep;
  }

  /**
   * Replaces `started` if its harness says its profile could not be prepared (engines that did
   * not start in time on a busy host), a bounded number of times in a row per slot: a submission
   * would otherwise pay the preparation a warm container exists to spare it.
   */
  private watchPreparation(slot: ImageSlot, started: StartedContainer): void {
    const settle = () => {
      if (started.prepared()) {
        started.stderr.onChunk = undefined;
        slot.unpreparedInARow = 0;
      } else if (started.unprepared()) {
        started.stderr.onChunk = undefined;
        const index = slot.ready.indexOf(started);
        if (index < 0 || slot.unpreparedInARow >= LIMITS.pool.unpreparedReplacements) return;
        slot.unpreparedInARow += 1;
        slot.ready.splice(index, 1);
        this.options.logger?.warn({ image: slot.image, profile: slot.profile, containerId: started.container.id, inARow: slot.unpreparedInARow }, 'a warm container could not prepare its profile: replaced');
        this.dispose(started);
        this.refill(slot);
      }
    };
    started.stderr.onChunk = settle;
    settle(); // its line may have come before the watch began
  }

  private refill(slot: ImageSlot): void {
    if (this.closed || this.options.size <= 0 || Date.now() < slot.pausedUntil) return;
    while (slot.ready.length + slot.starting < this.options.size) {
      slot.starting += 1;
      const start = this.startOne(slot).finally(() => this.starts.delete(start));
      this.starts.add(start);
    }
  }

  private async startOne(slot: ImageSlot): Promise<void> {
    const { image, profile } = slot;
    const now = Date.now();
    // Its deadline label covers its longest wait and the longest run after it: the sweeper of
    // another worker never removes a warm container nor one that runs.
    const deadline = now + this.maxAgeMs + LONGEST_RUN_MS;
    const { memoryMb } = slot;
    try {
      let created: Dockerode.Container | undefined;
      const started = await startContainer(
        this.docker,
        containerOptions({ image, submissionId: POOLED_SUBMISSION, deadline, memoryMb, warmProfile: profile, workerId: this.options.workerId }),
        memoryMb,
        (container) => this.unstarted.add((created = container)),
      ).finally(() => created && this.unstarted.delete(created));
      slot.starting -= 1;
      slot.failures = 0;
      if (this.closed) this.dispose(started);
      else {
        slot.ready.push(started);
        if (profile) this.watchPreparation(slot, started);
      }
    } catch (err) {
      slot.starting -= 1;
      slot.failures += 1;
      const givingUp = slot.failures >= LIMITS.pool.failuresBeforeGivingUp;
      // A paused image is tried again at the next check, or at the next take once given up on.
      slot.pausedUntil = givingUp ? Number.POSITIVE_INFINITY : Date.now() + LIMITS.pool.retryAfterFailureMs;
      this.options.logger?.warn({ image, profile, failures: slot.failures, err: (err as Error).message }, givingUp ? 'no longer keeping this image warm' : 'could not start a warm container');
    }
  }
}

/**
 * The index in `ready` (oldest first) of the container to hand out: one whose harness has
 * prepared its profile before one still preparing (a PostgreSQL or TypeScript preparation takes
 * up to a second), and among those one that already has the memory asked for (a change at claim
 * is an update through the engine: 11-15 ms measured, most of a warm PostgreSQL run's overhead
 * when the pool had started its containers before it learned the exercise's memory); the oldest
 * of the best. 0 when `ready` is empty.
 */
export function fittest(ready: readonly Pick<StartedContainer, 'prepared' | 'memoryMb'>[], memoryMb: number | undefined): number {
  const rank = (c: Pick<StartedContainer, 'prepared' | 'memoryMb'>) => (c.prepared() ? 2 : 0) + (memoryMb === undefined || c.memoryMb === memoryMb ? 1 : 0);
  let best = 0;
  for (let i = 1; i < ready.length; i++) if (rank(ready[i]!) > rank(ready[best]!)) best = i;
  return best;
}

function slotKey(image: string, profile: WarmProfile | undefined): string {
  return profile ? `${image} (${profile})` : image;
}
