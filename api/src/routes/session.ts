import { rateLimit } from 'express-rate-limit';
import { ACCOUNT_ROUTES, LIMITS } from '@grader/contracts';
import { currentUser, SESSION_COOKIE, sessionCookieOf, sessionCookieOptions } from '../auth/authenticate';
import { hashPassword, verifyPassword } from '../auth/secrets';
import { Errors } from '../http/app-error';
import { tooManyRequests } from '../http/rate-limits';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import { userView } from '../presenters/user-view';
import type { CourseStore } from '../store/course-store';
import type { UserStore } from '../store/user-store';


/** Compared against when the username does not exist, so both paths take the same time. */
let decoyHash: Promise<string> | undefined;

type SessionHandlers = Pick<TableHandlers<typeof ACCOUNT_ROUTES>, 'signIn' | 'session' | 'signOut' | 'join'>;

export function sessionHandlers(deps: { users: UserStore; courses: CourseStore; secureCookies: boolean }): SessionHandlers {
  const cookie = sessionCookieOptions(deps.secureCookies);
  // Password guessing is slow by design: a few tries a minute per address.
  const guarded = rateLimit({ windowMs: 60_000, limit: 10, standardHeaders: 'draft-8', legacyHeaders: false, handler: tooManyRequests });
  const { signIn, session, signOut, join } = ACCOUNT_ROUTES;

  return {
    signIn: serve(
      signIn,
      async ({ body }, _req, res) => {
        const found = deps.users.findForSignIn(body.username);
        decoyHash ??= hashPassword('decoy password for unknown users');
        const matches = await verifyPassword(body.password, found?.passwordHash ?? (await decoyHash));
        if (!found?.passwordHash || !matches) throw Errors.badCredentials();
        const opened = deps.users.openSession(found.user.id, LIMITS.http.sessionMs);
        res.cookie(SESSION_COOKIE, opened.session, { ...cookie, expires: opened.expiresAt });
        respond(res, signIn, 201, { user: userView(found.user), csrfToken: opened.csrfToken });
      },
      [guarded],
    ),

    session: serve(session, (_input, req, res) => {
      respond(res, session, 200, { user: userView(currentUser(req)), csrfToken: req.auth?.csrfToken ?? null });
    }),

    signOut: serve(signOut, (_input, req, res) => {
      const id = sessionCookieOf(req);
      if (id) deps.users.closeSession(id);
      res.clearCookie(SESSION_COOKIE, cookie);
      res.status(204).end();
    }),

    /** A student creates their own account with a course's join code. */
    join: serve(
      join,
      async ({ body }, _req, res) => {
        const course = deps.courses.findByJoinCode(body.joinCode);
        if (!course) throw Errors.validation([{ path: 'joinCode', message: 'no course has this join code' }], 'Unknown join code.');
        if (deps.users.usernameTaken(body.username)) throw Errors.usernameTaken(body.username);
        const user = deps.users.create({ username: body.username, displayName: body.displayName, role: 'student', passwordHash: await hashPassword(body.password) });
        deps.courses.addMember(course.id, user.id);
        const token = deps.users.issueToken(user.id, `joined ${course.name}`);
        res.location(`/api/users/${user.id}`);
        respond(res, join, 201, { user: userView(user), token, course: { id: course.id, name: course.name } });
      },
      [guarded],
    ),
  };
}
