import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A Unix socket that forwards to the real Docker engine while "up" and does not exist
 * while "down": an engine outage the test can switch on and off.
 */
export class DockerSocketProxy {
  readonly socketPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-proxy-')), 'docker.sock');
  private server: net.Server | undefined;
  private readonly connections = new Set<net.Socket>();

  constructor(private readonly upstream = '/var/run/docker.sock') {}

  async up(): Promise<void> {
    // Half-open both ways: the worker closes its side of stdin while the output still flows back.
    this.server = net.createServer({ allowHalfOpen: true }, (client) => {
      const engine = net.connect({ path: this.upstream, allowHalfOpen: true });
      for (const s of [client, engine]) {
        this.connections.add(s);
        s.on('close', () => this.connections.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(engine).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.socketPath, resolve));
  }

  async down(): Promise<void> {
    for (const s of this.connections) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
    fs.rmSync(this.socketPath, { force: true });
  }
}
