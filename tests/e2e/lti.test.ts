import { catalogueAnswers } from '../support/exercise-package';
import { ApiClient } from '../support/http';
import { parseAutoPostForm, ROLES, startRegisteredPlatform, type LaunchOptions, type LtiPlatform } from '../support/lti-platform';
import { LtiUserAgent } from '../support/lti-user-agent';
import { startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';
import { until } from '../support/wait';

/**
 * LTI 1.3 end to end: a simulated platform (tests/support/lti-platform.ts, its own keys, JWKS,
 * OIDC and token endpoints, line items) and the real grader (API, worker, Docker). An admin
 * registers the platform; an instructor deep-links an assignment's exercise; learners launch it,
 * are signed in, submit, and their counted grade reaches the platform's line item. Each security
 * check of the launch is refused when it fails.
 */
const EXERCISE = 'sql-revenue-by-customer';
const { solution: SOLUTION, wrong: WRONG, maxScore: MAX } = catalogueAnswers(EXERCISE);
const DAY = 24 * 3600_000;

let pipeline: Pipeline;
let platform: LtiPlatform;
let instructor: ApiClient;
let assignmentId: string;
/** The custom parameters deep linking put on the resource link. */
let linkCustom: Record<string, string>;

const context = { id: 'course-42', title: 'Databases (platform)' };
const teacher = { sub: 'teacher-1', name: 'Tess Teacher', roles: [ROLES.instructor] };
const learner = (sub: string) => ({ sub, name: `Learner ${sub}`, roles: [ROLES.learner] });

function linkLaunch(user: LaunchOptions['user'], extra: Partial<LaunchOptions> = {}): LaunchOptions {
  return { user, context, resourceLink: { id: 'link-1', title: 'Revenue by customer' }, targetLinkUri: `${pipeline.url}/lti/launch`, custom: linkCustom, ...extra };
}

async function expectRefused(response: Response, detail: RegExp): Promise<void> {
  const body = (await response.json()) as { code: string; detail: string };
  expect({ status: response.status, code: body.code }).toEqual({ status: 401, code: 'lti_launch_refused' });
  expect(body.detail).toMatch(detail);
  expect(response.headers.getSetCookie().some((c) => c.startsWith('grader_session='))).toBe(false);
}

beforeAll(async () => {
  // A score the platform could not take is sent again after 0.2 s, not 30.
  pipeline = await startPipeline({ env: { GRADER_LTI_BACKOFF_MS: '200' } });
  platform = await startRegisteredPlatform(pipeline);
  instructor = await pipeline.createUser('instructor', 'lti-course-owner');
  const course = await instructor.request('POST', '/api/courses', { name: 'Databases' });
  const assignment = await instructor.request('POST', `/api/courses/${course.body.id}/assignments`, {
    title: 'Week 3',
    exercises: [EXERCISE],
    opensAt: new Date(Date.now() - DAY).toISOString(),
    dueAt: new Date(Date.now() + 7 * DAY).toISOString(),
  });
  expect(assignment.status).toBe(201);
  assignmentId = assignment.body.id;
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await pipeline?.close();
});

describe('registering a platform', () => {
  it('is for admins only, refuses a second registration of the same client and plain HTTP off loopback, and lists the addresses to give the platform', async () => {
    const body = { name: 'Other', issuer: 'https://lms.example.edu', clientId: 'abc', deploymentIds: ['1'], authLoginUrl: 'https://lms.example.edu/auth', authTokenUrl: 'https://lms.example.edu/token', jwksUrl: 'https://lms.example.edu/jwks' };
    const student = await pipeline.createUser('student');
    expectProblem(await pipeline.anonymous.request('POST', '/api/admin/lti/platforms', body), 401, 'unauthorized');
    expectProblem(await student.request('POST', '/api/admin/lti/platforms', body), 403, 'forbidden');
    expectProblem(await instructor.request('POST', '/api/admin/lti/platforms', body), 403, 'forbidden');
    expectProblem(await instructor.request('GET', '/api/admin/lti/platforms'), 403, 'forbidden');
    expect((await pipeline.admin.request('POST', '/api/admin/lti/platforms', body)).status).toBe(201);
    expectProblem(await pipeline.admin.request('POST', '/api/admin/lti/platforms', body), 409, 'lti_platform_exists');
    const insecure = await pipeline.admin.request('POST', '/api/admin/lti/platforms', { ...body, clientId: 'def', jwksUrl: 'http://lms.example.edu/jwks' });
    expectProblem(insecure, 400, 'validation_failed');
    expect(insecure.body.errors).toEqual([expect.objectContaining({ path: 'jwksUrl' })]);

    const listed = await pipeline.admin.request('GET', '/api/admin/lti/platforms');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { issuer: string }) => p.issuer)).toEqual([platform.issuer, 'https://lms.example.edu']);
    expect(listed.body.tool).toEqual({
      loginUrl: `${pipeline.url}/lti/login`,
      launchUrl: `${pipeline.url}/lti/launch`,
      deepLinkingUrl: `${pipeline.url}/lti/launch`,
      jwksUrl: `${pipeline.url}/lti/jwks`,
      scopes: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
    });
  });

  it('publishes the grader’s public key only', async () => {
    const jwks = (await (await fetch(`${pipeline.url}/lti/jwks`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwks.keys[0]).not.toHaveProperty(secret);
  });
});

