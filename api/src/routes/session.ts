import { Router, type CookieOptions } from 'express';
import { rateLimit } from 'express-rate-limit';
import { currentUser, requireUser, SESSION_COOKIE, sessionCookieOf } from '../auth/authenticate';
import { hashPassword, verifyPassword } from '../auth/secrets';
import { Errors } from '../http/app-error';
import { parseBody } from '../http/parse';
import { userView } from '../presenters/user-view';
import type { CourseStore } from '../store/course-store';
import type { UserStore } from '../store/user-store';
import { JoinBody, SignInBody } from '@grader/contracts';
import { tooManyRequests } from '../http/rate-limits';
import { LIMITS } from '@grader/contracts';

/** Compared against when the username does not exist, so both paths take the same time. */
let decoyHash: Promise<string> | undefined;

export function sessionRoutes(deps: { users: UserStore; courses: CourseStore; secureCookies: boolean }): Router {
  const router = Router();
  const cookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: '/' };
  // Password guessing is slow by design: a few tries a minute per address.
  const guarded = rateLimit({ windowMs: 60_000, limit: 10, standardHeaders: 'draft-8', legacyHeaders: false, handler: tooManyRequests });

  router.post('/session', guarded, async (req, res) => {
    const body = parseBody(req, SignInBody);
    const found = deps.users.findForSignIn(body.username);
    decoyHash ??= hashPassword('decoy password for unknown users');
    const matches = await verifyPassword(body.password, found?.passwordHash ?? (await decoyHash));
    if (!found?.passwordHash || !matches) throw Errors.badCredentials();
    const { session, csrfToken, expiresAt } = deps.users.openSession(found.user.id, LIMITS.http.sessionMs);
    res.cookie(SESSION_COOKIE, session, { ...cookie, expires: expiresAt });
    res.status(201).json({ user: userView(found.user), csrfToken });
  });

  router.get('/session', requireUser, (req, res) => {
    res.json({ user: userView(currentUser(req)), csrfToken: req.auth?.csrfToken ?? null });
  });

  router.delete('/session', (req, res) => {
    const session = sessionCookieOf(req);
    if (session) deps.users.closeSession(session);
    res.clearCookie(SESSION_COOKIE, cookie);
    res.status(204).end();
  });

  /** A student creates their own account with a course's join code. */
  router.post('/join', guarded, async (req, res) => {
    const body = parseBody(req, JoinBody);
    const course = deps.courses.findByJoinCode(body.joinCode);
    if (!course) throw Errors.validation([{ path: 'joinCode', message: 'no course has this join code' }], 'Unknown join code.');
    if (deps.users.usernameTaken(body.username)) {
      throw Errors.conflict('username_taken', `The username "${body.username}" is taken.`, [{ path: 'username', message: 'already taken' }]);
    }
    const user = deps.users.create({ username: body.username, displayName: body.displayName, role: 'student', passwordHash: await hashPassword(body.password) });
    deps.courses.addMember(course.id, user.id);
    const token = deps.users.issueToken(user.id, `joined ${course.name}`);
    res.status(201).location(`/api/users/${user.id}`).json({ user: userView(user), token, course: { id: course.id, name: course.name } });
  });

  return router;
}
