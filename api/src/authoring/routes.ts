import { AUTHORING_ROUTES, manifestJsonSchema } from '@grader/contracts';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import type { AuthoringContext } from './context';
import { draftHandlers, validationHandlers } from './draft-routes';
import { exerciseHandlers } from './exercise-routes';
import { regradeHandlers } from './regrade-routes';

/**
 * Every route of AUTHORING_ROUTES with its handler (leaving one out is a type error). Handlers
 * read the context only when a request comes, so the routes can be listed without one.
 */
export function authoringRoutes(ctx: AuthoringContext): TableHandlers<typeof AUTHORING_ROUTES> {
  return {
    /** The same schema as docs/exercise.schema.json, for editors and the CLI. */
    manifestSchema: serve(AUTHORING_ROUTES.manifestSchema, (_input, _req, res) => {
      res.type('application/schema+json');
      respond(res, AUTHORING_ROUTES.manifestSchema, 200, manifestJsonSchema());
    }),
    ...draftHandlers(ctx),
    ...validationHandlers(ctx),
    ...exerciseHandlers(ctx),
    ...regradeHandlers(ctx),
  };
}
