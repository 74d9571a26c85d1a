import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { LIMITS, Slug, SubmittedFiles } from '@grader/contracts';
import { currentUser, requireRole, requireUser } from '../auth/authenticate';
import { isStaff } from '../auth/roles';
import { Errors } from '../http/app-error';
import { parseBody, parseParams, parseQuery } from '../http/parse';
import { tooManyRequests } from '../http/rate-limits';
import { EventStream } from '../http/event-stream';
import { submissionView, type Audience } from '../presenters/submission-view';
import { webhookAttemptView } from '../presenters/webhook-attempt-view';
import { isFinal, type Submission } from '../store/submission-store';
import type { WebhookAttemptStore } from '../store/webhook-attempt-store';
import { createSubmission, type CreateSubmissionDeps } from '../submissions/create-submission';
import { requeueErrored, requeueSubmission } from '../submissions/requeue-submissions';
import type { SubmissionEvents } from '../submissions/submission-events';
import { decodeCursor, encodeCursor } from '../http/cursor';

export const CreateSubmissionBody = z.strictObject({
  /** The exercise's slug. */
  exercise: Slug.meta({ description: 'The exercise’s slug.', example: 'sql-revenue-by-customer' }),
  /** Submitted path → file content; exactly the files the exercise names. */
  files: SubmittedFiles.meta({
    description: 'Path → content: exactly the files the exercise names (see its starterFiles).',
    example: { 'query.sql': 'SELECT name FROM customers ORDER BY name' },
  }),
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

export const ListSubmissionsQuery = z.strictObject({
  exercise: Slug.optional(),
  status: z.enum(['queued', 'running', 'graded', 'error']).optional(),
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

/** Staff read every test whole; a student reads what each test's visibility allows. */
function audienceOf(user: { role: Parameters<typeof isStaff>[0] }): Audience {
  return isStaff(user.role) ? 'staff' : 'owner';
}

export interface SubmissionRouteDeps extends CreateSubmissionDeps {
  submissionsPerMinute: number;
  events: SubmissionEvents;
  webhookAttempts: WebhookAttemptStore;
}

export function submissionRoutes(deps: SubmissionRouteDeps): Router {
  const router = Router();
  router.use(requireUser);

  /** A user may see a submission when it is theirs, or when they are staff. Others get 404, not 403: existence is not disclosed. */
  const visibleTo = (req: Parameters<typeof currentUser>[0], submission: Submission | undefined): submission is Submission => {
    const user = currentUser(req);
    return submission !== undefined && (submission.userId === user.id || isStaff(user.role));
  };

  const perUser = rateLimit({
    windowMs: 60_000,
    limit: deps.submissionsPerMinute,
    keyGenerator: (req) => req.auth?.user.id ?? 'anonymous',
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooManyRequests,
  });

  router.post('/', perUser, async (req, res) => {
    const body = parseBody(req, CreateSubmissionBody);
    const rawKey = req.get('idempotency-key');
    const key = rawKey === undefined ? undefined : IdempotencyKey.safeParse(rawKey);
    if (key && !key.success) throw Errors.validation([{ path: 'Idempotency-Key', message: key.error.issues[0]!.message }]);
    const { submission, replayed, notices } = await createSubmission(deps, { user: currentUser(req), ...body, idempotencyKey: key?.data });
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res
      .status(202)
      .location(`/api/submissions/${submission.id}`)
      .json({ id: submission.id, status: submission.status, ...(notices.length > 0 && { notices }) });
  });

  router.get('/', (req, res) => {
    const query = parseQuery(req, ListSubmissionsQuery);
    const user = currentUser(req);
    const userId = isStaff(user.role) ? query.user : user.id;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = deps.submissions.list({ userId, exercise: query.exercise, status: query.status, after, limit: query.limit + 1 });
    const items = page.slice(0, query.limit);
    const last = items[items.length - 1];
    res.json({
      items: items.map((s) => submissionView(s, audienceOf(user))),
      nextCursor: page.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    });
  });

  /** The submission, or 404 when it does not exist or is not the caller's to see. */
  const visibleSubmission = (req: Parameters<typeof currentUser>[0] & { params: { id?: string } }): Submission => {
    const id = parseParams(req.params.id, z.uuid(), `Submission "${req.params.id}"`);
    const submission = deps.submissions.get(id);
    if (!visibleTo(req, submission)) throw Errors.notFound(`Submission "${id}"`);
    return submission;
  };

  router.get('/:id', (req, res) => {
    res.json(submissionView(visibleSubmission(req), audienceOf(currentUser(req))));
  });

  /** Open event streams per user: each holds a socket for as long as grading takes. */
  const openStreams = new Map<string, number>();

  /**
   * Live status as server-sent events: the current state at once, then each change the
   * recorder makes, as `event: status` with the same JSON as GET /:id; the stream ends after
   * graded or error. Changes arrive through the in-process bus, so nothing polls.
   */
  router.get('/:id/events', (req, res) => {
    const submission = visibleSubmission(req);
    const userId = currentUser(req).id;
    const audience = audienceOf(currentUser(req));
    const open = openStreams.get(userId) ?? 0;
    if (open >= LIMITS.events.streamsPerUser) throw Errors.tooManyStreams(LIMITS.events.streamsPerUser);
    openStreams.set(userId, open + 1);

    const stream = new EventStream(res, { heartbeatMs: LIMITS.events.heartbeatMs, reconnectMs: LIMITS.events.reconnectMs });
    let lastStatus: string | undefined;
    const send = (current: Submission) => {
      // A repeated delivery of the same message changes nothing a client can see.
      if (current.status === lastStatus) return;
      lastStatus = current.status;
      stream.send('status', submissionView(current, audience));
      if (isFinal(current.status)) stream.end();
    };
    // Subscribing and sending the current state happen in one turn of the event loop, and the
    // recorder publishes in this process, so no change can fall between the two.
    const unsubscribe = deps.events.subscribe(submission.id, send);
    const unwatchClosing = deps.events.onClosing(() => stream.end());
    stream.onClose(() => {
      unsubscribe();
      unwatchClosing();
      const left = (openStreams.get(userId) ?? 1) - 1;
      if (left > 0) openStreams.set(userId, left);
      else openStreams.delete(userId);
    });
    send(submission);
  });

  /**
   * Staff: queue again a submission that ended in a grader error (an outage that outlasted its
   * retries, a worker that kept dying). Its error is cleared and it is graded as if just submitted.
   */
  router.post('/:id/requeue', requireRole('instructor', 'admin'), async (req, res) => {
    const id = parseParams(req.params.id, z.uuid(), `Submission "${req.params.id}"`);
    const submission = await requeueSubmission(deps, id);
    res.status(202).location(`/api/submissions/${id}`).json({ id: submission.id, status: submission.status });
  });

  /** Staff: queue again every submission in error (of one exercise, if given), oldest first, up to REQUEUE_BATCH_MAX. */
  router.post('/requeue', requireRole('instructor', 'admin'), async (req, res) => {
    const body = parseBody(req, RequeueBody);
    const ids = await requeueErrored(deps, body);
    res.status(202).json({ requeued: ids.length, ids });
  });

  /** Every attempt to deliver this submission's webhook, oldest first. */
  router.get('/:id/deliveries', (req, res) => {
    const submission = visibleSubmission(req);
    res.json({ items: deps.webhookAttempts.listFor(submission.id).map(webhookAttemptView) });
  });

  return router;
}
