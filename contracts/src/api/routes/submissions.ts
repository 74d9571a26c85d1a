import { z } from 'zod';
import { defineRoute } from '../route';
import { LIMITS } from '../../limits';
import { Slug } from '../../manifest';
import { SubmittedFiles } from '../../submitted-files';
import { items, RequeueOutcome, SubmissionAccepted, SubmissionDocument, SubmissionPage, SubmissionStatus, WebhookAttemptView } from '../documents';

export const CreateSubmissionBody = z.strictObject({
  /** The exercise's slug. */
  exercise: Slug.meta({ description: 'The exercise’s slug.', example: 'sql-revenue-by-customer' }),
  /** Submitted path → file content; exactly the files the exercise names. */
  files: SubmittedFiles.meta({
    description: 'Path → content: exactly the files the exercise names (see its starterFiles).',
    example: { 'query.sql': 'SELECT name FROM customers ORDER BY name' },
  }),
  /** Optional: the assignment it is submitted to; its dates, limit and late policy then apply. */
  assignment: z.uuid().optional().meta({ description: 'The assignment this submission counts for: its opening and due dates, submission limit and late policy apply (see `assignments`).' }),
  /**
   * Optional: where to POST the submission document when grading ends (a signed webhook).
   * http or https only; refused with 422 when it has credentials or reaches a private address.
   */
  callbackUrl: z
    .url()
    .max(LIMITS.webhooks.urlChars)
    .optional()
    .meta({
      description: 'Where to POST the result when grading ends (see `webhooks`). http or https, no credentials, and a host that resolves to public addresses only.',
      example: 'https://ci.example.edu/grader-hook',
    }),
});

export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/, '1 to 200 visible ASCII characters');

export const SubmissionHeaders = z.object({
  'Idempotency-Key': IdempotencyKey.optional().meta({ description: 'Makes a retried POST safe: the same key and body give the same submission.' }),
});

