import { parseCookie } from 'cookie';
import type { Request, RequestHandler } from 'express';

/**
 * `req.cookies` as plain strings, and nothing else. cookie-parser, used before, turned any value
 * starting with `j:` into the JSON it held, so `grader_session=j:{"a":1}` reached the session
 * lookup as an object (a 500); signed cookies are not used either. A value that is not valid
 * percent-encoding stays as sent. The first of repeated names wins (RFC 6265 §5.4 sends the
 * most specific cookie first).
 */
export const plainCookies: RequestHandler = (req, _res, next) => {
  const header = req.headers.cookie;
  req.cookies = header ? parseCookie(header) : {};
  next();
};

/** One cookie's value as sent, or undefined. */
export function cookieOf(req: Request, name: string): string | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
