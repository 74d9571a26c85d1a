import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { pingRedis } from '../../scripts/provision/redis';
import { until } from './wait';

/** A free TCP port on loopback, as the kernel hands one out. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function answers(port: number): Promise<boolean> {
  return pingRedis({ host: '127.0.0.1', port, tls: false }).then(
    () => true,
    () => false,
  );
}

/**
 * A Redis server of the test's own on a loopback port, that the test can stop and start
 * again on the same port (an outage), without touching the machine's shared Redis. No
 * persistence: a restart loses every key, as a crashed Redis without a disk would.
 */
export class PrivateRedis {
  private process: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it again; nothing when it is running. */
  async start(): Promise<void> {
    if (this.process && this.process.exitCode === null) return;
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until(() => answers(this.port), 15_000, `redis-server on port ${this.port}`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.process = undefined;
  }
}