export const ListSubmissionsQuery = z.strictObject({
  exercise: Slug.optional(),
  status: SubmissionStatus.optional(),
  /** Staff only: whose submissions; students always see their own. */
  user: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const SubmissionIdParams = z.strictObject({ id: z.uuid() });

export const RequeueBody = z.strictObject({
  /** Only this exercise's submissions; all exercises when absent. */
  exercise: Slug.optional().meta({ description: 'Only this exercise’s submissions in error; every exercise when absent.' }),
});

/** Submissions one bulk re-queue takes at most (see LIMITS.queue.requeueBatch). */
export const REQUEUE_BATCH_MAX = LIMITS.queue.requeueBatch;

const submissionLocation = z.object({ Location: z.string().meta({ description: '/api/submissions/{id}' }) });
const notYours = { not_found: 'no such submission, or not yours to see' } as const;
const redisDown = { dependency_unavailable: 'Redis is unreachable; nothing changed' } as const;

/** Submit, follow, read results, webhook deliveries; staff queue errored ones again. */
export const SUBMISSION_ROUTES = {
  createSubmission: defineRoute({
    method: 'post',
    path: '/api/submissions',
    access: 'signed-in',
    tags: ['submissions'],
    summary: 'Submit files for grading',
    description: [
      'Stored, then queued; grading happens in a sandbox. Follow it with GET /api/submissions/{id}/events (server-sent events),',
      'poll GET /api/submissions/{id}, or pass `callbackUrl` to receive the outcome as a signed webhook (see `webhooks`).',
      'A retry with the same `Idempotency-Key` and body answers the first submission.',
    ].join(' '),
    body: CreateSubmissionBody,
    headers: SubmissionHeaders,
    responses: {
      202: {
        description: 'Accepted and queued.',
        schema: SubmissionAccepted,
        headers: submissionLocation.extend({
          'Idempotent-Replayed': z.literal('true').optional().meta({ description: 'Set when this answers an earlier request with the same key.' }),
        }),
      },
    },
    errors: [
      'idempotency_in_flight', 'unknown_exercise', 'wrong_files', 'bad_characters', 'callback_url_refused', 'idempotency_key_reused',
      'rate_limited', 'too_many_waiting', 'queue_unavailable', 'queue_saturated', 'dependency_unavailable',
      'not_found', 'not_in_course', 'exercise_not_in_assignment', 'assignment_not_open', 'assignment_closed', 'submission_limit_reached',
    ],
    errorNotes: {
      idempotency_in_flight: 'the first request with this key is still being stored; retry after `Retry-After`',
      bad_characters: 'a NUL or other control character; errors say the file, line and column',
      callback_url_refused: 'not http(s), credentials in it, or a host that is not a public address',
      not_found: 'no such assignment',
    },
  }),
  listSubmissions: defineRoute({
    method: 'get',
    path: '/api/submissions',
    access: 'signed-in',
    tags: ['submissions'],
    summary: 'My submissions (staff: anyone’s), newest first, a page at a time',
    query: ListSubmissionsQuery,
    responses: { 200: { description: 'A page.', schema: SubmissionPage } },
  }),
  submission: defineRoute({
    method: 'get',
    path: '/api/submissions/{id}',
    access: 'signed-in',
    tags: ['submissions'],
    summary: 'One submission: status, score, verdict and each test',
    params: SubmissionIdParams,
    resource: 'Submission',
    responses: { 200: { description: 'The submission document.', schema: SubmissionDocument } },
    errorNotes: notYours,
  }),
  submissionEvents: defineRoute({
    method: 'get',
    path: '/api/submissions/{id}/events',
    access: 'signed-in',
    tags: ['submissions'],
    summary: 'Follow a submission live (server-sent events)',
    description: [
      'A `text/event-stream`: the current state at once, then one event per change until `graded` or `error`, when the server ends the stream.',
      'Each event is `event: status`, an `id:` counting from 1, and `data:` the same JSON as GET /api/submissions/{id}.',
      `A comment line (\`: heartbeat\`) every ${LIMITS.events.heartbeatMs / 1000} s keeps proxies from closing an idle stream.`,
      `At most ${LIMITS.events.streamsPerUser} open streams per user. Try \`curl -N\`.`,
    ].join(' '),
    params: SubmissionIdParams,
    resource: 'Submission',
    responses: {
      200: {
        description: 'The stream.',
        schema: z.string(),
        contentType: 'text/event-stream',
        example: 'retry: 3000\n\nid: 1\nevent: status\ndata: {"id":"…","status":"queued",…}\n\nid: 2\nevent: status\ndata: {"id":"…","status":"running",…}\n\n',
      },
    },
    errors: ['too_many_streams'],
    errorNotes: notYours,
  }),
  submissionDeliveries: defineRoute({
    method: 'get',
    path: '/api/submissions/{id}/deliveries',
    access: 'signed-in',
    tags: ['submissions'],
    summary: 'Every attempt to deliver this submission’s webhook',
    params: SubmissionIdParams,
    resource: 'Submission',
    responses: { 200: { description: 'Oldest first.', schema: items(WebhookAttemptView) } },
    errorNotes: notYours,
  }),
  requeueSubmission: defineRoute({
    method: 'post',
    path: '/api/submissions/{id}/requeue',
    access: 'staff',
    tags: ['submissions'],
    summary: 'Staff: grade again a submission that ended in a grader error',
    description: 'For an outage that outlasted the retries, or a worker that kept dying: the error is cleared and the submission is graded as if just submitted.',
    params: SubmissionIdParams,
    resource: 'Submission',
    responses: { 202: { description: 'Queued again.', schema: SubmissionAccepted, headers: submissionLocation } },
    errors: ['not_requeueable', 'dependency_unavailable'],
    errorNotes: { not_requeueable: 'the submission is not in error', ...redisDown },
  }),
  requeueErrored: defineRoute({
    method: 'post',
    path: '/api/submissions/requeue',
    access: 'staff',
    tags: ['submissions'],
    summary: 'Staff: grade again every submission in error (of one exercise), oldest first',
    description: `At most ${REQUEUE_BATCH_MAX} at once; send again for more.`,
    body: RequeueBody,
    responses: { 202: { description: 'What was queued again.', schema: RequeueOutcome } },
    errors: ['dependency_unavailable'],
    errorNotes: redisDown,
  }),
} as const;
