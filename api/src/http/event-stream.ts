import type { Response } from 'express';

/**
 * A server-sent event stream (text/event-stream) on one response: numbered events,
 * a comment line as heartbeat so idle proxies keep the connection, and one place that
 * cleans up whether the server ends the stream or the client goes away.
 */
export class EventStream {
  private nextId = 1;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly res: Response,
    options: { heartbeatMs: number; reconnectMs: number },
  ) {
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      // Every event must reach the client as it happens: no caching, no transforming, no buffering (nginx).
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(`retry: ${options.reconnectMs}\n\n`);
    this.heartbeat = setInterval(() => this.comment('heartbeat'), options.heartbeatMs);
    res.on('close', () => {
      clearInterval(this.heartbeat);
      for (const listener of this.closeListeners.splice(0)) listener();
    });
  }

  get open(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  /** One event; `data` is JSON on a single line, as SSE needs (JSON escapes every newline). */
  send(event: string, data: unknown): void {
    if (!this.open) return;
    this.res.write(`id: ${this.nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  comment(text: string): void {
    if (this.open) this.res.write(`: ${text}\n\n`);
  }

  end(): void {
    if (this.open) this.res.end();
  }

  /** Runs once the connection is gone, for whichever reason. */
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
}
