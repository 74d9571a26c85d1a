/**
 * Collects a stream's bytes up to a cap and counts what it drops, so that a process
 * printing without end costs bounded memory and the feedback can say how much was cut.
 */
export class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(readonly capBytes: number) {}

  push(chunk: Buffer): void {
    const room = this.capBytes - this.kept;
    if (room >= chunk.length) {
      this.chunks.push(chunk);
      this.kept += chunk.length;
      return;
    }
    if (room > 0) {
      this.chunks.push(chunk.subarray(0, room));
      this.kept += room;
    }
    this.dropped += chunk.length - Math.max(room, 0);
  }

  get droppedBytes(): number {
    return this.dropped;
  }

  get overflowed(): boolean {
    return this.dropped > 0;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }

  /** The kept bytes as UTF-8; a character cut at the cap becomes U+FFFD. */
  text(): string {
    return this.bytes().toString('utf8');
  }
}
