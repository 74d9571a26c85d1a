import { createLogger, exitOnStartupFailure, loadConfig, serveUntilSignal } from '@grader/runtime';
import { startWorker } from './start-worker';

/** Entry point of a grading worker process. */
async function main() {
  const config = loadConfig();
  const logger = createLogger({ name: 'worker', level: config.logLevel, pretty: config.logPretty });
  await serveUntilSignal(await startWorker(config, logger), logger, 'stopping worker; letting running gradings finish');
}

main().catch(exitOnStartupFailure('Worker'));
