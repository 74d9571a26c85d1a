import { Redis } from 'ioredis';

/**
 * A Redis connection for BullMQ. `maxRetriesPerRequest: null` is what BullMQ requires for
 * workers (a blocked command must wait through a reconnect rather than fail the job).
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** Queue options shared by every producer and consumer of one deployment. */
export function queueOptions(connection: Redis, prefix: string) {
  return { connection, prefix };
}
