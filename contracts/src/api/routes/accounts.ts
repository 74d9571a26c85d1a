import { defineRoute } from '../route';
import { CreateUserBody, JoinBody, SignInBody } from '../account-requests';
import { items, Joined, Me, SessionInfo, SessionOpened, UserCreated, UserView } from '../documents';
import { located } from './shared';

/** Sessions, accounts and who is signed in. */
export const ACCOUNT_ROUTES = {
  signIn: defineRoute({
    method: 'post',
    path: '/api/session',
    access: 'public',
    tags: ['accounts'],
    summary: 'Sign in with a password (browser session)',
    description: 'Sets the HttpOnly session cookie and answers the CSRF token to send with every change. Ten tries a minute per address.',
    body: SignInBody,
    responses: { 201: { description: 'Signed in.', schema: SessionOpened } },
    errors: ['bad_credentials', 'rate_limited'],
  }),
  session: defineRoute({
    method: 'get',
    path: '/api/session',
    access: 'signed-in',
    tags: ['accounts'],
    summary: 'Who is signed in, and the session’s CSRF token',
    responses: { 200: { description: 'The signed-in user.', schema: SessionInfo } },
  }),
  signOut: defineRoute({
    method: 'delete',
    path: '/api/session',
    access: 'public',
    tags: ['accounts'],
    summary: 'Sign out',
    responses: { 204: { description: 'Signed out (also when there was no session).' } },
    errors: ['csrf_token_invalid'],
  }),
  join: defineRoute({
    method: 'post',
    path: '/api/join',
    access: 'public',
    tags: ['accounts'],
    summary: 'Create a student account with a course’s join code',
    body: JoinBody,
    responses: { 201: { description: 'The new account, its API token and the course.', schema: Joined, headers: located } },
    errors: ['username_taken', 'rate_limited'],
    errorNotes: { validation_failed: 'the body does not have the expected shape, or no course has this join code; `errors` names each field' },
  }),
  createUser: defineRoute({
    method: 'post',
    path: '/api/users',
    access: 'staff',
    tags: ['accounts'],
    summary: 'Create an account (staff): instructors create students, admins anyone',
    body: CreateUserBody,
    responses: { 201: { description: 'The account and its API token (shown once).', schema: UserCreated, headers: located } },
    errors: ['not_found', 'username_taken'],
    errorNotes: { not_found: 'no such course', forbidden: 'your role may not do this, or may not create an account of this role' },
  }),
  listUsers: defineRoute({
    method: 'get',
    path: '/api/users',
    access: 'staff',
    tags: ['accounts'],
    summary: 'List accounts (staff)',
    responses: { 200: { description: 'Every account, by username.', schema: items(UserView) } },
  }),
  me: defineRoute({
    method: 'get',
    path: '/api/me',
    access: 'signed-in',
    tags: ['accounts'],
    summary: 'Who am I, and my webhook secret',
    responses: { 200: { description: 'You.', schema: Me } },
  }),
} as const;
