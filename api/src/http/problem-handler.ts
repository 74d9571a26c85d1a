import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { LIMITS } from '@grader/contracts';
import { isRedisConnectionError, type Logger } from '@grader/runtime';
import { AppError, Errors } from './app-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Any route that matched nothing: the same problem shape as every other error. */
export const routeNotFound: RequestHandler = (req, _res, next) => next(Errors.routeNotFound(req.method, req.path));

/** The 4xx status an error from a library carries (http-errors' `status`/`statusCode`), if any. */
function clientStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const value = status ?? statusCode;
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 499 ? value : undefined;
}

/** zlib's error codes: a body that does not decompress as its Content-Encoding says. */
const ZLIB_CODES = /^Z_|^ERR_(ZLIB|BROTLI)/;

/**
 * Errors raised by others (body-parser and raw-body, the router, serve-static) that carry their
 * own 4xx status: that status with a code of ours. Their messages are not echoed (they name
 * library internals and change between versions), except JSON's, which says where the body is
 * wrong. Undefined for anything without a 4xx status: that is our bug, a 500.
 */
export function fromClientError(err: unknown): AppError | undefined {
  const status = clientStatusOf(err);
  if (status === undefined) return undefined;
  const { type, code, limit } = err as { type?: unknown; code?: unknown; limit?: unknown };
  switch (type) {
    case 'entity.parse.failed':
      return Errors.malformedJson((err as Error).message);
    case 'entity.too.large':
      return Errors.payloadTooLarge(typeof limit === 'number' ? limit : LIMITS.http.bodyBytes);
    case 'encoding.unsupported':
      return Errors.unsupportedContentEncoding();
    case 'charset.unsupported':
      return Errors.unsupportedMediaType();
    case 'request.aborted':
      return Errors.requestAborted();
    case 'request.size.invalid':
      return Errors.malformedBody('The body is not as long as its Content-Length says.');
  }
  // The router decodes path parameters with decodeURIComponent and marks its URIError 400.
  if (err instanceof URIError) return Errors.malformedPath();
  if (typeof code === 'string' && ZLIB_CODES.test(code)) return Errors.malformedBody('The body does not decompress as its Content-Encoding says.');
  return Errors.clientStatus(status);
}

/** Sends the problem document, unless the answer has already started or cannot be sent any more. */
function send(res: Response, problem: AppError, instance: string): void {
  if (problem.extras.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(problem.extras.retryAfterSeconds));
  res
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .json({
      type: `/problems/${problem.code.replace(/_/g, '-')}`,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      code: problem.code,
      instance,
      ...(problem.extras.errors ? { errors: problem.extras.errors } : {}),
    });
}

/** The one terminal error handler: problem+json out, internals only in the log. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // Redis unreachable: the client is told 503 at once; the outage itself is logged once by the connection's watcher.
    const dependencyDown = !(err instanceof AppError) && isRedisConnectionError(err);
    let problem = err instanceof AppError ? err : dependencyDown ? Errors.dependencyUnavailable('grading queue') : fromClientError(err);
    if (!problem) {
      logger.error({ err, reqId: req.id, method: req.method, url: req.originalUrl }, 'unhandled error');
      problem = Errors.internal();
    } else if (dependencyDown) {
      logger.debug({ reqId: req.id, err: (err as Error).message }, 'refused: redis unreachable');
    } else if (problem.status >= 500) {
      logger.error({ err, reqId: req.id }, problem.detail);
    } else if (!(err instanceof AppError)) {
      // A client's mistake (or a client that went away), not ours: worth a line when debugging, never an alert.
      logger.debug({ reqId: req.id, code: problem.code, type: (err as { type?: unknown }).type }, 'request refused by a parser');
    }
    // Nobody is left to read an answer to an aborted request; and once an answer has started
    // (an event stream) another cannot begin, so the connection is all that can be ended.
    if (problem.code === 'request_aborted' || req.socket?.destroyed) return;
    if (res.headersSent) return void req.socket?.destroy();
    send(res, problem, req.originalUrl);
  };
}
