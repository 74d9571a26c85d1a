import { CODE_DRAFT_ROUTES, LIMITS } from '@grader/contracts';
import { currentUser } from '../auth/authenticate';
import { Errors } from '../http/app-error';
import { perUserPerMinute } from '../http/rate-limits';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import type { ExerciseStore } from '../store/exercise-store';
import { checkedFiles } from '../submissions/create-submission';
import type { CodeDraftStore } from './code-draft-store';

/**
 * A student's code in progress, saved as they type: the files are checked as a submission's
 * are (exactly the exercise's files, no control characters), so a draft always loads back
 * into the editor and can be submitted as it is.
 */
export function codeDraftHandlers(deps: { exercises: ExerciseStore; codeDrafts: CodeDraftStore }): TableHandlers<typeof CODE_DRAFT_ROUTES> {
  const R = CODE_DRAFT_ROUTES;
  const perUser = perUserPerMinute(LIMITS.fairUse.codeDraftSavesPerMinute);
  return {
    codeDraft: serve(R.codeDraft, ({ params }, req, res) => {
      const draft = deps.exercises.findPublished(params.slug) && deps.codeDrafts.find(currentUser(req).id, params.slug);
      if (!draft) throw Errors.notFound(`A draft of "${params.slug}"`);
      respond(res, R.codeDraft, 200, draft);
    }),
    saveCodeDraft: serve(
      R.saveCodeDraft,
      ({ params, body }, req, res) => {
        const exercise = deps.exercises.findPublished(params.slug);
        if (!exercise) throw Errors.unknownExercise(params.slug);
        const text = checkedFiles(exercise, body.files);
        respond(res, R.saveCodeDraft, 200, deps.codeDrafts.save(currentUser(req).id, params.slug, text.files));
      },
      [perUser],
    ),
    discardCodeDraft: serve(R.discardCodeDraft, ({ params }, req, res) => {
      deps.codeDrafts.discard(currentUser(req).id, params.slug);
      res.status(204).end();
    }),
  };
}
