import { Router } from 'express';
import { currentUser, requireRole, requireUser } from '../auth/authenticate';
import { mayCreate } from '../auth/roles';
import { hashPassword } from '../auth/secrets';
import { Errors } from '../http/app-error';
import { parseBody } from '../http/parse';
import { userView } from '../presenters/user-view';
import type { CourseStore } from '../store/course-store';
import type { UserStore } from '../store/user-store';
import { CreateUserBody } from '@grader/contracts';

export function userRoutes(deps: { users: UserStore; courses: CourseStore }): Router {
  const router = Router();

  /** Staff create accounts; the new user's API token is in this answer and nowhere else. */
  router.post('/users', requireRole('instructor', 'admin'), async (req, res) => {
    const creator = currentUser(req);
    const body = parseBody(req, CreateUserBody);
    if (!mayCreate(creator.role, body.role)) throw Errors.forbidden();
    if (deps.users.usernameTaken(body.username)) {
      throw Errors.conflict('username_taken', `The username "${body.username}" is taken.`, [{ path: 'username', message: 'already taken' }]);
    }
    if (body.courseId && !deps.courses.get(body.courseId)) throw Errors.notFound(`Course "${body.courseId}"`);
    const user = deps.users.create({
      username: body.username,
      displayName: body.displayName,
      role: body.role,
      passwordHash: body.password ? await hashPassword(body.password) : undefined,
      createdBy: creator.id,
    });
    if (body.courseId) deps.courses.addMember(body.courseId, user.id);
    const token = deps.users.issueToken(user.id, `created by ${creator.username}`);
    res.status(201).location(`/api/users/${user.id}`).json({ user: userView(user), token });
  });

  router.get('/users', requireRole('instructor', 'admin'), (_req, res) => {
    res.json({ items: deps.users.list().map(userView) });
  });

  /** Who am I, and the secret that signs my webhooks. */
  router.get('/me', requireUser, (req, res) => {
    const user = currentUser(req);
    res.json({ user: userView(user), webhookSecret: user.webhookSecret });
  });

  return router;
}
