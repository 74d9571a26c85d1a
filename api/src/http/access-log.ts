import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from '@grader/runtime';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

declare module 'http' {
  interface IncomingMessage {
    /** The request's id (access log, problem handler): the caller's X-Request-Id when sane, else a UUID. */
    id?: string;
    /** When the access log saw the request (performance.now(), milliseconds). */
    startedAt?: number;
    /** The route table's path of the route that served it (e.g. /api/submissions/{id}); set by serve-route's router. */
    routePattern?: string;
  }
}

/**
 * One log line per request, written by pino when the response closes: the request's id (the
 * caller's X-Request-Id when sane, so that logs join across services, else a fresh UUID; echoed
 * back), method, URL, status and time in milliseconds; `aborted` when the client left first.
 * `observe` is told of every answered request (the metrics' latency histogram).
 * Server errors at error, refusals and aborts at info, successes at debug. Headers, with their
 * tokens and cookies, are never written.
 *
 * Not pino-http: it makes a child logger for every request and serializes the request into it
 * at once, even when the line is never written (a success, at debug). Measured with autocannon
 * (20 connections, an Express hello-world): pino-http took 15-30 % of the requests/s, this 2-7 %;
 * the API's status reads went from 0.5× to 0.6-0.7× the hello-world (bench/api.ts).
 */
export function accessLog(logger: Logger, observe?: (req: Response['req'], status: number, seconds: number) => void): RequestHandler {
  // One listener for every response, not a closure each: a status read's requests/s counts them.
  function written(this: Response): void {
    const { req } = this;
    observe?.(req, this.statusCode, (performance.now() - (req.startedAt ?? 0)) / 1000);
    const aborted = !this.writableFinished;
    const level = this.statusCode >= 500 ? 'error' : this.statusCode >= 400 || aborted ? 'info' : 'debug';
    if (!logger.isLevelEnabled(level)) return;
    const line = { req: { id: req.id, method: req.method, url: req.originalUrl }, res: { statusCode: this.statusCode }, responseTime: Math.round(performance.now() - (req.startedAt ?? 0)) };
    logger[level](aborted ? { ...line, aborted } : line, aborted ? 'request aborted' : 'request completed');
  }
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.id = id;
    req.startedAt = performance.now();
    res.setHeader('X-Request-Id', id);
    res.on('close', written);
    next();
  };
}
