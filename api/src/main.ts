import { createLogger, exitOnStartupFailure, loadConfig, serveUntilSignal } from '@grader/runtime';
import { startApi } from './server';

/** Entry point of the API process (API + recorder + reconciler). */
async function main() {
  const config = loadConfig();
  const logger = createLogger({ name: 'api', level: config.logLevel, pretty: config.logPretty });
  const api = await startApi(config, logger);
  // Under `npm start` (scripts/start.ts gives this process an IPC channel and says so): only now is
  // the service up, so only now does it print its banner. No other parent (a test runner) is told.
  if (process.env.GRADER_SUPERVISOR_IPC === '1' && process.send) {
    process.send({ type: 'listening', url: api.url });
    process.channel?.unref();
  }
  await serveUntilSignal(api, logger, 'stopping API');
}

main().catch(exitOnStartupFailure('API'));
