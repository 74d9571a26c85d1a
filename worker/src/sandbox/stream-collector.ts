import { Writable } from 'node:stream';

/**
 * A Writable that keeps at most `capBytes` of what it is given, so that a container
 * printing without end costs the worker bounded memory.
 * - 'tail' keeps the last bytes: the result document is the harness's last output.
 * - 'head' keeps the first bytes: enough of stderr to diagnose a failure.
 */
export class StreamCollector extends Writable {
  private chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(
    private readonly capBytes: number,
    private readonly keep: 'head' | 'tail',
  ) {
    super();
  }

  /** Called after each chunk is kept: lets a reader act on output as it arrives (run-sandbox.ts: the result's frame). */
  onChunk: ((chunk: Buffer) => void) | undefined;

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    this.add(buffer);
    this.onChunk?.(buffer);
    callback();
  }

  /** Synchronous form of write(), for tests and for callers that have a Buffer at hand. */
  add(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.keep === 'head') {
      const room = this.capBytes - this.kept;
      if (room <= 0) return;
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
      return;
    }
    this.chunks.push(chunk);
    this.kept += chunk.length;
    // Drop whole chunks from the front while what remains still covers the cap.
    while (this.chunks.length > 1 && this.kept - (this.chunks[0] as Buffer).length >= this.capBytes) {
      this.kept -= (this.chunks.shift() as Buffer).length;
    }
  }

  /** Every byte seen, kept or not. */
  get totalBytes(): number {
    return this.total;
  }

  bytes(): Buffer {
    const all = Buffer.concat(this.chunks, this.kept);
    return this.keep === 'tail' && all.length > this.capBytes ? all.subarray(all.length - this.capBytes) : all;
  }

  text(): string {
    return this.bytes().toString('utf8');
  }
}
