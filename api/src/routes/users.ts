import { ACCOUNT_ROUTES } from '@grader/contracts';
import { currentUser } from '../auth/authenticate';
import { mayCreate } from '../auth/roles';
import { hashPassword } from '../auth/secrets';
import { Errors } from '../http/app-error';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import { userView } from '../presenters/user-view';
import type { CourseStore } from '../store/course-store';
import type { UserStore } from '../store/user-store';

type UserHandlers = Pick<TableHandlers<typeof ACCOUNT_ROUTES>, 'createUser' | 'listUsers' | 'me'>;

export function userHandlers(deps: { users: UserStore; courses: CourseStore }): UserHandlers {
  const { createUser, listUsers, me } = ACCOUNT_ROUTES;
  return {
    /** Staff create accounts; the new user's API token is in this answer and nowhere else. */
    createUser: serve(createUser, async ({ body }, req, res) => {
      const creator = currentUser(req);
      if (!mayCreate(creator.role, body.role)) throw Errors.forbidden();
      if (deps.users.usernameTaken(body.username)) throw Errors.usernameTaken(body.username);
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
      res.location(`/api/users/${user.id}`);
      respond(res, createUser, 201, { user: userView(user), token });
    }),

    listUsers: serve(listUsers, (_input, _req, res) => respond(res, listUsers, 200, { items: deps.users.list().map(userView) })),

    /** Who am I, and the secret that signs my webhooks. */
    me: serve(me, (_input, req, res) => {
      const user = currentUser(req);
      respond(res, me, 200, { user: userView(user), webhookSecret: user.webhookSecret });
    }),
  };
}
