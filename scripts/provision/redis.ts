import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { ProvisionContext } from './context';
import { ProvisionError, oneLine, tail } from './errors';
import { run, waitFor } from './exec';
import { done, type Progress, type StepOutcome } from './progress';
import { describeTarget, infoField, isLoopbackHost, parseRedisUrl, type RedisTarget } from './redis-target';
import { LIMITS } from '@grader/contracts/src/limits';

/**
 * The server's version when a Redis answers PING at the target (after AUTH when the URL has a
 * password); throws otherwise, within about `timeoutMs`. One connection, never retried: ioredis
 * is installed by scripts/bootstrap.mjs before provisioning runs.
 */
export async function pingRedis(target: RedisTarget, timeoutMs = 1000): Promise<string> {
  const redis = new Redis({
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
    tls: target.tls ? { servername: net.isIP(target.host) ? undefined : target.host } : undefined,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableReadyCheck: false,
  });
  // ioredis rejects with "Connection is closed" and says why (ECONNREFUSED, WRONGPASS) only in an error event.
  let cause: Error | undefined;
  redis.on('error', (err: Error) => (cause ??= err));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const ask = async () => {
    await redis.connect().catch((err: Error) => {
      throw cause ?? err;
    });
    const pong = await redis.ping().catch((err: Error) => {
      throw new Error(`PING answered ${err.message}`);
    });
    if (pong !== 'PONG') throw new Error(`PING answered ${JSON.stringify(pong)}`);
    return infoField(await redis.info('server'), 'redis_version') || 'version unknown';
  };
  try {
    return await Promise.race([ask(), late]);
  } finally {
    clearTimeout(timer);
    // Already ended when the connection failed: disconnecting again would hold the process for ioredis's disconnectTimeout.
    if (redis.status !== 'end') redis.disconnect();
  }
}

async function answering(target: RedisTarget): Promise<{ version?: string; error?: string }> {
  try {
    return { version: await pingRedis(target) };
  } catch (err) {
    return { error: oneLine(err) };
  }
}

/** redis-server's arguments for a throwaway, memory-only server on a loopback address. */
export function redisServerArgs(target: RedisTarget, dir: string): string[] {
  const bind = target.host === 'localhost' ? '127.0.0.1' : target.host;
  const args = ['--daemonize', 'yes', '--bind', bind, '--port', String(target.port), '--save', '', '--appendonly', 'no'];
  args.push('--dir', dir, '--logfile', path.join(dir, 'redis.log'));
  if (target.password !== undefined) args.push('--requirepass', target.password);
  return args;
}

/** Step: a Redis answers at GRADER_REDIS_URL (installed and started here when it is a loopback one). */
export async function ensureRedis(ctx: ProvisionContext, progress: Progress): Promise<StepOutcome<void>> {
  const target = parseRedisUrl(ctx.config.redisUrl);
  const where = describeTarget(target);
  const first = await answering(target);
  if (first.version) return done(`redis ${first.version} answering on ${where} (already running)`);

  if (!isLoopbackHost(target.host)) {
    throw new ProvisionError(
      `no Redis answers on ${where} (${first.error}); provisioning starts a Redis only for a loopback GRADER_REDIS_URL`,
    );
  }
  if (target.username && target.username !== 'default') {
    throw new ProvisionError(`no Redis answers on ${where} (${first.error}); cannot start one for ACL user ${target.username}`);
  }

  const server = await ctx.apt.ensureCommand('redis-server', 'redis-server', progress);
  if (server.installed) {
    // A package's init script may have started one (where service starts are allowed).
    const after = await answering(target);
    if (after.version) return done(`redis ${after.version} answering on ${where} (installed; started by the package)`);
  }

  const dir = path.join(ctx.config.dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  progress(`starting redis-server on ${where}`);
  await run(server.path, redisServerArgs(target, dir));
  const started = await waitFor(async () => (await answering(target)).version, { timeoutMs: LIMITS.tooling.redisStartMs });
  if (!started) {
    const log = path.join(dir, 'redis.log');
    const detail = fs.existsSync(log) ? tail(fs.readFileSync(log, 'utf8')) : [];
    throw new ProvisionError(`redis-server started but nothing answers PING on ${where} after ${LIMITS.tooling.redisStartMs / 1000} s (log: ${log})`, detail);
  }
  return done(`redis ${started} answering on ${where} (${server.installed ? 'installed and started' : 'started'})`);
}
