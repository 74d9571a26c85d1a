import { Worker } from 'bullmq';
import { QUEUES } from '@grader/contracts';
import { connectRedis, isRedisConnectionError, type Config, type Logger } from '@grader/runtime';
import { consumerOptions } from './consumer-options';
import type { BundleCache } from './bundle-cache';
import type { ResultPublisher } from './result-publisher';
import { validateProcessor, type ValidateProcessorDeps } from './validate-processor';

/**
 * Consumes the validate queue beside the grade queue. One validation at a time per worker:
 * each runs several sandboxes in a row, and live grading keeps the rest of the machine.
 */
export async function startValidationWorker(deps: {
  config: Config;
  id: string;
  /** The worker's sandbox runner (its engine and warm pool), shared with grading. */
  runSandbox: ValidateProcessorDeps['runSandbox'];
  bundles: BundleCache;
  publisher: ResultPublisher;
  logger: Logger;
}): Promise<{ worker: Worker; close(): Promise<void> }> {
  const { config, logger } = deps;
  const connection = connectRedis(config.redisUrl);
  connection.on('error', () => undefined);
  const worker = new Worker(
    QUEUES.validate,
    validateProcessor({
      bundles: deps.bundles,
      publisher: deps.publisher,
      runSandbox: deps.runSandbox,
      imagePrefix: config.sandboxImagePrefix,
      logger,
    }),
    // One validation at a time: see above.
    consumerOptions(connection, config, deps.id, 1),
  );
  worker.on('error', (err) => !isRedisConnectionError(err) && logger.error({ err: err.message }, 'validation worker error'));
  await worker.waitUntilReady();
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
