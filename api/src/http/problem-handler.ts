import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '@grader/shared';
import { LIMITS } from '@grader/shared';
import { AppError, Errors } from './app-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Any route that matched nothing: the same problem shape as every other error. */
export const routeNotFound: RequestHandler = (req, _res, next) => next(Errors.routeNotFound(req.method, req.path));

/** Errors raised by body-parser (express.json) carry a `type`; map them onto AppErrors. */
function fromBodyParser(err: unknown): AppError | undefined {
  const type = (err as { type?: unknown })?.type;
  if (type === 'entity.parse.failed') return Errors.malformedJson((err as Error).message);
  if (type === 'entity.too.large') return Errors.payloadTooLarge(LIMITS.http.bodyBytes);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return Errors.unsupportedMediaType();
  return undefined;
}

/** The one terminal error handler: problem+json out, internals only in the log. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let problem = err instanceof AppError ? err : fromBodyParser(err);
    if (!problem) {
      logger.error({ err, reqId: req.id, method: req.method, url: req.originalUrl }, 'unhandled error');
      problem = Errors.internal();
    } else if (problem.status >= 500) {
      logger.error({ err, reqId: req.id }, problem.detail);
    }
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
        instance: req.originalUrl,
        ...(problem.extras.errors ? { errors: problem.extras.errors } : {}),
      });
  };
}
