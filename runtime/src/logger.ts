import pino, { type Logger } from 'pino';

export type { Logger };

/** The one logger factory: JSON lines for machines, or pretty lines in a terminal. */
export function createLogger(options: { name: string; level: string; pretty: boolean }): Logger {
  return pino({
    name: options.name,
    level: options.level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    ...(options.pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}
