import { createLogger, loadConfig } from '@grader/shared';
import { startApi } from './server';

/** Entry point of the API process (API + recorder + reconciler). */
async function main() {
  const config = loadConfig();
  const logger = createLogger({ name: 'api', level: config.logLevel, pretty: config.logPretty });
  const api = await startApi(config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping API');
    await api.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(`API failed to start: ${(err as Error).message}`);
  process.exit(1);
});
