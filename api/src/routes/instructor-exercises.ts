import { Router } from 'express';
import { z } from 'zod';
import { Slug, Verdict } from '@grader/contracts';
import { currentUser } from '../auth/authenticate';
import { AppError, Errors } from '../http/app-error';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { parseBody, parseParams, parseQuery } from '../http/parse';
import { exerciseStatistics } from '../instructor/exercise-statistics';
import { startRegrade } from '../instructor/regrade-batch';
import { regradeView } from '../presenters/authoring-view';
import type { AuthoringRouteDeps } from './exercise-authoring';

export const ExerciseSubmissionsQuery = z.strictObject({
  status: z.enum(['queued', 'running', 'graded', 'error']).optional(),
  /** A user's id. */
  user: z.uuid().optional(),
  verdict: Verdict.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const ExercisePackageQuery = z.strictObject({
  /** A version number; the current version when absent. */
  version: z.coerce.number().int().min(1).optional(),
});

export const StartRegradeBody = z.strictObject({
  /** Also regrade submissions already graded against the current version (e.g. after a sandbox image change). */
  all: z.boolean().default(false),
});

/** One exercise's life for instructors: versions, archive, its submissions and statistics, regrades(). */
export function instructorExerciseRoutes(deps: AuthoringRouteDeps): Router {
  const router = Router();
  const regrades = () => deps.authoring.regrades;
  const reports = () => deps.authoring.reports;

  /** The slug of an exercise that exists (published or archived), or 404. */
  const slugOf = (raw: string): string => {
    const slug = parseParams(raw, Slug, `Exercise "${raw}"`);
    if (!deps.exercises.statusOf(slug)) throw Errors.notFound(`Exercise "${slug}"`);
    return slug;
  };

  router.get('/', (_req, res) => {
    res.json({ items: deps.exercises.listAll() });
  });

  router.get('/:slug/versions', (req, res) => {
    const slug = slugOf(req.params.slug);
    res.json({ items: deps.exercises.listVersions(slug) });
  });

  /** A version's whole package (manifest, statement, tests, solutions): what an instructor edits into a new draft. */
  router.get('/:slug/package', (req, res) => {
    const slug = slugOf(req.params.slug);
    const query = parseQuery(req, ExercisePackageQuery);
    const version = query.version ?? deps.exercises.listVersions(slug).at(-1)?.version;
    const found = version === undefined ? undefined : deps.exercises.findVersion(slug, version);
    if (!found) throw Errors.notFound(`Version ${query.version} of exercise "${slug}"`);
    res.json({ slug, version: found.version, bundleHash: found.bundleHash, files: found.files });
  });

  /** Students no longer see an archived exercise nor submit to it; its grades stay. */
  router.post('/:slug/archive', (req, res) => {
    const slug = slugOf(req.params.slug);
    deps.exercises.setStatus(slug, 'archived');
    res.json({ slug, status: 'archived' });
  });

  router.post('/:slug/restore', (req, res) => {
    const slug = slugOf(req.params.slug);
    deps.exercises.setStatus(slug, 'published');
    res.json({ slug, status: 'published' });
  });

  router.get('/:slug/submissions', (req, res) => {
    const slug = slugOf(req.params.slug);
    const query = parseQuery(req, ExerciseSubmissionsQuery);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = reports().listSubmissions({ exercise: slug, status: query.status, userId: query.user, verdict: query.verdict, after, limit: query.limit + 1 });
    const items = page.slice(0, query.limit);
    const last = items[items.length - 1];
    res.json({
      items,
      nextCursor: page.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    });
  });

  router.get('/:slug/statistics', (req, res) => {
    const slug = slugOf(req.params.slug);
    res.json(exerciseStatistics(slug, reports().statistics(slug)));
  });

  /** A regrade against the current version: a preview to poll, applied only when an instructor says so. */
  router.post('/:slug/regrades', async (req, res) => {
    const slug = slugOf(req.params.slug);
    const body = req.body === undefined ? StartRegradeBody.parse({}) : parseBody(req, StartRegradeBody);
    const { batch } = await startRegrade(
      { db: deps.db, exercises: deps.exercises, submissions: deps.submissions, regrades: regrades(), gradeQueue: deps.queue, logger: deps.logger },
      { slug, all: body.all, userId: currentUser(req).id },
    );
    res.status(202).location(`/api/instructor/regrades/${batch.id}`).json(regradeView(batch, regrades().regradesOf(batch.id)));
  });

  router.get('/:slug/regrades', (req, res) => {
    const slug = slugOf(req.params.slug);
    res.json({ items: regrades().listBatches(slug).map((b) => regradeView(b, regrades().regradesOf(b.id))) });
  });

  return router;
}

/** A regrade batch: its preview, and applying or discarding it. */
export function regradeRoutes(deps: AuthoringRouteDeps): Router {
  const router = Router();
  const regrades = () => deps.authoring.regrades;

  const batchOf = (raw: string) => {
    const id = parseParams(raw, z.uuid(), `Regrade "${raw}"`);
    const batch = regrades().getBatch(id);
    if (!batch) throw Errors.notFound(`Regrade "${id}"`);
    return batch;
  };

  router.get('/:id', (req, res) => {
    const batch = batchOf(req.params.id);
    res.json(regradeView(batch, regrades().regradesOf(batch.id)));
  });

  /** Each regraded submission takes its new grade; the old one stays in its grade history. */
  router.post('/:id/apply', (req, res) => {
    const batch = batchOf(req.params.id);
    const result = regrades().apply(batch.id, currentUser(req).id);
    if (!result.ok) {
      throw result.reason === 'unfinished'
        ? new AppError(409, 'regrade_unfinished', 'Conflict', `${result.pending} submissions of this regrade are still being graded; apply it once it has finished.`)
        : new AppError(409, 'regrade_closed', 'Conflict', `This regrade was already ${batch.state}.`);
    }
    deps.logger.info({ batchId: batch.id, ...result.counts }, 'regrade applied');
    res.json({ ...result.counts, regrade: regradeView(regrades().getBatch(batch.id)!, regrades().regradesOf(batch.id)) });
  });

  router.post('/:id/discard', (req, res) => {
    const batch = batchOf(req.params.id);
    if (!regrades().discard(batch.id, currentUser(req).id)) throw new AppError(409, 'regrade_closed', 'Conflict', `This regrade was already ${batch.state}.`);
    res.json(regradeView(regrades().getBatch(batch.id)!, regrades().regradesOf(batch.id)));
  });

  return router;
}