describe('deep linking', () => {
  it('shows an instructor the assignments and exercises, and sends the chosen one back signed, with a line item', async () => {
    const agent = new LtiUserAgent(pipeline.url);
    const page = await agent.launch(platform, { user: teacher, context, messageType: 'LtiDeepLinkingRequest', targetLinkUri: `${pipeline.url}/lti/launch` });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Assignment: Week 3');
    const choice = /name="choice" value="([^"]+)"/.exec(html)![1]!;

    const answer = await agent.post(`${pipeline.url}/lti/deep-link`, { choice, item: `assignment:${assignmentId}:${EXERCISE}` });
    expect(answer.status).toBe(200);
    const form = parseAutoPostForm(await answer.text());
    expect(form.action).toBe(`${platform.url}/deep-link-return`);
    const returned = await fetch(form.action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form.fields).toString() });
    expect(returned.status).toBe(200);

    const [received] = platform.deepLinkResponses;
    const [item] = received!.contentItems as Array<Record<string, any>>;
    expect(item).toMatchObject({ type: 'ltiResourceLink', url: `${pipeline.url}/lti/launch`, custom: { exercise: EXERCISE, assignment: assignmentId }, lineItem: { scoreMaximum: MAX } });
    linkCustom = item!.custom;

    // The same page cannot be used twice.
    const again = await agent.post(`${pipeline.url}/lti/deep-link`, { choice, item: `exercise:${EXERCISE}` });
    await expectRefused(again, /expired or was used/);
  });

  it('is refused to a learner', async () => {
    const agent = new LtiUserAgent(pipeline.url);
    const refused = await agent.launch(platform, { user: learner('curious'), context, messageType: 'LtiDeepLinkingRequest', targetLinkUri: `${pipeline.url}/lti/launch` });
    await expectRefused(refused, /instructors/);
  });
});

