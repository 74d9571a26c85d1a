import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '@grader/runtime';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * One log line per request (pino-http): its id (the caller's X-Request-Id when sane, so logs
 * join across services, else a fresh UUID, echoed back), method, URL, status and time. Server
 * errors at error, refusals at info, successes at debug.
 *
 * pino-http binds the request to a child logger on every request and serializes it at once,
 * even when the line is never written: the standard serializer's headers cost about a quarter
 * of a status read (bench/api.ts). The line names the request only; headers, with their tokens
 * and cookies, stay out of the logs altogether.
 */
export function accessLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  });
}
