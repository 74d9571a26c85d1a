import { createLogger, exitOnStartupFailure, loadConfig, serveUntilSignal } from '@grader/runtime';
import { startApi } from './server';

/** Entry point of the API process (API + recorder + reconciler). */
async function main() {
  const config = loadConfig();
  const logger = createLogger({ name: 'api', level: config.logLevel, pretty: config.logPretty });
  await serveUntilSignal(await startApi(config, logger), logger, 'stopping API');
}

main().catch(exitOnStartupFailure('API'));
