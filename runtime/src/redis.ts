import { Redis } from 'ioredis';
import type { Logger } from './logger';
import { LIMITS } from '@grader/contracts';

/**
 * A Redis connection for BullMQ workers and background consumers. `maxRetriesPerRequest:
 * null` is what BullMQ requires for workers (a blocked command must wait through a reconnect
 * rather than fail the job).
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * A Redis connection for request paths (queueing a submission, health): while Redis is
 * unreachable a command fails at once instead of waiting in ioredis's offline queue for the
 * whole outage, and a command that gets no answer fails after LIMITS.http.redisCommandTimeoutMs.
 * BullMQ's producers (Queue) work with it; its workers must not use it.
 */
export function connectRedisForRequests(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: LIMITS.http.redisCommandTimeoutMs, enableReadyCheck: true });
}

/** Errors that only say Redis cannot be reached now (as opposed to a bug in a command). */
const CONNECTION_TROUBLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|Connection is closed|Stream isn't writeable|enableOfflineQueue|Command timed out|MaxRetriesPerRequest|Reached the max retries|LOADING|Connection in subscriber mode/i;

export function isRedisConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name === 'MaxRetriesPerRequestError' || CONNECTION_TROUBLE.test(err.message) || CONNECTION_TROUBLE.test(String((err as { code?: unknown }).code ?? ''));
}

/**
 * Logs a connection's outages once each: one warning when it is lost (with the first error),
 * one line when it is back (with how long it was down). ioredis emits an error for every
 * reconnection attempt, several a second, which would bury everything else in the log.
 */
export function watchRedisConnection(redis: Redis, logger: Logger, name: string): void {
  let downSince: number | undefined;
  const lost = (reason: string) => {
    if (downSince !== undefined) return;
    downSince = Date.now();
    logger.warn({ connection: name, reason }, 'redis unreachable; retrying in the background');
  };
  redis.on('error', (err: Error) => lost(err.message));
  // Not 'close': that one also comes when we disconnect on purpose; 'reconnecting' never does.
  redis.on('reconnecting', () => lost('connection lost'));
  redis.on('ready', () => {
    if (downSince === undefined) return;
    logger.info({ connection: name, downMs: Date.now() - downSince }, 'redis reachable again');
    downSince = undefined;
  });
}

/**
 * A BullMQ producer (Queue) re-emits each error of its connection; with no listener it prints
 * each with a stack trace, several a second while Redis is down. Connection trouble is logged
 * once by watchRedisConnection, and any other failure reaches the awaited call that failed,
 * so the producer's own error events carry nothing to add.
 */
export function quietProducer<Q extends { on(event: 'error', listener: (err: Error) => void): unknown }>(queue: Q): Q {
  queue.on('error', () => undefined);
  return queue;
}

/** Queue options shared by every producer and consumer of one deployment. */
export function queueOptions(connection: Redis, prefix: string) {
  return { connection, prefix };
}
