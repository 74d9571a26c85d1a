import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '../../contracts';
import { SERVICE_PORTS, CACHE_SERVER, CONTAINER_LAYOUT } from '../../container-layout';
import { killProcessesOfUid } from '../../common/process/kill-student-processes';
import { RedisClient, RedisUnavailable } from './redis-client';

/** The grader's Redis user: every command, with a password made for each server. */
export const GRADER_USER = 'grader';

/**
 * What the student's app may not run on its Redis server, beyond Redis's own `@admin` category
 * (CONFIG, DEBUG, SHUTDOWN, MODULE, MONITOR, ACL SETUSER, CLIENT KILL, SAVE, REPLICAOF, …):
 * RESTORE takes a serialised value, the way past bugs in Redis's loader were reached, and
 * MIGRATE opens connections (there is no network anyway).
 */
const DENIED_TO_APP = ['-restore', '-restore-asking', '-migrate'];

/**
 * The server's configuration, given on its stdin (never in a file the student could read, nor on
 * the command line, which every process can read): loopback only; no persistence, and its
 * working directory private, so no file is written or loaded (Redis loads a dump.rdb found at
 * start even with `save ""`); bounded memory and clients; the debug and module commands off;
 * the app as the `default` user (no password, as a local cache usually is) without the admin
 * commands; the grader as a user of its own.
 */
export function serverConfig(options: { dir: string; port: number; graderPassword: string }): string {
  return [
    `port ${options.port}`,
    'bind 127.0.0.1',
    'protected-mode yes',
    'daemonize no',
    `dir ${options.dir}`,
    'save ""',
    'appendonly no',
    'logfile ""',
    'loglevel warning',
    'always-show-logo no',
    `maxmemory ${LIMITS.cache.serverMemoryBytes}`,
    'maxmemory-policy noeviction',
    `maxclients ${LIMITS.cache.serverClients}`,
    'enable-debug-command no',
    'enable-module-command no',
    'enable-protected-configs no',
    'sanitize-dump-payload yes',
    'io-threads 1',
    `user default on nopass ~* &* +@all -@admin ${DENIED_TO_APP.join(' ')}`,
    `user ${GRADER_USER} on >${options.graderPassword} ~* &* +@all`,
    '',
  ].join('\n');
}

export interface CacheServer {
  /** The grader's connection (user GRADER_USER): every command, the student's data read as is. */
  client: RedisClient;
  /** Kills the server and everything of its uid, and removes its directory. */
  stop(): Promise<void>;
}

const READY_POLL_MS = 10;
/** $1: the directory to make (private), $2: redis-server, given its configuration on stdin. */
const START_SCRIPT = 'umask 077 && mkdir "$1" && cd "$1" && exec "$2" -';

/**
 * Starts a fresh, empty Redis server for one test, as CACHE_SERVER's uid, listening on
 * 127.0.0.1:SERVICE_PORTS.redis, and connects the grader to it. Throws an Error (the grader's
 * failure: the student's app has not run yet) when it does not come up within `startMs`.
 */
export async function startCacheServer(startMs: number = LIMITS.cache.serverStartMs, commandTimeMs = startMs): Promise<CacheServer> {
  const dir = path.join(CONTAINER_LAYOUT.tmpDir, `.redis-${randomBytes(12).toString('hex')}`);
  const graderPassword = randomBytes(32).toString('hex');
  // The server's uid makes its directory (the harness has no CAP_CHOWN), then becomes the server.
  const server = spawn('/bin/sh', ['-c', START_SCRIPT, 'redis', dir, CONTAINER_LAYOUT.redisServer], {
    cwd: CONTAINER_LAYOUT.tmpDir,
    uid: CACHE_SERVER.uid,
    gid: CACHE_SERVER.gid,
    env: {},
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-2_000));
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    server.once('exit', () => ((exited = true), resolve()));
    server.once('error', (err) => ((exited = true), keep(Buffer.from(err.message)), resolve()));
  });
  server.stdin?.end(serverConfig({ dir, port: SERVICE_PORTS.redis, graderPassword }));

  const stop = async (): Promise<void> => {
    server.kill('SIGKILL');
    await exit;
    killProcessesOfUid(CACHE_SERVER.uid);
    // Empty (nothing is persisted), and root owns /tmp, so may remove it; if not, the container's end does.
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      /* left to the container's removal */
    }
  };

  const deadline = performance.now() + startMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`the test's Redis server exited while starting: ${log.trim() || 'no output'}`);
    }
    try {
      const client = await RedisClient.connect({ port: SERVICE_PORTS.redis, user: GRADER_USER, password: graderPassword, commandTimeMs, maxReplyBytes: LIMITS.cache.replyBytes });
      return { client, stop: () => (client.close(), stop()) };
    } catch (err) {
      if (!(err instanceof RedisUnavailable) || performance.now() > deadline) {
        await stop();
        throw new Error(`the test's Redis server did not accept the grader within ${startMs} ms: ${(err as Error).message} ${log.trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  }
}
