import fs from 'node:fs';
import path from 'node:path';
import { ApiClient, request } from '../support/http';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

const EXERCISE = 'sql-products-never-ordered';
const REFERENCE = fs.readFileSync(path.join(REPO_ROOT, 'exercises', EXERCISE, 'solution/query.sql'), 'utf8');

let pipeline: Pipeline;
beforeAll(async () => {
  // No worker: these tests are about who may do what, and submissions stay queued.
  pipeline = await startPipeline({ worker: false, env: { GRADER_QUEUED_PER_USER: '50' } });
});
afterAll(async () => {
  await pipeline?.close();
});

describe('first start', () => {
  it('creates an admin whose token is in a file only this OS user can read', () => {
    const file = path.join(pipeline.config.dataDir, 'admin-token');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^gr_tok_[A-Za-z0-9_-]{43}\n$/);
  });
});

describe('each role on each route', () => {
  let instructor: ApiClient;
  beforeAll(async () => {
    instructor = await pipeline.createUser('instructor', 'teacher');
  });

  // Every row has three entries: jest takes a test function with more parameters than the row as asking for `done`.
  const routes: Array<[string, string, unknown]> = [
    ['GET', '/api/exercises', undefined],
    ['GET', `/api/exercises/${EXERCISE}`, undefined],
    ['GET', '/api/submissions', undefined],
    ['POST', '/api/submissions', { exercise: EXERCISE, files: { 'query.sql': 'SELECT 1' } }],
    ['GET', '/api/me', undefined],
    ['GET', '/api/users', undefined],
    ['POST', '/api/users', { username: 'new-student', displayName: 'New' }],
    ['GET', '/api/courses', undefined],
    ['POST', '/api/courses', { name: 'Backend 101' }],
  ];

  it.each(routes)('anonymous %s %s → 401', async (method, route, body) => {
    expectProblem(await pipeline.anonymous.request(method, route, body), 401, 'unauthorized');
  });

  it.each(routes)('a wrong token on %s %s → 401', async (method, route, body) => {
    expectProblem(await new ApiClient(pipeline.url, 'gr_tok_forged').request(method, route, body), 401, 'unauthorized');
  });

  const staffOnly = routes.filter(([, route]) => route === '/api/users' || route === '/api/courses');
  it.each(staffOnly)('a student on %s %s → 403', async (method, route, body) => {
    expectProblem(await pipeline.student.request(method, route, body), 403, 'forbidden');
  });

  const open = routes.filter((r) => !staffOnly.includes(r));
  it.each(open)('a student on %s %s → 2xx', async (method, route, body) => {
    const { status } = await pipeline.student.request(method, route, body);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(300);
  });

  it.each(routes)('an instructor on %s %s → 2xx', async (method, route, body) => {
    const payload = route === '/api/users' && method === 'POST' ? { username: `by-instructor-${Date.now()}`, displayName: 'S' } : body;
    const { status } = await instructor.request(method, route, payload);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(300);
  });

  it('lets an instructor create students only, and an admin any role', async () => {
    expectProblem(await instructor.request('POST', '/api/users', { username: 'wannabe', displayName: 'W', role: 'instructor' }), 403, 'forbidden');
    expectProblem(await instructor.request('POST', '/api/users', { username: 'wannabe2', displayName: 'W', role: 'admin' }), 403, 'forbidden');
    const created = await pipeline.admin.request('POST', '/api/users', { username: 'second-teacher', displayName: 'T', role: 'instructor' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^gr_tok_/);
    expect(created.body.user).toEqual({ id: expect.any(String), username: 'second-teacher', displayName: 'T', role: 'instructor', createdAt: expect.any(String) });
  });

  it('refuses a username that is taken, whatever its case', async () => {
    expectProblem(await pipeline.admin.request('POST', '/api/users', { username: 'STUDENT-MAIN', displayName: 'x' }), 409, 'username_taken');
  });

  it('shows a user their webhook secret, and never in lists', async () => {
    const me = await pipeline.student.request('GET', '/api/me');
    expect(me.body.webhookSecret).toMatch(/^gr_whs_/);
    const list = await pipeline.admin.request('GET', '/api/users');
    expect(JSON.stringify(list.body)).not.toContain('gr_whs_');
  });
});

describe('privacy of submissions', () => {
  it('answers 404 to a student reading another student’s submission, and shows it to staff', async () => {
    const other = await pipeline.createUser('student', 'other-student');
    const created = await other.submit(EXERCISE, { 'query.sql': REFERENCE });
    expect(created.status).toBe(202);
    expectProblem(await pipeline.student.request('GET', `/api/submissions/${created.body.id}`), 404, 'not_found');
    expect((await other.request('GET', `/api/submissions/${created.body.id}`)).status).toBe(200);
    expect((await pipeline.admin.request('GET', `/api/submissions/${created.body.id}`)).status).toBe(200);
    const mine = await pipeline.student.request('GET', '/api/submissions?limit=100');
    expect(mine.body.items.map((s: { id: string }) => s.id)).not.toContain(created.body.id);
  });

  it('lists my submissions newest first, filtered, one cursor page at a time', async () => {
    const lister = await pipeline.createUser('student', 'lister');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await lister.submit(EXERCISE, { 'query.sql': `SELECT ${i}` })).body.id);
    const first = await lister.request('GET', '/api/submissions?limit=2');
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([ids[4], ids[3]]);
    const second = await lister.request('GET', `/api/submissions?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const third = await lister.request('GET', `/api/submissions?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((s: { id: string }) => s.id)).toEqual([ids[0]]);
    expect(third.body.nextCursor).toBeNull();
    const filtered = await lister.request('GET', `/api/submissions?status=graded`);
    expect(filtered.body.items).toEqual([]);
    expectProblem(await lister.request('GET', '/api/submissions?cursor=forged'), 400, 'validation_failed');
    expectProblem(await lister.request('GET', '/api/submissions?limit=1000'), 400, 'validation_failed');
  });
});

