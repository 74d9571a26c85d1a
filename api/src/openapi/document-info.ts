import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ANY_ROUTE_ERROR_CODES, carriesRetryAfter, ERROR_CATALOGUE, LIMITS, SubmissionDocument } from '@grader/contracts';

/** The document's title and the text above every route. */
export function documentInfo(version: string) {
  return {
    title: 'grader',
    version,
    description: [
      'Hands-on grading of backend exercises. Submit files, follow the grading live, read a result that says what differs.',
      '',
      'Authenticate with `Authorization: Bearer <token>`, or a browser session cookie plus `X-CSRF-Token` on changes.',
      'Every error is `application/problem+json` (RFC 9457) with a stable `code`; every answer the app gives carries `X-Request-Id`',
      '(those of Node\'s HTTP parser, which refuses a request before the app sees it, carry neither it nor `instance`).',
      'Each route lists the codes it answers; any route may also answer these, listed once here:',
      '',
      ...ANY_ROUTE_ERROR_CODES.map((code) => `- \`${code}\` (${ERROR_CATALOGUE[code].status}): ${ERROR_CATALOGUE[code].meaning}${carriesRetryAfter(code) ? ', with Retry-After' : ''}`),
    ].join('\n'),
  };
}

/** The tags, in the order the docs page shows them. */
export const DOCUMENT_TAGS = [
  { name: 'submissions', description: 'Submit, follow, read results, webhook deliveries' },
  { name: 'exercises', description: 'What there is to solve' },
  { name: 'accounts', description: 'Sessions, tokens, users' },
  { name: 'courses', description: 'Courses and their join codes' },
  { name: 'service', description: 'Health and this documentation' },
  { name: 'instructors', description: 'Exercise drafts, validation, publishing, versions, regrades, statistics, gradebook' },
];

const webhookHeaders = z.object({
  'X-Grader-Event': z.enum(['submission.graded', 'submission.error']),
  'X-Grader-Delivery': z.uuid().meta({ description: 'Unique per delivery, the same on each retry of it: drop repeats.' }),
  'X-Grader-Timestamp': z.string().meta({ description: 'Unix seconds when this attempt was signed; refuse old ones.' }),
  'X-Grader-Signature': z.string().meta({
    description: '`v1=` + hex HMAC-SHA256 over `<X-Grader-Timestamp>.<raw body>`, keyed with your webhook secret (GET /api/me).',
  }),
});

/** The webhooks the grader sends to a submission's callbackUrl (not routes of the API). */
export function registerWebhooks(registry: OpenAPIRegistry): void {
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
      request: { headers: webhookHeaders, body: { required: true, content: { 'application/json': { schema: SubmissionDocument } } } },
      responses: { 200: { description: 'Received; any 2xx will do.' } },
    });
  }
}
