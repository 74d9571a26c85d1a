import type { NextFunction, Request, Response } from 'express';
import { AppError } from './app-error';

/** express-rate-limit's handler: the refusal in our one error shape, with Retry-After. */
export function tooManyRequests(req: Request, _res: Response, next: NextFunction, options: { windowMs: number }): void {
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000));
  next(new AppError('rate_limited', `Too many requests; try again in ${seconds} s.`, { retryAfterSeconds: seconds }));
}
