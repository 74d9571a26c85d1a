import os from 'node:os';
import type { Worker } from 'bullmq';
import type Docker from 'dockerode';
import type { Redis } from 'ioredis';
import { LIMITS, workerHealthKey, type WorkerHeartbeat } from '@grader/contracts';
import { type Logger } from '@grader/runtime';

async function engineAnswers(docker: Docker): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), LIMITS.worker.enginePingTimeoutMs);
  });
  try {
    return await Promise.race([docker.ping().then(() => true as const), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reports this worker's state to the API every LIMITS.worker.heartbeatMs (see worker-health.ts):
 * whether its Docker engine answers and whether its BullMQ worker takes jobs. Says once in
 * the log when the engine goes away and once when it is back. Writing the report is best
 * effort: while Redis is down there is nobody to tell, and the report simply goes stale.
 */
export function startHeartbeat(deps: {
  id: string;
  redis: Redis;
  prefix: string;
  docker: Docker;
  workers: Worker[];
  concurrency: number;
  /** Gradings in flight now. */
  inFlight?: { count: number };
  logger: Logger;
}): {
  /** Settles once the first report is written: a worker counts in health from its start. */
  first: Promise<void>;
  stop(): Promise<void>;
} {
  const key = workerHealthKey(deps.prefix);
  let engineWasUp = true;
  let beating: Promise<void> | undefined;

  const beat = async () => {
    const engineUp = await engineAnswers(deps.docker);
    if (engineUp !== engineWasUp) {
      if (engineUp) deps.logger.info('docker engine reachable again');
      else deps.logger.warn('docker engine unreachable; gradings are retried with backoff until it is back');
      engineWasUp = engineUp;
    }
    const report: WorkerHeartbeat = {
      at: new Date().toISOString(),
      engine: engineUp ? 'ok' : 'down',
      consuming: deps.workers.every((w) => w.isRunning() && !w.isPaused()),
      concurrency: deps.concurrency,
      host: os.hostname(),
      ...(deps.inFlight ? { active: deps.inFlight.count } : {}),
    };
    await deps.redis.hset(key, deps.id, JSON.stringify(report)).catch(() => undefined);
  };
  const tick = () => {
    // One report at a time: while Redis is down the last one waits, and newer ones are skipped.
    if (beating) return;
    beating = beat().finally(() => {
      beating = undefined;
    });
  };
  tick();
  const first = beating ?? Promise.resolve();
  const timer = setInterval(tick, LIMITS.worker.heartbeatMs);
  timer.unref();

  return {
    first,
    async stop() {
      clearInterval(timer);
      await Promise.race([beating, new Promise((resolve) => setTimeout(resolve, LIMITS.worker.enginePingTimeoutMs).unref())]);
      // Gone at once from health, rather than after LIMITS.worker.heartbeatStaleMs.
      await deps.redis.hdel(key, deps.id).catch(() => undefined);
    },
  };
}
