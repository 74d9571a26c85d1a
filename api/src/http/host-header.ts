import type { RequestHandler } from 'express';
import { Errors } from './app-error';

/**
 * An HTTP/1.1 request without a Host header must be refused with 400 (RFC 9112 §3.2). Node does
 * that itself with an empty body; guardHttpServer turns Node's check off so that this middleware
 * refuses it instead, as problem+json like every other error.
 */
export const requireHostHeader: RequestHandler = (req, _res, next) => {
  const needsHost = req.httpVersionMajor === 1 && req.httpVersionMinor >= 1;
  next(needsHost && req.headers.host === undefined ? Errors.missingHost() : undefined);
};
