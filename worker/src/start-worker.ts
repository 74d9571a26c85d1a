import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import Docker from 'dockerode';
import { connectRedis, QUEUES, queueOptions, requireInternalToken, type Config, type Logger } from '@grader/shared';
import { BundleCache } from './bundle-cache';
import { gradeProcessor } from './grade-processor';
import { ResultPublisher } from './result-publisher';
import { runSandbox } from './sandbox/run-sandbox';
import { removeExpiredContainers } from './sandbox/stale-containers';
import { startValidationWorker } from './validation-worker';

/** How often a worker removes containers that outlived their deadline (a crashed worker's). */
const SWEEP_EVERY_MS = 60_000;

export interface RunningWorker {
  id: string;
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
  const sweeper = setInterval(sweep, SWEEP_EVERY_MS);
  sweeper.unref();

  const connection = connectRedis(config.redisUrl);
  connection.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  const publisher = new ResultPublisher(connection, config.queuePrefix, id);
  const bundles = new BundleCache(config.apiUrl, requireInternalToken(config));

  const workerConnection = connectRedis(config.redisUrl);
  workerConnection.on('error', () => undefined);
  const worker = new Worker(
    QUEUES.grade,
    gradeProcessor({
      bundles,
      publisher,
      runSandbox: (request) => runSandbox(docker, { ...request, logger: log }),
      imagePrefix: config.sandboxImagePrefix,
      logger: log,
    }),
    {
      ...queueOptions(workerConnection, config.queuePrefix),
      concurrency: config.workerConcurrency,
      name: id,
      // A dead worker's job goes back to the queue once its lock lapses and the stalled check sees it.
      lockDuration: config.jobLockMs,
      stalledInterval: config.jobLockMs,
      // A job that kills its worker twice is not tried a third time (it fails; the reconciler records a grader error).
      maxStalledCount: 2,
    },
  );
  worker.on('error', (err) => log.error({ err: err.message }, 'worker error'));
  await worker.waitUntilReady();
  const validation = await startValidationWorker({ config, id, docker, bundles, publisher, logger: log });
  log.info({ concurrency: config.workerConcurrency }, 'worker ready');

  return {
    id,
    async close() {
      clearInterval(sweeper);
      // Lets running gradings finish (their containers are removed as they end).
      await worker.close();
      await validation.close();
      await publisher.close();
      connection.disconnect();
      workerConnection.disconnect();
    },
  };
}
