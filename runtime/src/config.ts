import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { LIMITS } from '@grader/contracts';

/**
 * The one configuration schema of every process (API, recorder, worker, scripts).
 * Read once from the environment at start-up; nothing else reads process.env.
 */
const Port = z.coerce.number().int().min(0).max(65535);
const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A host name, an IP address, or a CIDR range such as 10.0.0.0/8 or fd00::/8. */
function hostOrRangeProblem(entry: string): string | undefined {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return 'not a host, address or CIDR range';
  const version = isIP(address);
  if (prefix !== undefined) {
    const bits = Number(prefix);
    if (version === 0 || !/^\d{1,3}$/.test(prefix) || bits > (version === 4 ? 32 : 128)) return 'not a CIDR range';
    return undefined;
  }
  if (version !== 0) return undefined;
  return /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(address) ? undefined : 'not a host name';
}

const HostList = z
  .string()
  .transform((raw) => raw.split(',').map((e) => e.trim().toLowerCase()).filter((e) => e.length > 0))
  .superRefine((entries, ctx) => {
    for (const entry of entries) {
      const problem = hostOrRangeProblem(entry);
      if (problem) ctx.addIssue({ code: 'custom', message: `"${entry}" is ${problem}` });
    }
  });

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
  /**
   * How workers reach the API (to fetch exercise bundles). Unset: the API of this host, on
   * GRADER_HOST (loopback when it listens on every address) and GRADER_PORT, so that a server
   * moved to another port does not leave its workers asking port 3000.
   */
  GRADER_API_URL: z.url().optional(),
  /**
   * Shared secret between the API and workers for the internal routes. There is no
   * default: `npm start` generates one per run, a deployment sets its own.
   */
  GRADER_INTERNAL_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  /** The bearer token a Prometheus scraper sends for /metrics; unset: /metrics answers 401 to everyone. */
  GRADER_METRICS_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  /** Seconds between two canary gradings that prove grading works (/healthz); 0 turns the canary off. */
  GRADER_CANARY_EVERY_S: z.coerce.number().int().min(0).max(3600).default(LIMITS.health.canaryEveryMs / 1000),
  /** Seconds after which a canary not yet graded makes /healthz answer 503 `stalled`. */
  GRADER_CANARY_OVERDUE_S: z.coerce.number().int().min(1).max(3600).default(LIMITS.health.canaryOverdueMs / 1000),
  /** Minutes between two scheduled online backups of the database (GRADER_DATA_DIR/backups); 0: on demand only. */
  GRADER_BACKUP_EVERY_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(LIMITS.backups.everyMinutes),
  /** Backups kept; the oldest beyond are removed. */
  GRADER_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(LIMITS.backups.keep),
  /** Submissions one worker grades at once; each takes one CPU. */
  GRADER_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * How long a worker's claim on a job lasts without being renewed, milliseconds. A job
   * whose worker died returns to the queue after about this long (BullMQ's stalled check).
   */
  GRADER_JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Retries of an infrastructure failure; defaults and reasons in limits.ts (queue). */
  GRADER_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(LIMITS.queue.attempts),
  GRADER_RETRY_FIRST_DELAY_MS: z.coerce.number().int().min(1).max(3_600_000).default(LIMITS.queue.firstRetryDelayMs),
  GRADER_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).max(3_600_000).default(LIMITS.queue.maxRetryDelayMs),
  /** Fair use; defaults and reasons in limits.ts. */
  GRADER_SUBMISSIONS_PER_MINUTE: z.coerce.number().int().min(1).default(LIMITS.fairUse.submissionsPerMinute),
  GRADER_QUEUED_PER_USER: z.coerce.number().int().min(1).default(LIMITS.fairUse.queuedPerUser),
  GRADER_QUEUE_CAPACITY: z.coerce.number().int().min(1).default(LIMITS.fairUse.queueCapacity),
  /**
   * Webhook targets let through although they are loopback, private or otherwise internal:
   * comma-separated host names, IP addresses or CIDR ranges (e.g. `hooks.lan,10.1.0.0/16`).
   * Empty (the default): callbacks go to public addresses only (SSRF, Judge0 CVE-2024-29021).
   */
  GRADER_WEBHOOK_ALLOW_HOSTS: HostList.default([]),
  /** Delay before the first retry of a failed webhook delivery, milliseconds; doubles each attempt. */
  GRADER_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(LIMITS.webhooks.backoffMs),
  /** Set when the API is served over HTTPS (behind a proxy): session cookies get the Secure flag. */
  GRADER_SECURE_COOKIES: Bool.default(false),
  /**
   * The address browsers and LTI platforms reach the API at (e.g. https://grader.example.edu),
   * which LTI's redirect and target link URIs must name exactly. Unset: the request's own
   * scheme and Host (right when nothing stands between the platform's browser and the API).
   */
  GRADER_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Delay before the first retry of a grade sent to an LTI platform, milliseconds; doubles each attempt. */
  GRADER_LTI_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(LIMITS.webhooks.backoffMs),
  /** Docker engine socket of this worker's host. */
  GRADER_DOCKER_SOCKET: z.string().default('/var/run/docker.sock'),
  /**
   * Warm sandbox containers a worker keeps ready per runtime image (worker/src/sandbox/warm-pool.ts).
   * Unset: the worker's concurrency, so that every slot finds one; 0 turns the pool off (every
   * submission waits for a container to start).
   */
  GRADER_SANDBOX_POOL_SIZE: z.coerce.number().int().min(0).max(64).optional(),
  /**
   * The OCI runtime provisioning gives the engine it owns (scripts/provision/container-runtime.ts):
   * crun, made the engine's default where it can start a sandbox (less CPU per container than
   * runc), or `engine` to leave the engine's runtime as it is.
   */
  GRADER_SANDBOX_RUNTIME: z.enum(['crun', 'engine']).default('crun'),
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

