import path from 'node:path';
import { Queue } from 'bullmq';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { QUEUES } from '@grader/contracts';
import { connectRedis } from '@grader/runtime';
import { fuzzRequests, operationsOf, type Operation } from '../support/http-fuzz/requests';
import type { JsonSchema, Known } from '../support/http-fuzz/schema-arbitrary';
import { describeRequest, exchangeRaw, parseRawAnswer, send, type Credentials, type FuzzAnswer, type FuzzRequest } from '../support/http-fuzz/send';
import { request } from '../support/http';
import { startPipeline, type Pipeline } from '../support/pipeline';

/**
 * Malformed requests against the real API (real Redis, a real SQLite file, no worker), on every
 * route of its OpenAPI document. FUZZ_SEED repeats a run (it is printed), FUZZ_RUNS changes its
 * size; a failure prints fast-check's seed and path and the smallest failing request it found,
 * and FUZZ_SEED with FUZZ_PATH replays that request first. FUZZ_LOG=1 prints every request's status.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const EXERCISE = 'sql-revenue-by-customer';
const BROWSER = { username: 'fuzz-browser', password: 'a password for the fuzzer' };

let pipeline: Pipeline;
let base: URL;
let credentials: Credentials;
let operations: Operation[];
let known: Known;
let resolve: (ref: string) => JsonSchema;

beforeAll(async () => {
  // Fair-use limits high enough that well-formed submissions get through and reach the queue.
  pipeline = await startPipeline({ worker: false, env: { GRADER_SUBMISSIONS_PER_MINUTE: '100000', GRADER_QUEUED_PER_USER: '100000', GRADER_QUEUE_CAPACITY: '100000' } });
  base = new URL(pipeline.url);
  const instructor = await pipeline.createUser('instructor', 'fuzz-teacher');
  const browserUser = await pipeline.admin.request('POST', '/api/users', { ...BROWSER, displayName: 'Browser' });
  if (browserUser.status !== 201) throw new Error('could not set up the browser persona');
  credentials = { tokens: { student: pipeline.student.token, instructor: instructor.token, admin: pipeline.admin.token } };
  await signInBrowser('127.0.0.1');

  // Things that exist, so some requests get past "not found": a submission, a course, a draft.
  const submission = await pipeline.student.submit(EXERCISE, { 'query.sql': 'SELECT 1' });
  const course = await pipeline.admin.request('POST', '/api/courses', { name: 'Fuzzing 101' });
  const pkg = await pipeline.admin.request('GET', `/api/instructor/exercises/${EXERCISE}/package`);
  const draft = await pipeline.admin.request('POST', '/api/instructor/drafts', { files: pkg.body.files });
  const exercises = await pipeline.student.request('GET', '/api/exercises');
  known = {
    ids: [submission.body.id, course.body.id, draft.body.id, instructor.userId].filter((id): id is string => typeof id === 'string'),
    slugs: exercises.body.items.map((e: { slug: string }) => e.slug).sort(),
  };

  const document = (await request(pipeline.url, 'GET', '/openapi.json')).body;
  operations = operationsOf(document);
  resolve = (ref) => document.components.schemas[ref.replace('#/components/schemas/', '')] as JsonSchema;
});
afterAll(async () => {
  await pipeline?.close();
});

/** Opens the browser persona's session (again: a fuzzed DELETE /api/session may have closed it). */
async function signInBrowser(localAddress: string): Promise<void> {
  const body = Buffer.from(JSON.stringify(BROWSER));
  const signIn = { persona: 'anonymous' as const, method: 'POST', path: '/api/session', headers: { 'content-type': 'application/json' }, body, mutations: [] };
  const answer = await send(base, signIn, credentials, localAddress);
  const cookie = [answer.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0];
  if (answer.status !== 201 || !cookie) throw new Error(`could not sign the browser persona in: ${answer.status} ${answer.body}`);
  credentials.session = { cookie, csrfToken: (JSON.parse(answer.body) as { csrfToken: string }).csrfToken };
}

