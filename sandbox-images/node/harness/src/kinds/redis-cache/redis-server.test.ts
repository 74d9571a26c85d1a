import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { RedisClient, RedisErrorReply } from './redis-client';
import { GRADER_USER, serverConfig } from './redis-server';

// The configuration a test's Redis server gets, tried on the host's redis-server (Debian's, as
// in the image; provisioning installs it for the queue).
const REDIS_SERVER = '/usr/bin/redis-server';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("a redis-cache test's Redis server", () => {
  let server: ChildProcess;
  let dir: string;
  let app: RedisClient;
  let grader: RedisClient;
  const password = 'p'.repeat(64);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'redis-config-'));
    const port = await freePort();
    server = spawn(REDIS_SERVER, ['-'], { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
    server.stdin?.end(serverConfig({ dir, port, graderPassword: password }));
    const options = { port, commandTimeMs: 5_000, maxReplyBytes: 1024 * 1024 };
    for (let i = 0; ; i += 1) {
      try {
        app = await RedisClient.connect(options);
        break;
      } catch (err) {
        if (i > 200) throw err;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    grader = await RedisClient.connect({ ...options, user: GRADER_USER, password });
  });

  afterAll(async () => {
    app?.close();
    grader?.close();
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it("lets the app do what a cache does: strings with expiry, hashes, scans, scripts, INFO for its client's ready check", async () => {
    expect(await app.call('SET', 'product:1', '{"id":1}', 'EX', 60)).toBe('OK');
    expect(await app.call('HSET', 'cart:1', 'tea', 2)).toBe(1);
    expect(await app.call('TTL', 'product:1')).toBe(60);
    expect(await app.call('KEYS', 'product:*')).toEqual(['product:1']);
    expect(await app.call('EVAL', 'return redis.call("GET", KEYS[1])', 1, 'product:1')).toBe('{"id":1}');
    expect(String(await app.call('INFO', 'server'))).toContain('redis_version:7');
    expect(await app.call('UNLINK', 'cart:1')).toBe(1);
  });

  it.each([
    ['CONFIG', 'SET', 'dir', '/tmp'],
    ['CONFIG', 'GET', 'requirepass'],
    ['DEBUG', 'SLEEP', '10'],
    ['SHUTDOWN', 'NOSAVE'],
    ['MODULE', 'LOAD', '/tmp/evil.so'],
    ['ACL', 'SETUSER', GRADER_USER, 'off'],
    ['ACL', 'LIST'],
    ['MONITOR'],
    ['REPLICAOF', '10.0.0.1', '6379'],
    ['BGSAVE'],
    ['CLIENT', 'KILL', 'USER', GRADER_USER],
    ['RESTORE', 'k', '0', 'payload'],
    ['MIGRATE', '10.0.0.1', '6379', 'k', '0', '1000'],
  ])("refuses the app's %s %s", async (...command) => {
    const reply = await app.call(...command);
    expect(reply).toBeInstanceOf(RedisErrorReply);
    // DEBUG and MODULE are off for everyone (enable-…-command no); the rest is the ACL's refusal.
    expect((reply as RedisErrorReply).message).toMatch(/^NOPERM|^ERR (DEBUG|MODULE) command not allowed/);
  });

  it('gives the grader every command, and stores nothing on disk', async () => {
    expect(await grader.call('CONFIG', 'GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await grader.call('CONFIG', 'GET', 'save')).toEqual(['save', '']);
    expect(await grader.call('ACL', 'WHOAMI')).toBe(GRADER_USER);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses the grader's user without its password", async () => {
    const reply = await app.call('AUTH', GRADER_USER, 'guess');
    expect(reply).toBeInstanceOf(RedisErrorReply);
    expect(await app.call('ACL', 'WHOAMI')).toBe('default');
  });
});
