import express from 'express';
import request from 'supertest';
import { plainCookies } from '../http/cookies';
import type { UserStore } from '../store/user-store';
import { authenticate } from './authenticate';

const SESSION = `gr_ses_${'A'.repeat(43)}`;

/** The app in front of a user store that only records which session ids it was asked about. */
function appWith() {
  const asked: unknown[] = [];
  const users = {
    userForToken: () => undefined,
    findSession: (session: unknown) => {
      asked.push(session);
      return session === SESSION ? { user: { id: 'u1', role: 'student' }, csrfToken: 'gr_csrf_x' } : undefined;
    },
  } as unknown as UserStore;
  const app = express();
  app.use(plainCookies);
  app.use(authenticate(users));
  app.get('/who', (req, res) => void res.json({ user: req.auth?.user.id ?? null, cookies: req.cookies }));
  return { app, asked };
}

describe('the session cookie', () => {
  it('signs in with a session id of the shape the server gives out', async () => {
    const { app } = appWith();
    expect((await request(app).get('/who').set('cookie', `grader_session=${SESSION}`)).body.user).toBe('u1');
  });

  it.each([
    ['JSON (j:{...}), which stays a string', 'grader_session=j:{"a":1}'],
    ['a value of another shape', 'grader_session=hello'],
    ['a percent-encoding that does not decode', 'grader_session=%ZZ'],
    ['a very long value', `grader_session=gr_ses_${'A'.repeat(8000)}`],
  ])('treats a session cookie holding %s as no session, without looking it up', async (_name, cookie) => {
    const { app, asked } = appWith();
    const res = await request(app).get('/who').set('cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.body.user).toBeNull();
    expect(asked).toEqual([]);
  });

  it('keeps every cookie a plain string, and the first of a repeated name', async () => {
    const { app } = appWith();
    const res = await request(app).get('/who').set('cookie', `a=j:{"b":1}; grader_session=${SESSION}; grader_session=other`);
    expect(res.body).toEqual({ user: 'u1', cookies: { a: 'j:{"b":1}', grader_session: SESSION } });
  });
});