/** The URL a worker on this host reaches the API at, when it listens on `host`:`port`. */
function localApiUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * The configuration from the environment. A variable set to the empty string counts as unset:
 * that is what docker-compose passes for `${NAME:-}`, and what `NAME= npm start` means.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
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
    apiUrl: (c.GRADER_API_URL ?? localApiUrl(c.GRADER_HOST, c.GRADER_PORT)).replace(/\/+$/, ''),
    internalToken: c.GRADER_INTERNAL_TOKEN,
    metricsToken: c.GRADER_METRICS_TOKEN,
    canary: { everyMs: c.GRADER_CANARY_EVERY_S * 1000, overdueMs: c.GRADER_CANARY_OVERDUE_S * 1000 },
    backups: { everyMinutes: c.GRADER_BACKUP_EVERY_MINUTES, keep: c.GRADER_BACKUP_KEEP },
    workerConcurrency: c.GRADER_WORKER_CONCURRENCY,
    jobLockMs: c.GRADER_JOB_LOCK_MS,
    retry: { attempts: c.GRADER_JOB_ATTEMPTS, firstDelayMs: c.GRADER_RETRY_FIRST_DELAY_MS, maxDelayMs: c.GRADER_RETRY_MAX_DELAY_MS },
    fairUse: {
      submissionsPerMinute: c.GRADER_SUBMISSIONS_PER_MINUTE,
      queuedPerUser: c.GRADER_QUEUED_PER_USER,
      queueCapacity: c.GRADER_QUEUE_CAPACITY,
    },
    secureCookies: c.GRADER_SECURE_COOKIES,
    publicUrl: c.GRADER_PUBLIC_URL?.replace(/\/+$/, ''),
    ltiBackoffMs: c.GRADER_LTI_BACKOFF_MS,
    webhooks: {
      allowHosts: c.GRADER_WEBHOOK_ALLOW_HOSTS,
      backoffMs: c.GRADER_WEBHOOK_BACKOFF_MS,
    },
    dockerSocket: c.GRADER_DOCKER_SOCKET,
    sandboxImagePrefix: c.GRADER_SANDBOX_IMAGE_PREFIX,
    sandboxRuntime: c.GRADER_SANDBOX_RUNTIME,
    sandboxPoolSize: c.GRADER_SANDBOX_POOL_SIZE ?? c.GRADER_WORKER_CONCURRENCY,
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
