import type { Logger } from './logger';
import { isRedisConnectionError } from './redis';

/**
 * Work run every `intervalMs` against Redis (the reconcilers' sweeps): one run at a time is
 * awaited on stop, and a run that fails because Redis is down is not logged (the outage is
 * logged once by the connection's watcher); any other failure is logged as `failure`.
 */
export class PeriodicSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
    private readonly failure: string,
  ) {}

  /** Starts sweeping every `intervalMs` milliseconds; `immediately`: once now as well. */
  start(intervalMs: number, options: { immediately?: boolean } = {}): void {
    const tick = () => {
      this.running = this.work()
        .then(() => undefined)
        .catch((err) => (isRedisConnectionError(err) ? undefined : this.logger.error({ err }, this.failure)));
    };
    if (options.immediately) tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
