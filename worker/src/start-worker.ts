import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import Docker from 'dockerode';
import { LIMITS, QUEUES } from '@grader/contracts';
import { connectRedis, isRedisConnectionError, watchRedisConnection, requireInternalToken, type Config, type Logger } from '@grader/runtime';
import { consumerOptions } from './consumer-options';
import { BundleCache } from './bundle-cache';
import { gradeProcessor } from './grade-processor';
import { startHeartbeat } from './heartbeat';
import { ResultPublisher } from './result-publisher';
import { runSandbox, type SandboxRequest } from './sandbox/run-sandbox';
import { removeExpiredContainers } from './sandbox/stale-containers';
import { WarmPool } from './sandbox/warm-pool';
import { startValidationWorker } from './validation-worker';

export interface RunningWorker {
  id: string;
  /** Sandbox runs so far: in a warm container from the pool, or in one started for the submission. */
  sandboxRuns(): { warm: number; cold: number };
  close(): Promise<void>;
}

/**
 * A grading worker: needs Redis, the API's address and a Docker engine — no shared disk,
 * no database. Any number of them can run on any number of hosts.
 */
export async function startWorker(config: Config, logger: Logger): Promise<RunningWorker> {
  const id = `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const log = logger.child({ workerId: id });
  const docker = new Docker({ socketPath: config.dockerSocket });

  const sweep = () =>
    removeExpiredContainers(docker)
      .then((removed) => removed > 0 && log.warn({ removed }, 'removed containers left by a dead worker'))
      .catch((err) => log.warn({ err: (err as Error).message }, 'container sweep failed'));
  await sweep();
  const sweeper = setInterval(sweep, LIMITS.worker.sweepEveryMs);
  sweeper.unref();
  // Kept warm from the start: the standard runtime's image; others once a submission asks for them.
  const pool = new WarmPool(docker, { size: config.sandboxPoolSize, images: [`${config.sandboxImagePrefix}node`], workerId: id, logger: log });
  pool.start();
  const runs = { warm: 0, cold: 0 };
  const run = async (request: Omit<SandboxRequest, 'logger'>) => {
    const ran = await runSandbox(docker, { ...request, workerId: id, logger: log }, pool);
    runs[ran.warm ? 'warm' : 'cold'] += 1;
    return ran;
  };

  const connection = connectRedis(config.redisUrl);
  watchRedisConnection(connection, log, 'worker');
  const publisher = new ResultPublisher(connection, config.queuePrefix, id);
  const bundles = new BundleCache(config.apiUrl, requireInternalToken(config));

  const workerConnection = connectRedis(config.redisUrl);
  workerConnection.on('error', () => undefined);
  const inFlight = { count: 0 };
  const worker = new Worker(
    QUEUES.grade,
    gradeProcessor({
      bundles,
      publisher,
      runSandbox: run,
      imagePrefix: config.sandboxImagePrefix,
      inFlight,
      logger: log,
    }),
    consumerOptions(workerConnection, config, id, config.workerConcurrency),
  );
  // Connection trouble is said once by the connection's watcher, not once per retry here.
  worker.on('error', (err) => !isRedisConnectionError(err) && log.error({ err: err.message }, 'worker error'));
  await worker.waitUntilReady();
  const validation = await startValidationWorker({ config, id, runSandbox: run, bundles, publisher, logger: log });
  const heartbeat = startHeartbeat({
    id,
    redis: connection,
    prefix: config.queuePrefix,
    docker,
    workers: [worker, validation.worker],
    concurrency: config.workerConcurrency,
    inFlight,
    logger: log,
  });
  await heartbeat.first;
  log.info({ concurrency: config.workerConcurrency, warmContainers: config.sandboxPoolSize }, 'worker ready');

  return {
    id,
    sandboxRuns: () => ({ ...runs }),
    async close() {
      clearInterval(sweeper);
      try {
        await heartbeat.stop();
        // Lets running gradings finish (their containers are removed as they end).
        await worker.close();
        await validation.close();
      } finally {
        // Whatever else failed: no warm container may outlive its worker (nor keep its process alive).
        await pool.close();
      }
      await publisher.close();
      connection.disconnect();
      workerConnection.disconnect();
    },
  };
}
