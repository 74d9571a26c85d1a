import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { LIMITS, Slug } from '@grader/contracts';
import { SESSION_COOKIE } from '../auth/authenticate';
import { CreateCourseBody, CreateUserBody, JoinBody, SignInBody } from '@grader/contracts';
import { CreateSubmissionBody, IdempotencyKey, ListSubmissionsQuery, RequeueBody, SubmissionIdParams } from '../routes/submissions';
import { REQUEUE_BATCH_MAX } from '../submissions/requeue-submissions';
import * as R from '@grader/contracts';
import { authoringPaths } from './authoring-paths';

/**
 * The OpenAPI 3.1 document of the public API, generated from the zod schemas that validate
 * the requests (imported from the routes) and those that describe the answers. Every route
 * the app serves is here except /internal (workers only); a test walks the Express router
 * and fails when one is missing.
 */
export function buildOpenApiDocument(version: string) {
  const registry = new OpenAPIRegistry();
  // Components are named where the schemas are defined (`.meta({ id })` in @grader/contracts).
  const ref = <T extends z.ZodType>(_name: string, schema: T) => schema;

  const bearer = registry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (`gr_tok_…`): from POST /api/users, POST /api/join, or data/admin-token on first start.',
  });
  const cookie = registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The browser session from POST /api/session. Requests that change something must also send `X-CSRF-Token`.',
  });
  const signedIn = [{ [bearer.name]: [] }, { [cookie.name]: [] }];
  const open: RouteConfig['security'] = [];

  const Problem = ref('Problem', R.Problem);
  const User = ref('User', R.UserView);
  const Course = ref('Course', R.Course);
  const ExerciseSummary = ref('ExerciseSummary', R.ExerciseSummary);
  const ExerciseDetail = ref('ExerciseDetail', R.ExerciseDetail);
  const Submission = ref('Submission', R.SubmissionDocument);
  const WebhookAttempt = ref('WebhookAttempt', R.WebhookAttemptView);

  const json = (schema: z.ZodType, description: string, extra: Partial<ResponseConfig> = {}): ResponseConfig => ({
    description,
    content: { 'application/json': { schema } },
    ...extra,
  });
  /** The error answers of a route, by status, each as problem+json with its codes named. */
  const problems = (byStatus: Record<number, string>): Record<string, ResponseConfig> =>
    Object.fromEntries(
      Object.entries(byStatus).map(([status, codes]) => [status, { description: codes, content: { 'application/problem+json': { schema: Problem } } }]),
    );
  const retryAfter = z.object({ 'Retry-After': z.string().meta({ description: 'Seconds to wait.' }) });
  const unauthorized = { 401: '`unauthorized`: no valid token or session' };
  const csrf = { 403: '`csrf_token_invalid`: a cookie-authenticated change without the session’s X-CSRF-Token' };
  const staffOnly = { ...unauthorized, 403: '`forbidden`: your role may not do this; `csrf_token_invalid`' };
  const invalid = { 400: '`validation_failed` (see `errors`), `malformed_json`', 413: '`payload_too_large`', 415: '`unsupported_media_type`' };
  const jsonBody = (schema: z.ZodType) => ({ body: { required: true, content: { 'application/json': { schema } } } });
  const submissionParams = { params: SubmissionIdParams };
  const notYours = { 404: '`not_found`: no such submission, or not yours to see' };

  const routes: RouteConfig[] = [
    {
      method: 'get',
      path: '/healthz',
      tags: ['service'],
      summary: 'Is the service able to grade?',
      security: open,
      responses: {
        200: json(R.Health, 'The database and Redis answer (`ok`, or `degraded` when no worker can grade now).'),
        503: json(R.Health, 'The database or Redis is down; `checks` says which. Answered at once, with Retry-After.'),
      },
    },
    {
      method: 'get',
      path: '/openapi.json',
      tags: ['service'],
      summary: 'This document',
      security: open,
      responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
    {
      method: 'get',
      path: '/docs',
      tags: ['service'],
      summary: 'This document as a web page (Swagger UI, served locally)',
      security: open,
      responses: { 200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
    {
      method: 'post',
      path: '/api/session',
      tags: ['accounts'],
      summary: 'Sign in with a password (browser session)',
      description: 'Sets the HttpOnly session cookie and answers the CSRF token to send with every change. Ten tries a minute per address.',
      security: open,
      request: jsonBody(SignInBody),
      responses: {
        201: json(R.SessionOpened, 'Signed in.'),
        ...problems({ ...invalid, 401: '`bad_credentials`', 429: '`rate_limited`' }),
      },
    },
    {
      method: 'get',
      path: '/api/session',
      tags: ['accounts'],
      summary: 'Who is signed in, and the session’s CSRF token',
      security: signedIn,
      responses: { 200: json(R.SessionInfo, 'The signed-in user.'), ...problems(unauthorized) },
    },
    {
      method: 'delete',
      path: '/api/session',
      tags: ['accounts'],
      summary: 'Sign out',
      security: open,
      responses: { 204: { description: 'Signed out (also when there was no session).' }, ...problems(csrf) },
    },
    {
      method: 'post',
      path: '/api/join',
      tags: ['accounts'],
      summary: 'Create a student account with a course’s join code',
      security: open,
      request: jsonBody(JoinBody),
      responses: {
        201: json(R.Joined, 'The new account, its API token and the course.'),
        ...problems({ ...invalid, 409: '`username_taken`', 429: '`rate_limited`' }),
      },
    },
    {
      method: 'post',
      path: '/api/users',
      tags: ['accounts'],
      summary: 'Create an account (staff): instructors create students, admins anyone',
      security: signedIn,
      request: jsonBody(CreateUserBody),
      responses: {
        201: json(R.UserCreated, 'The account and its API token (shown once).', { headers: z.object({ Location: z.string() }) }),
        ...problems({ ...invalid, ...staffOnly, 404: '`not_found`: no such course', 409: '`username_taken`' }),
      },
    },
    {
      method: 'get',
      path: '/api/users',
      tags: ['accounts'],
      summary: 'List accounts (staff)',
      security: signedIn,
      responses: { 200: json(R.items(User), 'Every account, by username.'), ...problems(staffOnly) },
    },
    {
      method: 'get',
      path: '/api/me',
      tags: ['accounts'],
      summary: 'Who am I, and my webhook secret',
      security: signedIn,
      responses: { 200: json(R.Me, 'You.'), ...problems(unauthorized) },
    },
    {
      method: 'post',
      path: '/api/courses',
      tags: ['courses'],
      summary: 'Create a course with a join code (staff)',
      security: signedIn,
      request: jsonBody(CreateCourseBody),
      responses: { 201: json(Course, 'The course.', { headers: z.object({ Location: z.string() }) }), ...problems({ ...invalid, ...staffOnly }) },
    },
    {
      method: 'get',
      path: '/api/courses',
      tags: ['courses'],
      summary: 'List courses (staff)',
      security: signedIn,
      responses: { 200: json(R.items(Course), 'Every course.'), ...problems(staffOnly) },
    },
    {
      method: 'get',
      path: '/api/exercises',
      tags: ['exercises'],
      summary: 'The published exercises',
      security: signedIn,
      responses: { 200: json(R.items(ExerciseSummary), 'By slug.'), ...problems(unauthorized) },
    },
    {
      method: 'get',
      path: '/api/exercises/{slug}',
      tags: ['exercises'],
      summary: 'One exercise: statement, starter files, limits, tests you can see',
      security: signedIn,
      request: { params: z.object({ slug: Slug }) },
      responses: { 200: json(ExerciseDetail, 'The current version.'), ...problems({ ...unauthorized, 404: '`not_found`' }) },
    },
    {
      method: 'post',
      path: '/api/submissions',
      tags: ['submissions'],
      summary: 'Submit files for grading',
      description: [
        'Stored, then queued; grading happens in a sandbox. Follow it with GET /api/submissions/{id}/events (server-sent events),',
        'poll GET /api/submissions/{id}, or pass `callbackUrl` to receive the outcome as a signed webhook (see `webhooks`).',
        'A retry with the same `Idempotency-Key` and body answers the first submission.',
      ].join(' '),
      security: signedIn,
      request: {
        ...jsonBody(CreateSubmissionBody),
        headers: z.object({ 'Idempotency-Key': IdempotencyKey.optional().meta({ description: 'Makes a retried POST safe: the same key and body give the same submission.' }) }),
      },
      responses: {
        202: json(R.SubmissionAccepted, 'Accepted and queued.', {
          headers: z.object({
            Location: z.string().meta({ description: '/api/submissions/{id}' }),
            'Idempotent-Replayed': z.literal('true').optional().meta({ description: 'Set when this answers an earlier request with the same key.' }),
          }),
        }),
        ...problems({
          ...invalid,
          ...unauthorized,
          ...csrf,
          409: '`idempotency_in_flight`: the first request with this key is still being stored; retry after `Retry-After`',
          422: '`unknown_exercise`, `wrong_files`, `bad_characters` (a NUL or other control character; errors say the file, line and column), `callback_url_refused` (not http(s), credentials in it, or a host that is not a public address), `idempotency_key_reused`',
        }),
        429: { description: '`rate_limited`, `too_many_waiting`', headers: retryAfter, content: { 'application/problem+json': { schema: Problem } } },
        503: { description: '`queue_unavailable`, `queue_saturated`, `dependency_unavailable`: nothing was stored', headers: retryAfter, content: { 'application/problem+json': { schema: Problem } } },
      },
    },
    {
      method: 'get',
      path: '/api/submissions',
      tags: ['submissions'],
      summary: 'My submissions (staff: anyone’s), newest first, a page at a time',
      security: signedIn,
      request: { query: ListSubmissionsQuery },
      responses: { 200: json(R.SubmissionPage, 'A page.'), ...problems({ 400: '`validation_failed`', ...unauthorized }) },
    },
    {
      method: 'get',
      path: '/api/submissions/{id}',
      tags: ['submissions'],
      summary: 'One submission: status, score, verdict and each test',
      security: signedIn,
      request: submissionParams,
      responses: { 200: json(Submission, 'The submission document.'), ...problems({ ...unauthorized, ...notYours }) },
    },
    {
      method: 'get',
      path: '/api/submissions/{id}/events',
      tags: ['submissions'],
      summary: 'Follow a submission live (server-sent events)',
      description: [
        'A `text/event-stream`: the current state at once, then one event per change until `graded` or `error`, when the server ends the stream.',
        'Each event is `event: status`, an `id:` counting from 1, and `data:` the same JSON as GET /api/submissions/{id}.',
        `A comment line (\`: heartbeat\`) every ${LIMITS.events.heartbeatMs / 1000} s keeps proxies from closing an idle stream.`,
        `At most ${LIMITS.events.streamsPerUser} open streams per user. Try \`curl -N\`.`,
      ].join(' '),
      security: signedIn,
      request: submissionParams,
      responses: {
        200: {
          description: 'The stream.',
          content: {
            'text/event-stream': {
              schema: { type: 'string' },
              example: 'retry: 3000\n\nid: 1\nevent: status\ndata: {"id":"…","status":"queued",…}\n\nid: 2\nevent: status\ndata: {"id":"…","status":"running",…}\n\n',
            },
          },
        },
        ...problems({ ...unauthorized, ...notYours, 429: '`too_many_streams`' }),
      },
    },
    {
      method: 'get',
      path: '/api/submissions/{id}/deliveries',
      tags: ['submissions'],
      summary: 'Every attempt to deliver this submission’s webhook',
      security: signedIn,
      request: submissionParams,
      responses: { 200: json(R.items(WebhookAttempt), 'Oldest first.'), ...problems({ ...unauthorized, ...notYours }) },
    },
    {
      method: 'post',
      path: '/api/submissions/{id}/requeue',
      tags: ['submissions'],
      summary: 'Staff: grade again a submission that ended in a grader error',
      description: 'For an outage that outlasted the retries, or a worker that kept dying: the error is cleared and the submission is graded as if just submitted.',
      security: signedIn,
      request: submissionParams,
      responses: {
        202: json(R.SubmissionAccepted, 'Queued again.', { headers: z.object({ Location: z.string().meta({ description: '/api/submissions/{id}' }) }) }),
        ...problems({ ...staffOnly, 404: '`not_found`', 409: '`not_requeueable`: the submission is not in error' }),
        503: { description: '`dependency_unavailable`: Redis is unreachable; nothing changed', headers: retryAfter, content: { 'application/problem+json': { schema: Problem } } },
      },
    },
    {
      method: 'post',
      path: '/api/submissions/requeue',
      tags: ['submissions'],
      summary: 'Staff: grade again every submission in error (of one exercise), oldest first',
      description: `At most ${REQUEUE_BATCH_MAX} at once; send again for more.`,
      security: signedIn,
      request: jsonBody(RequeueBody),
      responses: {
        202: json(R.RequeueOutcome, 'What was queued again.'),
        ...problems({ ...invalid, ...staffOnly }),
        503: { description: '`dependency_unavailable`: Redis is unreachable; nothing changed', headers: retryAfter, content: { 'application/problem+json': { schema: Problem } } },
      },
    },
  ];
  for (const route of [...routes, ...authoringPaths({ problems, signedIn, open })]) registry.registerPath(route);

  const webhookHeaders = z.object({
    'X-Grader-Event': z.enum(['submission.graded', 'submission.error']),
    'X-Grader-Delivery': z.uuid().meta({ description: 'Unique per delivery, the same on each retry of it: drop repeats.' }),
    'X-Grader-Timestamp': z.string().meta({ description: 'Unix seconds when this attempt was signed; refuse old ones.' }),
    'X-Grader-Signature': z.string().meta({
      description: '`v1=` + hex HMAC-SHA256 over `<X-Grader-Timestamp>.<raw body>`, keyed with your webhook secret (GET /api/me).',
    }),
  });
  for (const event of ['submission.graded', 'submission.error'] as const) {
    registry.registerWebhook({
      method: 'post',
      path: event,
      summary: event === 'submission.graded' ? 'A submission was graded' : 'The grader could not grade a submission (not a grade)',
      description: [
        'POSTed to the submission’s `callbackUrl` with the same JSON as GET /api/submissions/{id}.',
        `Only a 2xx answer counts: any other status, or no answer within ${LIMITS.webhooks.timeoutMs / 1000} s, is retried with exponential backoff,`,
        `${LIMITS.webhooks.attempts} attempts in all. Redirects are not followed. Every attempt is listed at GET /api/submissions/{id}/deliveries.`,
      ].join(' '),
      request: { headers: webhookHeaders, body: { required: true, content: { 'application/json': { schema: Submission } } } },
      responses: { 200: { description: 'Received; any 2xx will do.' } },
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'grader',
      version,
      description: [
        'Hands-on grading of backend exercises. Submit files, follow the grading live, read a result that says what differs.',
        '',
        'Authenticate with `Authorization: Bearer <token>`, or a browser session cookie plus `X-CSRF-Token` on changes.',
        'Every error is `application/problem+json` (RFC 9457) with a stable `code`; every answer carries `X-Request-Id`.',
        '',
        'Any route may also answer what is wrong below the level of a route: `malformed_path` (400, a `%` that is not a valid escape),',
        '`malformed_body` (400, a body that does not decompress or is shorter than its Content-Length), `unsupported_content_encoding` (415),',
        '`malformed_request`, `missing_host` (400), `headers_too_large` (431), `expectation_failed` (417), and',
        '`dependency_unavailable` (503 with Retry-After, Redis unreachable; nothing was stored).',
      ].join('\n'),
    },
    servers: [{ url: '/' }],
    security: signedIn,
    tags: [
      { name: 'submissions', description: 'Submit, follow, read results, webhook deliveries' },
      { name: 'exercises', description: 'What there is to solve' },
      { name: 'accounts', description: 'Sessions, tokens, users' },
      { name: 'courses', description: 'Courses and their join codes' },
      { name: 'service', description: 'Health and this documentation' },
      { name: 'instructors', description: 'Exercise drafts, validation, publishing, versions, regrades, statistics, gradebook' },
    ],
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
