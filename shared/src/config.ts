import path from 'node:path';
import { z } from 'zod';
import { LIMITS } from './limits';

/**
 * The one configuration schema of every process (API, recorder, worker, scripts).
 * Read once from the environment at start-up; nothing else reads process.env.
 */
const Port = z.coerce.number().int().min(0).max(65535);
const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ConfigSchema = z.object({
  /** Interface the API listens on. Loopback by default: put a reverse proxy in front to publish it. */
  GRADER_HOST: z.string().default('127.0.0.1'),
  GRADER_PORT: Port.default(3000),
  /** Where the SQLite file (and the admin token, later) live. */
  GRADER_DATA_DIR: z.string().default('data'),
  /** Exercise folders loaded at start-up. */
  GRADER_EXERCISES_DIR: z.string().default('exercises'),
  GRADER_REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** Namespace of the queues in Redis; tests use one per run. */
  GRADER_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/).default('grader'),
  /** How workers reach the API (to fetch exercise bundles). */
  GRADER_API_URL: z.url().default('http://127.0.0.1:3000'),
  /**
   * Shared secret between the API and workers for the internal routes. There is no
   * default: `npm start` generates one per run, a deployment sets its own.
   */
  GRADER_INTERNAL_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  /** Submissions one worker grades at once; each takes one CPU. */
  GRADER_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * How long a worker's claim on a job lasts without being renewed, milliseconds. A job
   * whose worker died returns to the queue after about this long (BullMQ's stalled check).
   */
  GRADER_JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Fair use; defaults and reasons in limits.ts. */
  GRADER_SUBMISSIONS_PER_MINUTE: z.coerce.number().int().min(1).default(LIMITS.fairUse.submissionsPerMinute),
  GRADER_QUEUED_PER_USER: z.coerce.number().int().min(1).default(LIMITS.fairUse.queuedPerUser),
  GRADER_QUEUE_CAPACITY: z.coerce.number().int().min(1).default(LIMITS.fairUse.queueCapacity),
  /** Set when the API is served over HTTPS (behind a proxy): session cookies get the Secure flag. */
  GRADER_SECURE_COOKIES: Bool.default(false),
  /** Docker engine socket of this worker's host. */
  GRADER_DOCKER_SOCKET: z.string().default('/var/run/docker.sock'),
  /** Sandbox image name for a runtime is this prefix + runtime, e.g. grader-sandbox-node. */
  GRADER_SANDBOX_IMAGE_PREFIX: z.string().default('grader-sandbox-'),
  /**
   * Base image for the sandbox images. Unset: a base built locally from Debian's
   * packages (no registry needed). Set, e.g. node:20-bookworm-slim, where a registry is reachable.
   */
  GRADER_BASE_IMAGE: z.string().optional(),
  GRADER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Pretty, human log lines instead of JSON (npm start sets it when run in a terminal). */
  GRADER_LOG_PRETTY: Bool.default(false),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    host: c.GRADER_HOST,
    port: c.GRADER_PORT,
    dataDir: path.resolve(c.GRADER_DATA_DIR),
    exercisesDir: path.resolve(c.GRADER_EXERCISES_DIR),
    redisUrl: c.GRADER_REDIS_URL,
    queuePrefix: c.GRADER_QUEUE_PREFIX,
    apiUrl: c.GRADER_API_URL.replace(/\/+$/, ''),
    internalToken: c.GRADER_INTERNAL_TOKEN,
    workerConcurrency: c.GRADER_WORKER_CONCURRENCY,
    jobLockMs: c.GRADER_JOB_LOCK_MS,
    fairUse: {
      submissionsPerMinute: c.GRADER_SUBMISSIONS_PER_MINUTE,
      queuedPerUser: c.GRADER_QUEUED_PER_USER,
      queueCapacity: c.GRADER_QUEUE_CAPACITY,
    },
    secureCookies: c.GRADER_SECURE_COOKIES,
    dockerSocket: c.GRADER_DOCKER_SOCKET,
    sandboxImagePrefix: c.GRADER_SANDBOX_IMAGE_PREFIX,
    baseImage: c.GRADER_BASE_IMAGE,
    logLevel: c.GRADER_LOG_LEVEL,
    logPretty: c.GRADER_LOG_PRETTY,
  };
}

export function requireInternalToken(config: Config): string {
  if (!config.internalToken) {
    throw new Error('GRADER_INTERNAL_TOKEN is not set: the API and the workers need the same secret of 32 or more characters (npm start makes one for you)');
  }
  return config.internalToken;
}
