import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from './app-error';

/** express-rate-limit's handler: the refusal in our one error shape, with Retry-After. */
export function tooManyRequests(req: Request, _res: Response, next: NextFunction, options: { windowMs: number }): void {
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000));
  next(new AppError('rate_limited', `Too many requests; try again in ${seconds} s.`, { retryAfterSeconds: seconds }));
}

/**
 * At most `limit` requests a minute per signed-in user (RateLimit headers, draft 8), refused
 * with `rate_limited` and Retry-After. `countRefused: false` leaves out requests answered 4xx
 * or 5xx (a trial run refused ran nothing and must not spend the minute).
 */
export function perUserPerMinute(limit: number, options: { countRefused?: boolean } = {}): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    keyGenerator: (req) => req.auth?.user.id ?? 'anonymous',
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipFailedRequests: options.countRefused === false,
    handler: tooManyRequests,
  });
}
