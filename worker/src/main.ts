import { createLogger, loadConfig } from '@grader/shared';
import { startWorker } from './start-worker';

/** Entry point of a grading worker process. */
async function main() {
  const config = loadConfig();
  const logger = createLogger({ name: 'worker', level: config.logLevel, pretty: config.logPretty });
  const worker = await startWorker(config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping worker; letting running gradings finish');
    await worker.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(`Worker failed to start: ${(err as Error).message}`);
  process.exit(1);
});
