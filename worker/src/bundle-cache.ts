import { ExerciseBundle, LIMITS } from '@grader/contracts';
import { bundleHash } from '@grader/runtime';
import { InfrastructureError } from './sandbox/errors';

/**
 * Exercise bundles fetched from the API by content hash and kept in memory. A bundle's
 * hash is checked on arrival, so a cached bundle is always the one the job names.
 */
export class BundleCache {
  private readonly entries = new Map<string, ExerciseBundle>();
  /**
   * Fetches under way, by hash: gradings of one exercise arriving together (a class's burst)
   * share one request instead of each asking the API, which under a 350-submission burst and a
   * loaded host answered some of them past the timeout (each then an attempt lost to backoff).
   */
  private readonly inFlight = new Map<string, Promise<ExerciseBundle>>();

  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = fetch,
    /**
     * Pauses before asking again when the API did not answer or answered 5xx, milliseconds: a
     * fetch failed here is an attempt failed, and BullMQ puts a retried job at the back of the
     * queue (under a class's burst, behind every other submission: 1,708 s in a loaded run).
     */
    private readonly retryPausesMs: readonly number[] = LIMITS.worker.bundleFetchRetryPausesMs,
  ) {}

  async get(hash: string): Promise<ExerciseBundle> {
    const cached = this.entries.get(hash);
    if (cached) {
      // Refresh recency: Map iteration order is insertion order, so this is an LRU.
      this.entries.delete(hash);
      this.entries.set(hash, cached);
      return cached;
    }
    const pending = this.inFlight.get(hash);
    if (pending) return pending;
    const fetching = this.fetchBundle(hash)
      .then((bundle) => {
        this.entries.set(hash, bundle);
        if (this.entries.size > LIMITS.worker.bundleCacheEntries) this.entries.delete(this.entries.keys().next().value!);
        return bundle;
      })
      // A failure is not kept: the next grading asks again.
      .finally(() => this.inFlight.delete(hash));
    this.inFlight.set(hash, fetching);
    return fetching;
  }

  /** The bundle, asked again after each pause while the API is unreachable or failing (5xx). */
  private async fetchBundle(hash: string): Promise<ExerciseBundle> {
    for (const pause of this.retryPausesMs) {
      try {
        return await this.fetchOnce(hash);
      } catch (err) {
        if (!(err instanceof InfrastructureError) || !(err as InfrastructureError & { transient?: boolean }).transient) throw err;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
    return this.fetchOnce(hash);
  }

  private async fetchOnce(hash: string): Promise<ExerciseBundle> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.apiUrl}/internal/bundles/${hash}`, {
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(LIMITS.worker.bundleFetchTimeoutMs),
      });
    } catch (err) {
      throw transient(new InfrastructureError(`exercise bundle ${hash.slice(0, 12)}: API unreachable (${(err as Error).message})`));
    }
    if (!response.ok) {
      const refused = new InfrastructureError(`exercise bundle ${hash.slice(0, 12)}: API answered ${response.status}`);
      throw response.status >= 500 ? transient(refused) : refused;
    }
    const raw = (await response.json()) as { manifest?: unknown; files?: Record<string, string> };
    if (bundleHash(raw.manifest, raw.files ?? {}) !== hash) {
      throw new InfrastructureError(`exercise bundle ${hash.slice(0, 12)}: content does not match its hash`);
    }
    const parsed = ExerciseBundle.safeParse(raw);
    if (!parsed.success) throw new InfrastructureError(`exercise bundle ${hash.slice(0, 12)}: not a valid bundle (${parsed.error.issues[0]?.message})`);
    return parsed.data;
  }
}

/** Marks a failure worth asking again for within the attempt (the API slow or restarting). */
function transient(err: InfrastructureError): InfrastructureError {
  return Object.assign(err, { transient: true });
}
