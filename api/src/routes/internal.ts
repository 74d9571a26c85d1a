import { INTERNAL_ROUTES, type ExerciseBundle } from '@grader/contracts';
import { Errors } from '../http/app-error';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import type { ExerciseStore } from '../store/exercise-store';

/** Routes for workers only: exercise bundles (hidden tests included) by content hash, published or draft. */
export function internalHandlers(deps: { exercises: ExerciseStore }): TableHandlers<typeof INTERNAL_ROUTES> {
  const { bundle } = INTERNAL_ROUTES;
  return {
    bundle: serve(bundle, ({ params }, _req, res) => {
      const found = deps.exercises.findBundle(params.hash);
      if (!found) throw Errors.notFound(`Bundle "${params.hash}"`);
      // Content-addressed: the same hash always has the same content.
      res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
      // The manifest is stored as it was checked when the version or draft was made.
      respond(res, bundle, 200, { hash: params.hash, manifest: found.manifest as ExerciseBundle['manifest'], files: found.files });
    }),
  };
}