describe('idempotent retries', () => {
  it('creates one submission for two requests with the same Idempotency-Key', async () => {
    const client = await pipeline.createUser('student', 'retrier');
    const headers = { 'idempotency-key': 'attempt-42' };
    const first = await client.submit(EXERCISE, { 'query.sql': REFERENCE }, headers);
    const again = await client.submit(EXERCISE, { 'query.sql': REFERENCE }, headers);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await client.request('GET', '/api/submissions')).body.items).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const client = await pipeline.createUser('student', 'reuser');
    await client.submit(EXERCISE, { 'query.sql': 'SELECT 1' }, { 'idempotency-key': 'k1' });
    expectProblem(await client.submit(EXERCISE, { 'query.sql': 'SELECT 2' }, { 'idempotency-key': 'k1' }), 422, 'idempotency_key_reused');
  });

  it('keeps keys per user: the same key from two users makes two submissions', async () => {
    const a = await pipeline.createUser('student', 'key-a');
    const b = await pipeline.createUser('student', 'key-b');
    const ra = await a.submit(EXERCISE, { 'query.sql': 'SELECT 1' }, { 'idempotency-key': 'shared' });
    const rb = await b.submit(EXERCISE, { 'query.sql': 'SELECT 1' }, { 'idempotency-key': 'shared' });
    expect(ra.body.id).not.toBe(rb.body.id);
  });
});

describe('browser sessions', () => {
  async function signIn(username: string, password: string) {
    return request(pipeline.url, 'POST', '/api/session', { username, password });
  }

  it('signs in with a password, uses the cookie with the CSRF header, and signs out', async () => {
    const created = await pipeline.admin.request('POST', '/api/users', { username: 'browser-user', displayName: 'B', password: 'correct horse battery' });
    expect(created.status).toBe(201);
    expectProblem(await signIn('browser-user', 'wrong password!'), 401, 'bad_credentials');
    expectProblem(await signIn('nobody-at-all', 'wrong password!'), 401, 'bad_credentials');

    const session = await signIn('browser-user', 'correct horse battery');
    expect(session.status).toBe(201);
    const setCookie = session.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/grader_session=gr_ses_/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    const csrf = session.body.csrfToken as string;

    expect((await request(pipeline.url, 'GET', '/api/me', undefined, { cookie })).status).toBe(200);
    const body = { exercise: EXERCISE, files: { 'query.sql': REFERENCE } };
    expectProblem(await request(pipeline.url, 'POST', '/api/submissions', body, { cookie }), 403, 'csrf_token_invalid');
    expectProblem(await request(pipeline.url, 'POST', '/api/submissions', body, { cookie, 'x-csrf-token': 'gr_csrf_forged' }), 403, 'csrf_token_invalid');
    expect((await request(pipeline.url, 'POST', '/api/submissions', body, { cookie, 'x-csrf-token': csrf })).status).toBe(202);

    expect((await request(pipeline.url, 'DELETE', '/api/session', undefined, { cookie, 'x-csrf-token': csrf })).status).toBe(204);
    expectProblem(await request(pipeline.url, 'GET', '/api/me', undefined, { cookie }), 401, 'unauthorized');
  });
});

describe('joining a course', () => {
  it('lets a student create an account with the course’s join code', async () => {
    const course = await pipeline.admin.request('POST', '/api/courses', { name: 'Backend 101' });
    expect(course.body.joinCode).toMatch(/^[A-Z2-9]{10}$/);
    const joined = await request(pipeline.url, 'POST', '/api/join', {
      joinCode: course.body.joinCode.toLowerCase(),
      username: 'joiner',
      displayName: 'Joiner',
      password: 'a long enough password',
    });
    expect(joined.status).toBe(201);
    expect(joined.body.user.role).toBe('student');
    expect((await new ApiClient(pipeline.url, joined.body.token).request('GET', '/api/me')).body.user.username).toBe('joiner');
    expectProblem(
      await request(pipeline.url, 'POST', '/api/join', { joinCode: 'NOPE-NOPE', username: 'x-joiner', displayName: 'X', password: 'a long enough password' }),
      400,
      'validation_failed',
    );
  });
});
