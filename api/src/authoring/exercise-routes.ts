import type { RequestHandler } from 'express';
import { AUTHORING_ROUTES as R, Slug } from '@grader/contracts';
import { Errors } from '../http/app-error';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { parseParams } from '../http/parse';
import { respond, serve } from '../http/serve-route';
import type { AuthoringContext } from './context';
import { exerciseStatistics } from './exercise-statistics';
import { gradebookCsv } from './gradebook-csv';

/**
 * 404 unless the path names an exercise that exists (published or archived), checked before the
 * query or body is read: an unknown exercise is a 404 whatever else the request holds.
 */
export function exerciseFound(ctx: Pick<AuthoringContext, 'exercises'>): RequestHandler {
  return (req, _res, next) => {
    const raw = String(req.params.slug);
    const slug = parseParams(raw, Slug, `Exercise "${raw}"`);
    next(ctx.exercises.statusOf(slug) ? undefined : Errors.notFound(`Exercise "${slug}"`));
  };
}

/** One exercise's life for instructors: versions, package, archiving, its submissions and statistics; and the gradebook. */
export function exerciseHandlers(ctx: AuthoringContext) {
  const known = [exerciseFound(ctx)];
  const setStatus = <S extends 'archived' | 'published'>(slug: string, status: S) => {
    ctx.exercises.setStatus(slug, status);
    return { slug, status };
  };
  return {
    listCatalogue: serve(R.listCatalogue, (_input, _req, res) => {
      respond(res, R.listCatalogue, 200, { items: ctx.exercises.listAll() });
    }),

    listVersions: serve(R.listVersions, ({ params }, _req, res) => respond(res, R.listVersions, 200, { items: ctx.exercises.listVersions(params.slug) }), known),

    /** A version's whole package (manifest, statement, tests, solutions): what an instructor edits into a new draft. */
    exercisePackage: serve(
      R.exercisePackage,
      ({ params: { slug }, query }, _req, res) => {
        const version = query.version ?? ctx.exercises.listVersions(slug).at(-1)?.version;
        const found = version === undefined ? undefined : ctx.exercises.findVersion(slug, version);
        if (!found) throw Errors.notFound(`Version ${query.version} of exercise "${slug}"`);
        respond(res, R.exercisePackage, 200, { slug, version: found.version, bundleHash: found.bundleHash, files: found.files });
      },
      known,
    ),

    /** Students no longer see an archived exercise nor submit to it; its grades stay. */
    archiveExercise: serve(R.archiveExercise, ({ params }, _req, res) => respond(res, R.archiveExercise, 200, setStatus(params.slug, 'archived')), known),

    restoreExercise: serve(R.restoreExercise, ({ params }, _req, res) => respond(res, R.restoreExercise, 200, setStatus(params.slug, 'published')), known),

    exerciseSubmissions: serve(
      R.exerciseSubmissions,
      ({ params: { slug }, query }, _req, res) => {
        const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
        const page = ctx.reports.listSubmissions({ exercise: slug, status: query.status, userId: query.user, verdict: query.verdict, after, limit: query.limit + 1 });
        const items = page.slice(0, query.limit);
        const last = items[items.length - 1];
        respond(res, R.exerciseSubmissions, 200, {
          items,
          nextCursor: page.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
        });
      },
      known,
    ),

    exerciseStatistics: serve(R.exerciseStatistics, ({ params: { slug } }, _req, res) => respond(res, R.exerciseStatistics, 200, exerciseStatistics(slug, ctx.reports.statistics(slug))), known),

    /** One row per student, one column per exercise, the best score in each cell. */
    gradebook: serve(R.gradebook, ({ query }, _req, res) => {
      if (query.course && !ctx.courses.get(query.course)) throw Errors.notFound(`Course "${query.course}"`);
      const csv = gradebookCsv(ctx.reports.gradebook({ courseId: query.course }));
      res.type('text/csv; charset=utf-8').attachment('gradebook.csv').send(csv);
    }),
  };
}
