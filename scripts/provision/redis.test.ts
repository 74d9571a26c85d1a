import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { freePort } from '../../tests/support/private-redis';
import { parseRedisUrl } from './redis-target';
import { pingRedis, redisServerArgs } from './redis';

describe('redisServerArgs', () => {
  it('starts a memory-only daemon on the URL loopback address and port', () => {
    const args = redisServerArgs(parseRedisUrl('redis://localhost:6390'), '/data/redis');
    expect(args).toEqual([
      '--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6390', '--save', '', '--appendonly', 'no',
      '--dir', '/data/redis', '--logfile', '/data/redis/redis.log',
    ]);
  });
  it('requires the password of the URL', () => {
    expect(redisServerArgs(parseRedisUrl('redis://:pw@[::1]:6379'), '/d')).toEqual(
      expect.arrayContaining(['--bind', '::1', '--requirepass', 'pw']),
    );
  });
});

/** A real redis-server of the test's own, with a password (redis-server is on the PATH once provisioned). */
describe('pingRedis', () => {
  let port: number;
  let server: ChildProcess;

  beforeAll(async () => {
    port = await freePort();
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', 'pw'], { stdio: 'ignore' });
    const deadline = Date.now() + 15_000;
    while (!(await pingRedis(parseRedisUrl(`redis://:pw@127.0.0.1:${port}`)).catch(() => undefined))) {
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  });

  it("authenticates and answers the server's version", async () => {
    expect(await pingRedis(parseRedisUrl(`redis://:pw@127.0.0.1:${port}`))).toMatch(/^\d+\.\d+/);
  });
  it('fails, saying why, when AUTH is refused or missing', async () => {
    await expect(pingRedis(parseRedisUrl(`redis://:wrong@127.0.0.1:${port}`))).rejects.toThrow(/WRONGPASS/);
    await expect(pingRedis(parseRedisUrl(`redis://127.0.0.1:${port}`))).rejects.toThrow(/NOAUTH/);
  });
  it('fails fast when nothing listens', async () => {
    await expect(pingRedis(parseRedisUrl(`redis://127.0.0.1:${await freePort()}`))).rejects.toThrow(/ECONNREFUSED/);
  });
  it('gives up on a server that never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      await expect(pingRedis({ host: '127.0.0.1', port: (silent.address() as net.AddressInfo).port, tls: false }, 300)).rejects.toThrow(/no answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
