import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Errors } from '../http/app-error';
import type { AccessGuards } from '../http/serve-route';
import { requireRole, requireUser } from './authenticate';

/**
 * What each access level of the route table checks before a handler runs; `worker` needs the
 * deployment's shared secret, `metrics` the scraper's token (none configured: nobody gets in).
 */
export function accessGuards(internalToken: string, metricsToken?: string): AccessGuards {
  return {
    public: [],
    'signed-in': [requireUser],
    staff: [requireRole('instructor', 'admin')],
    admin: [requireRole('admin')],
    worker: [requireBearer(internalToken)],
    metrics: [metricsToken ? requireBearer(metricsToken) : (_req, _res, next) => next(Errors.unauthorized('Metrics are off: the deployment sets no GRADER_METRICS_TOKEN.'))],
  };
}

/** Constant-time comparison of a bearer token against the workers' shared secret. */
export function requireBearer(secret: string): RequestHandler {
  const expected = createHash('sha256').update(secret).digest();
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    const given = createHash('sha256').update(match?.[1] ?? '').digest();
    if (!match || !timingSafeEqual(given, expected)) return next(Errors.unauthorized());
    next();
  };
}
