import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { Slug, SubmittedFiles } from '@grader/shared';
import { currentUser, requireUser } from '../auth/authenticate';
import { isStaff } from '../auth/roles';
import { Errors } from '../http/app-error';
import { parseBody, parseParams, parseQuery } from '../http/parse';
import { tooManyRequests } from '../http/rate-limits';
import { submissionView } from '../presenters/submission-view';
import type { Submission } from '../store/submission-store';
import { createSubmission, type CreateSubmissionDeps } from '../submissions/create-submission';
import { decodeCursor, encodeCursor } from '../http/cursor';

export const CreateSubmissionBody = z.strictObject({
  /** The exercise's slug. */
  exercise: Slug,
  /** Submitted path → file content; exactly the files the exercise names. */
  files: SubmittedFiles,
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

export function submissionRoutes(deps: CreateSubmissionDeps & { submissionsPerMinute: number }): Router {
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
    const { submission, replayed } = await createSubmission(deps, { user: currentUser(req), ...body, idempotencyKey: key?.data });
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(202).location(`/api/submissions/${submission.id}`).json({ id: submission.id, status: submission.status });
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
      items: items.map(submissionView),
      nextCursor: page.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    });
  });

  router.get('/:id', (req, res) => {
    const id = parseParams(req.params.id, z.uuid(), `Submission "${req.params.id}"`);
    const submission = deps.submissions.get(id);
    if (!visibleTo(req, submission)) throw Errors.notFound(`Submission "${id}"`);
    res.json(submissionView(submission));
  });

  return router;
}
