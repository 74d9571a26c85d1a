import fs from 'node:fs';
import path from 'node:path';
import type { ProvisionContext } from './context';
import { ProvisionError, oneLine, tail } from './errors';
import { run, waitFor } from './exec';
import { done, type Progress, type StepOutcome } from './progress';
import {
  ReplyError,
  describeTarget,
  infoField,
  isLoopbackHost,
  parseRedisUrl,
  redisCommands,
  type RedisTarget,
} from './redis-protocol';
import { LIMITS } from '@grader/shared/src/limits';

/** The server's version when a Redis answers PING at the target; throws otherwise. */
export async function pingRedis(target: RedisTarget): Promise<string> {
  const [pong, info] = await redisCommands(target, [['PING'], ['INFO', 'server']]);
  if (pong instanceof ReplyError) throw new Error(`PING answered ${pong.message}`);
  if (pong !== 'PONG') throw new Error(`PING answered ${JSON.stringify(pong)}`);
  return (typeof info === 'string' && infoField(info, 'redis_version')) || 'version unknown';
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