/** What every answer must be: not a 5xx, nosniff, and for a 4xx a problem document whose status is the answer's. */
function expectWellFormed(request: Pick<FuzzRequest, 'method'>, answer: FuzzAnswer, shown: () => string): void {
  const fail = (why: string) => {
    throw new Error(`${why}\n--- request ---\n${shown()}\n--- answer ---\n${answer.status} ${answer.headers['content-type'] ?? ''}\n${answer.body.slice(0, 500)}`);
  };
  if (answer.status >= 500 || answer.status < 100) fail(`answered ${answer.status}`);
  if (answer.headers['x-content-type-options'] !== 'nosniff') fail('no X-Content-Type-Options: nosniff');
  if (answer.status < 400) return;
  if (!/^application\/problem\+json/.test(String(answer.headers['content-type']))) fail('a 4xx that is not problem+json');
  if (request.method === 'HEAD') return; // no body to read
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    return fail('a problem+json body that is not JSON');
  }
  for (const field of ['type', 'title', 'detail', 'code']) if (typeof problem[field] !== 'string') fail(`the problem has no string "${field}"`);
  if (problem.status !== answer.status) fail(`the problem's status ${String(problem.status)} is not the answer's`);
}

describe('answers that hold a secret', () => {
  it('are never stored by a cache: a new user’s token, a session’s CSRF token, the webhook secret, join codes', async () => {
    const password = 'another password, long enough';
    const answers = [
      await pipeline.admin.request('POST', '/api/users', { username: 'secret-holder', displayName: 'S', password }),
      await request(pipeline.url, 'POST', '/api/session', { username: 'secret-holder', password }),
      await request(pipeline.url, 'GET', '/api/session', undefined, { cookie: credentials.session!.cookie }),
      await pipeline.student.request('GET', '/api/me'),
      await pipeline.admin.request('POST', '/api/courses', { name: 'Secrets 101' }),
      await pipeline.admin.request('GET', '/api/courses'),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(300);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('joining a course with a username that is taken', () => {
  const join = (joinCode: string, username: string) =>
    request(pipeline.url, 'POST', '/api/join', { joinCode, username, displayName: 'J', password: 'a long enough password' });

  it('gets the same answer as a free username when the join code is wrong, so the code is checked first', async () => {
    const taken = await join('WRONGCODE1', 'student-main');
    const free = await join('WRONGCODE1', 'nobody-has-this-name');
    expect(taken.status).toBe(400);
    expect({ ...taken.body, instance: undefined }).toEqual({ ...free.body, instance: undefined });
  });

  it('is told the username is taken only with a valid join code', async () => {
    const course = await pipeline.admin.request('POST', '/api/courses', { name: 'Joining 101' });
    const taken = await join(course.body.joinCode, 'student-main');
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('username_taken');
  });
});

describe('the API under malformed requests', () => {
  it('documents a fuzzable set of routes', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(operations.filter((op) => op.jsonBody).length).toBeGreaterThanOrEqual(6);
  });

  it(`answers ${RUNS} requests built from the mutation catalogue with no 5xx, and every 4xx as problem+json`, async () => {
    console.log(`http-fuzz: seed ${SEED}, ${RUNS} requests (FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} to repeat)`);
    let sent = 0;
    const started = Date.now();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fuzzRequests(operations, known, resolve), async (fuzzed) => {
        // A source address of its own per request, round-robin over 127.0.0.2–127.0.0.251.
        const from = `127.0.0.${2 + (sent++ % 250)}`;
        const answer = await send(base, fuzzed, credentials, from);
        if (fuzzed.persona === 'browser' && fuzzed.method === 'DELETE' && fuzzed.path.startsWith('/api/session') && answer.status === 204) await signInBrowser(from);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (process.env.FUZZ_LOG) console.log(answer.status, fuzzed.method, fuzzed.path.slice(0, 80), fuzzed.mutations.join(', '));
        expectWellFormed(fuzzed, answer, () => describeRequest(fuzzed, credentials));
      }),
      { seed: SEED, numRuns: RUNS, ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) },
    );
    const tally = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
    console.log(`http-fuzz: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s: ${tally}`);
  }, 600_000); // a bound for a busy machine, not an expectation: 3000 requests take 15–45 s on two shared cores

  // What Node's parser refuses before Express sees it, written on raw sockets.
  const ok = 'GET /api/exercises HTTP/1.1\r\nHost: x\r\n';
  it.each([
    ['a NUL in a header value', `${ok}X-A: a\0b\r\n\r\n`, 400],
    ['a bare CR in a header value', `${ok}X-A: a\rb\r\n\r\n`, 400],
    ['a header name with a space', `${ok}Bad Name: 1\r\n\r\n`, 400],
    ['20 KB of headers', `${ok}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['an unknown method', 'FROBNICATE /api/exercises HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['a space in the path', 'GET /api/exercises/a b HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['a control character in the path', 'GET /api/\x01 HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['HTTP/2 spoken to an HTTP/1.1 server', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400],
    ['a body with both Content-Length and chunked', `POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400],
    ['a chunk size that is not hexadecimal', `POST /api/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`, 400],
    ['no Host header', 'GET /api/exercises HTTP/1.1\r\n\r\n', 400],
  ])('answers %s with problem+json', async (_name, bytes, status) => {
    const answer = parseRawAnswer(await exchangeRaw(base, bytes));
    expect(answer.status).toBe(status);
    expectWellFormed({ method: 'GET' }, answer, () => JSON.stringify(bytes.slice(0, 200)));
  });

  it('answers a body cut short by a closed connection without a 5xx and keeps serving', async () => {
    // The client promises 100 bytes, sends 10 and half-closes: the server sees the request aborted.
    const cut = await exchangeRaw(base, `POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"exercis`);
    expect(cut === '' || parseRawAnswer(cut).status < 500).toBe(true);
    expect((await pipeline.student.request('GET', '/api/exercises')).status).toBe(200);
  });

  it('leaves no submission without its job, and no job without its submission', async () => {
    const db = new Database(path.join(pipeline.config.dataDir, 'grader.sqlite'), { readonly: true, fileMustExist: true });
    const submissions = new Set((db.prepare('SELECT id FROM submissions').all() as Array<{ id: string }>).map((r) => r.id));
    const trialRuns = new Set((db.prepare('SELECT id FROM trial_runs').all() as Array<{ id: string }>).map((r) => r.id));
    db.close();
    const redis = connectRedis(pipeline.config.redisUrl);
    const queue = new Queue(QUEUES.grade, { connection: redis, prefix: pipeline.config.queuePrefix });
    try {
      const jobs = (await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed', 'waiting-children'])).map((job) => job.id!);
      // A regrade's job is named after its batch and its submission; a live one after the submission.
      const submissionOf = (jobId: string) => /^regrade-[0-9a-f-]{36}-([0-9a-f-]{36})$/.exec(jobId)?.[1] ?? jobId;
      expect(submissions.size).toBeGreaterThanOrEqual(1); // at least the one made in beforeAll
      expect([...submissions].filter((id) => !jobs.includes(id))).toEqual([]);
      // A trial run's job (trial-<id>) has its row; its job is removed once done, its row keeps the result.
      const [trialJobs, gradeJobs] = [jobs.filter((id) => id.startsWith('trial-')), jobs.filter((id) => !id.startsWith('trial-'))];
      expect(trialJobs.filter((id) => !trialRuns.has(id.slice('trial-'.length)))).toEqual([]);
      expect(gradeJobs.filter((id) => !submissions.has(submissionOf(id)))).toEqual([]);
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });
});
