import { timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, RequestHandler } from 'express';
import { z } from 'zod';
import { Errors } from '../http/app-error';
import { cookieOf } from '../http/cookies';
import type { User, UserStore } from '../store/user-store';
import type { Role } from './roles';

/** The browser session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure behind HTTPS. */
export const SESSION_COOKIE = 'grader_session';

/** The session cookie's attributes (its expiry is the session's, set when it is opened). */
export function sessionCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

/** What openSession gives out (`newSecret('gr_ses')`): 32 random bytes, base64url. */
const SessionId = z.string().regex(/^gr_ses_[A-Za-z0-9_-]{43}$/);

/**
 * The session cookie's value when it has the shape this server gives out. Any other value (a
 * forged or mangled cookie) is treated like an expired session, as no session: refusing it with
 * a 400 would lock a browser out of every page until its user finds and deletes the cookie,
 * while signing in again replaces it.
 */
export function sessionCookieOf(req: Request): string | undefined {
  const parsed = SessionId.safeParse(cookieOf(req, SESSION_COOKIE));
  return parsed.success ? parsed.data : undefined;
}

export interface Auth {
  user: User;
  /** Bearer tokens are for API clients; sessions for the web pages (and need the CSRF header). */
  via: 'token' | 'session';
  csrfToken?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Auth;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the request's Origin is this server as the browser addressed it (scheme, host and port). */
function isSameOrigin(req: Request): boolean {
  const origin = req.get('origin');
  const host = req.get('host');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Identifies the caller from `Authorization: Bearer <token>` or the session cookie.
 * A wrong token is an error (401), not an anonymous request. A cookie-authenticated
 * request that changes something must carry the session's CSRF token in `X-CSRF-Token`:
 * another site can make the browser send the cookie, but cannot read the token.
 *
 * `csrf: 'same-origin'` is for pages that are not ours to change (the queue dashboard), whose
 * requests cannot send that header: a change must then come with an `Origin` naming this very
 * host (browsers send it on every cross-origin and every non-GET fetch; another site cannot
 * forge it), besides the cookie's SameSite=Lax.
 */
export function authenticate(users: UserStore, options: { csrf: 'header' | 'same-origin' } = { csrf: 'header' }): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const user = token ? users.userForToken(token) : undefined;
      if (!user) return next(Errors.unauthorized());
      req.auth = { user, via: 'token' };
      return next();
    }
    const session = sessionCookieOf(req);
    if (session) {
      const found = users.findSession(session);
      if (found) {
        const vouched = options.csrf === 'header' ? sameSecret(req.get('x-csrf-token') ?? '', found.csrfToken) : isSameOrigin(req);
        if (!SAFE_METHODS.has(req.method) && !vouched) return next(Errors.csrf());
        req.auth = { user: found.user, via: 'session', csrfToken: found.csrfToken };
      }
    }
    next();
  };
}

export const requireUser: RequestHandler = (req, _res, next) => next(req.auth ? undefined : Errors.unauthorized());

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth) return next(Errors.unauthorized());
    next(roles.includes(req.auth.user.role) ? undefined : Errors.forbidden());
  };
}

/** The signed-in user of a route behind requireUser. */
export function currentUser(req: Express.Request & { auth?: Auth }): User {
  if (!req.auth) throw Errors.unauthorized();
  return req.auth.user;
}