describe('a learner’s launch', () => {
  it('signs them in on the assignment’s exercise, and their counted grade reaches the platform’s line item', async () => {
    const agent = new LtiUserAgent(pipeline.url);
    const launched = await agent.launch(platform, linkLaunch(learner('ada')));
    expect(launched.status).toBe(303);
    expect(launched.headers.get('location')).toBe(`/exercises/${EXERCISE}?assignment=${assignmentId}`);
    const me = await agent.api('GET', '/api/session');
    expect(me.body.user).toMatchObject({ displayName: 'Learner ada', role: 'student' });

    // A wrong answer first, then the reference: the platform ends with the best.
    for (const files of [WRONG, SOLUTION]) {
      const accepted = await agent.api('POST', '/api/submissions', { exercise: EXERCISE, files, assignment: assignmentId });
      expect(accepted.status).toBe(202);
      await until(async () => !['queued', 'running'].includes((await agent.api('GET', `/api/submissions/${accepted.body.id}`)).body.status), 90_000, 'graded');
    }
    const final = await platform.waitForScore((s) => s.body.userId === 'ada' && s.body.scoreGiven === MAX, 60_000);
    expect(final.body).toMatchObject({ scoreMaximum: MAX, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    expect(final.lineItem).toBe(platform.lineItemUrl('link-1'));
    expect(platform.tokenRequests.every((t) => t.ok)).toBe(true);
  });

  it('sends a score again when the platform’s gradebook was down, and never sends an instructor’s', async () => {
    const teacherAgent = new LtiUserAgent(pipeline.url);
    expect((await teacherAgent.launch(platform, linkLaunch(teacher))).status).toBe(303);
    const tried = await teacherAgent.api('POST', '/api/submissions', { exercise: EXERCISE, files: SOLUTION, assignment: assignmentId });
    expect(tried.status).toBe(202);

    const agent = new LtiUserAgent(pipeline.url);
    await agent.launch(platform, linkLaunch(learner('grace')));
    platform.failNextScores(2, 503, 'grace');
    const accepted = await agent.api('POST', '/api/submissions', { exercise: EXERCISE, files: SOLUTION, assignment: assignmentId });
    const score = await platform.waitForScore((s) => s.body.userId === 'grace', 90_000);
    expect(score.body.scoreGiven).toBe(MAX);
    expect(platform.refusedScores.filter((r) => r.userId === 'grace').map((r) => r.status)).toEqual([503, 503]);
    await until(async () => (await teacherAgent.api('GET', `/api/submissions/${tried.body.id}`)).body.status === 'graded', 90_000, 'the instructor’s submission graded');
    expect(platform.scores.some((s) => s.body.userId === teacher.sub)).toBe(false);
    expect(accepted.status).toBe(202);
  });

  it('keeps one grader account per platform user, and never makes a platform administrator an admin here', async () => {
    const first = new LtiUserAgent(pipeline.url);
    await first.launch(platform, linkLaunch({ sub: 'boss', name: 'Boss', roles: ['http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator', ROLES.learner] }));
    const second = new LtiUserAgent(pipeline.url);
    await second.launch(platform, linkLaunch({ sub: 'boss', name: 'Boss', roles: [ROLES.learner] }));
    const [a, b] = [await first.api('GET', '/api/session'), await second.api('GET', '/api/session')];
    expect(a.body.user.id).toBe(b.body.user.id);
    expect(a.body.user.role).toBe('student');
  });
});

describe('the launch’s security checks (LTI 1.3 §5.1.3), each refused and nobody signed in', () => {
  const cases: Array<[string, Partial<LaunchOptions>, RegExp]> = [
    ['a token meant for another tool (aud)', { claims: { aud: 'another-client' } }, /aud/],
    ['an expired token (exp)', { claims: { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 4000 } }, /expired/],
    ['a token with another nonce', { claims: { nonce: 'not-the-one-sent' } }, /nonce/],
    ['a token from another issuer (iss)', { claims: { iss: 'https://evil.example' } }, /issuer/],
    ['a token signed by a key the platform does not publish', { forgeSignature: true }, /signature/],
    ['a deployment nobody registered', { claims: { 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': 'rogue-deployment' } }, /deployment/],
    ['another LTI version', { claims: { 'https://purl.imsglobal.org/spec/lti/claim/version': '1.1' } }, /LTI claims/],
  ];
  it.each(cases)('%s', async (_name, tamper, detail) => {
    const agent = new LtiUserAgent(pipeline.url);
    await expectRefused(await agent.launch(platform, linkLaunch(learner('mallory'), tamper)), detail);
  });

  it('a replayed launch (the same id_token and state posted again)', async () => {
    const agent = new LtiUserAgent(pipeline.url);
    const { action, fields } = await agent.authenticate(platform, linkLaunch(learner('replayer')));
    const cookies = new Map(agent.cookies);
    expect((await agent.post(action, fields)).status).toBe(303);
    const replay = new LtiUserAgent(pipeline.url);
    for (const [k, v] of cookies) replay.cookies.set(k, v);
    await expectRefused(await replay.post(action, fields), /state/);
  });

  it('a launch posted to a browser that did not begin the login (no state cookie)', async () => {
    const agent = new LtiUserAgent(pipeline.url);
    const { action, fields } = await agent.authenticate(platform, linkLaunch(learner('victim')));
    await expectRefused(await new LtiUserAgent(pipeline.url).post(action, fields), /state/);
  });

  it('a login from a platform nobody registered', async () => {
    const url = new URL(`${pipeline.url}/lti/login`);
    for (const [k, v] of Object.entries({ iss: 'https://unknown.example', login_hint: 'x', target_link_uri: `${pipeline.url}/lti/launch` })) url.searchParams.set(k, v);
    const response = await fetch(url, { redirect: 'manual' });
    expect({ status: response.status, code: ((await response.json()) as { code: string }).code }).toEqual({ status: 400, code: 'lti_login_refused' });
  });
});
