import type { Request, Response } from 'express';
import { LIMITS, SUBMISSION_ROUTES } from '@grader/contracts';
import { currentUser } from '../auth/authenticate';
import { testsRevealedTo } from '../assignments/admission';
import { isStaff } from '../auth/roles';
import { Errors } from '../http/app-error';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { EventStream } from '../http/event-stream';
import { perUserPerMinute } from '../http/rate-limits';
import { respond, respondJsonText, serve, type TableHandlers } from '../http/serve-route';
import { submissionView, type Audience } from '../presenters/submission-view';
import { webhookAttemptView } from '../presenters/webhook-attempt-view';
import { isFinal, type Submission } from '../store/submission-store';
import type { WebhookAttemptStore } from '../store/webhook-attempt-store';
import { createSubmission, type CreateSubmissionDeps } from '../submissions/create-submission';
import { requeueErrored, requeueSubmission } from '../submissions/requeue-submissions';
import type { SubmissionEvents } from '../submissions/submission-events';

export interface SubmissionRouteDeps extends CreateSubmissionDeps {
  submissionsPerMinute: number;
  events: SubmissionEvents;
  webhookAttempts: WebhookAttemptStore;
}

const R = SUBMISSION_ROUTES;

/**
 * The JSON of a submission's view for an audience, made once per Submission object: the store
 * hands back the same frozen object while the row is unchanged, and a view is a pure function of
 * the submission and the audience. A class polls the same few hundred submissions at a deadline;
 * serializing each view again was some 6 % of a status read's requests/s (bench/api.ts).
 */
const viewTexts = new WeakMap<Submission, Partial<Record<Audience, string>>>();
function viewText(submission: Submission, audience: Audience): string {
  let texts = viewTexts.get(submission);
  if (!texts) viewTexts.set(submission, (texts = {}));
  return (texts[audience] ??= JSON.stringify(submissionView(submission, audience)));
}

export function submissionHandlers(deps: SubmissionRouteDeps): TableHandlers<typeof SUBMISSION_ROUTES> {
  /** The submission, or 404 when it does not exist or is not the caller's to see (existence is not disclosed to others). */
  const visibleSubmission = (req: Request, id: string): Submission => {
    const user = currentUser(req);
    const submission = deps.submissions.get(id);
    if (!submission || (submission.userId !== user.id && !isStaff(user.role))) throw Errors.notFound(`Submission "${id}"`);
    return submission;
  };

  /**
   * Staff read every test whole; a student reads what each test's visibility allows, and every
   * test whole once an assignment that reveals its tests is past their due date.
   */
  const audienceOf = (user: { role: Parameters<typeof isStaff>[0] }, submission: Submission): Audience => {
    if (isStaff(user.role)) return 'staff';
    return testsRevealedTo(deps.assignments, submission, new Date()) ? 'revealed' : 'owner';
  };

  /** Open event streams per user: each holds a socket for as long as grading takes. */
  const openStreams = new Map<string, number>();

  const perUser = perUserPerMinute(deps.submissionsPerMinute);

  return {
    createSubmission: serve(
      R.createSubmission,
      async ({ body, headers }, req, res) => {
        const idempotencyKey = headers['Idempotency-Key'];
        const { submission, replayed, notices } = await createSubmission(deps, { user: currentUser(req), ...body, idempotencyKey });
        if (replayed) res.setHeader('Idempotent-Replayed', 'true');
        res.location(`/api/submissions/${submission.id}`);
        respond(res, R.createSubmission, 202, { id: submission.id, status: submission.status, ...(notices.length > 0 && { notices }) });
      },
      [perUser],
    ),

    listSubmissions: serve(R.listSubmissions, ({ query }, req, res) => {
      const user = currentUser(req);
      const userId = isStaff(user.role) ? query.user : user.id;
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const page = deps.submissions.list({ userId, exercise: query.exercise, status: query.status, after, limit: query.limit + 1 });
      const items = page.slice(0, query.limit);
      const last = items[items.length - 1];
      respond(res, R.listSubmissions, 200, {
        items: items.map((s) => submissionView(s, audienceOf(user, s))),
        nextCursor: page.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
      });
    }),

    submission: serve(R.submission, ({ params }, req, res) => {
      const submission = visibleSubmission(req, params.id);
      respondJsonText(res, R.submission, 200, viewText(submission, audienceOf(currentUser(req), submission)));
    }),

    submissionEvents: serve(R.submissionEvents, ({ params }, req, res) => {
      const submission = visibleSubmission(req, params.id);
      followSubmission(deps.events, openStreams, submission, audienceOf(currentUser(req), submission), req, res);
    }),

    /**
     * Staff: queue again a submission that ended in a grader error (an outage that outlasted its
     * retries, a worker that kept dying). Its error is cleared and it is graded as if just submitted.
     */
    requeueSubmission: serve(R.requeueSubmission, async ({ params }, _req, res) => {
      const submission = await requeueSubmission(deps, params.id);
      res.location(`/api/submissions/${params.id}`);
      respond(res, R.requeueSubmission, 202, { id: submission.id, status: submission.status });
    }),

    /** Staff: queue again every submission in error (of one exercise, if given), oldest first, up to REQUEUE_BATCH_MAX. */
    requeueErrored: serve(R.requeueErrored, async ({ body }, _req, res) => {
      const ids = await requeueErrored(deps, body);
      respond(res, R.requeueErrored, 202, { requeued: ids.length, ids });
    }),

    /** Every attempt to deliver this submission's webhook, oldest first. */
    submissionDeliveries: serve(R.submissionDeliveries, ({ params }, req, res) => {
      const submission = visibleSubmission(req, params.id);
      respond(res, R.submissionDeliveries, 200, { items: deps.webhookAttempts.listFor(submission.id).map(webhookAttemptView) });
    }),
  };
}

/**
 * Live status as server-sent events: the current state at once, then each change the
 * recorder makes, as `event: status` with the same JSON as GET /:id; the stream ends after
 * graded or error. Changes arrive through the in-process bus, so nothing polls.
 */
function followSubmission(events: SubmissionEvents, streams: Map<string, number>, submission: Submission, audience: Audience, req: Request, res: Response): void {
  const userId = currentUser(req).id;
  const open = streams.get(userId) ?? 0;
  if (open >= LIMITS.events.streamsPerUser) throw Errors.tooManyStreams(LIMITS.events.streamsPerUser);
  streams.set(userId, open + 1);

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
  const unsubscribe = events.subscribe(submission.id, send);
  const unwatchClosing = events.onClosing(() => stream.end());
  stream.onClose(() => {
    unsubscribe();
    unwatchClosing();
    const left = (streams.get(userId) ?? 1) - 1;
    if (left > 0) streams.set(userId, left);
    else streams.delete(userId);
  });
  send(submission);
}
