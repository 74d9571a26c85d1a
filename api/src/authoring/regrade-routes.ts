import { AUTHORING_ROUTES as R } from '@grader/contracts';
import { currentUser } from '../auth/authenticate';
import { AppError, Errors } from '../http/app-error';
import { respond, serve } from '../http/serve-route';
import type { AuthoringContext } from './context';
import { exerciseFound } from './exercise-routes';
import type { RegradeBatch } from './regrade-store';
import { startRegrade } from './regrade-batch';
import { regradeView } from './views';

/** Regrades of an exercise against its current version: a preview to poll, applied or discarded by an instructor; a submission's grades. */
export function regradeHandlers(ctx: AuthoringContext) {
  const { regrades } = ctx;
  const known = [exerciseFound(ctx)];
  const batchOf = (id: string): RegradeBatch => {
    const batch = regrades.getBatch(id);
    if (!batch) throw Errors.notFound(`Regrade "${id}"`);
    return batch;
  };
  /** The batch as it is now, with its rows. */
  const viewOf = (id: string) => regradeView(regrades.getBatch(id)!, regrades.regradesOf(id));
  const closed = (batch: RegradeBatch) => new AppError('regrade_closed', `This regrade was already ${batch.state}.`);

  return {
    /** A regrade against the current version: a preview to poll, applied only when an instructor says so. */
    startRegrade: serve(
      R.startRegrade,
      async ({ params: { slug }, body }, req, res) => {
        const { batch } = await startRegrade(ctx, { slug, all: body.all, userId: currentUser(req).id });
        res.location(`/api/instructor/regrades/${batch.id}`);
        respond(res, R.startRegrade, 202, regradeView(batch, regrades.regradesOf(batch.id)));
      },
      known,
    ),

    listRegrades: serve(
      R.listRegrades,
      ({ params: { slug } }, _req, res) => respond(res, R.listRegrades, 200, { items: regrades.listBatches(slug).map((b) => regradeView(b, regrades.regradesOf(b.id))) }),
      known,
    ),

    getRegrade: serve(R.getRegrade, ({ params }, _req, res) => {
      const batch = batchOf(params.id);
      respond(res, R.getRegrade, 200, regradeView(batch, regrades.regradesOf(batch.id)));
    }),

    /** Each regraded submission takes its new grade; the old one stays in its grade history. */
    applyRegrade: serve(R.applyRegrade, ({ params }, req, res) => {
      const batch = batchOf(params.id);
      const result = regrades.apply(batch.id, currentUser(req).id);
      if (!result.ok) {
        throw result.reason === 'unfinished'
          ? new AppError('regrade_unfinished', `${result.pending} submissions of this regrade are still being graded; apply it once it has finished.`)
          : closed(batch);
      }
      ctx.logger.info({ batchId: batch.id, ...result.counts }, 'regrade applied');
      respond(res, R.applyRegrade, 200, { ...result.counts, regrade: viewOf(batch.id) });
    }),

    discardRegrade: serve(R.discardRegrade, ({ params }, req, res) => {
      const batch = batchOf(params.id);
      if (!regrades.discard(batch.id, currentUser(req).id)) throw closed(batch);
      respond(res, R.discardRegrade, 200, viewOf(batch.id));
    }),

    /** A submission's grades: the current one, then those a regrade replaced. */
    gradeHistory: serve(R.gradeHistory, ({ params }, _req, res) => {
      const s = ctx.submissions.get(params.id);
      if (!s) throw Errors.notFound(`Submission "${params.id}"`);
      respond(res, R.gradeHistory, 200, {
        submissionId: s.id,
        current: { exerciseVersion: s.exerciseVersion, status: s.status, score: s.score, maxScore: s.maxScore, verdict: s.verdict, gradedAt: s.finishedAt },
        history: regrades.historyOf(s.id),
      });
    }),
  };
}
