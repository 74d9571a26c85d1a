import type { Logger } from './logger';

/**
 * Runs a service until SIGINT or SIGTERM, then closes it once and exits. Both signals
 * arrive on Ctrl-C under `npm start` (the terminal's and the supervisor's): the second is ignored.
 */
export async function serveUntilSignal(service: { close(): Promise<void> }, logger: Logger, stopping: string): Promise<void> {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, stopping);
    try {
      await service.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'could not stop cleanly');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** A start-up failure: one clear line, exit code 1. */
export function exitOnStartupFailure(what: string) {
  return (err: unknown) => {
    console.error(`${what} failed to start: ${(err as Error).message}`);
    process.exit(1);
  };
}
