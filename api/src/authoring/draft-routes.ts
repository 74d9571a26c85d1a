import { AUTHORING_ROUTES as R } from '@grader/contracts';
import { currentUser } from '../auth/authenticate';
import { AppError, Errors } from '../http/app-error';
import { respond, serve } from '../http/serve-route';
import type { AuthoringContext } from './context';
import { requestValidation } from './draft-validation';
import type { Draft } from './draft-store';
import { archiveBody, packageFromRequest } from './package-upload';
import { publishDraft } from './publish-draft';
import { draftDetail, draftSummary, validationView } from './views';

/** The draft with this id, or 404. */
function draftOf(ctx: Pick<AuthoringContext, 'drafts'>, id: string): Draft {
  const draft = ctx.drafts.get(id);
  if (!draft) throw Errors.notFound(`Draft "${id}"`);
  return draft;
}

/** Drafts: create (JSON files or an archive), list, read, replace, discard. */
export function draftHandlers(ctx: AuthoringContext) {
  const summary = (draft: Draft) => draftSummary(draft, ctx.validations.latestOf(draft.id));

  return {
    createDraft: serve(
      R.createDraft,
      async (_input, req, res) => {
        const pkg = await packageFromRequest(req);
        const draft = ctx.drafts.create(pkg, currentUser(req).id);
        res.location(`/api/instructor/drafts/${draft.id}`);
        respond(res, R.createDraft, 201, draftSummary(draft, undefined));
      },
      [archiveBody],
    ),

    listDrafts: serve(R.listDrafts, ({ query }, _req, res) => {
      const items = ctx.drafts.list({ slug: query.slug, all: query.all === 'true' });
      respond(res, R.listDrafts, 200, { items: items.map(summary) });
    }),

    getDraft: serve(R.getDraft, ({ params }, _req, res) => {
      const draft = draftOf(ctx, params.id);
      respond(res, R.getDraft, 200, draftDetail(draft, ctx.validations.latestOf(draft.id)));
    }),

    /** New content for the same exercise; its earlier validations no longer count for publishing. */
    replaceDraft: serve(
      R.replaceDraft,
      async ({ params }, req, res) => {
        const draft = draftOf(ctx, params.id);
        const pkg = await packageFromRequest(req);
        if (pkg.manifest.slug !== draft.slug) {
          throw new AppError('slug_changed', `This draft is for "${draft.slug}"; the package is for "${pkg.manifest.slug}". Create a new draft instead.`, {
            errors: [{ path: 'slug', message: `must stay "${draft.slug}"` }],
          });
        }
        if (!ctx.drafts.replace(draft.id, pkg)) throw new AppError('draft_closed', `This draft was ${draft.state}; create a new draft to change the exercise.`);
        respond(res, R.replaceDraft, 200, summary(ctx.drafts.get(draft.id)!));
      },
      [archiveBody],
    ),

    discardDraft: serve(R.discardDraft, ({ params }, _req, res) => {
      const draft = draftOf(ctx, params.id);
      if (!ctx.drafts.discard(draft.id)) throw new AppError('draft_closed', `This draft was ${draft.state} and can no longer be discarded.`);
      res.status(204).end();
    }),
  };
}

/** A draft's validations (queued on a worker, polled) and its publishing once one passed. */
export function validationHandlers(ctx: AuthoringContext) {
  return {
    validateDraft: serve(R.validateDraft, async ({ params }, req, res) => {
      const draft = draftOf(ctx, params.id);
      // Asking again while the same content is still being validated answers with that validation.
      const { validation } = await requestValidation(ctx, draft, currentUser(req).id);
      res.location(`/api/instructor/validations/${validation.id}`);
      respond(res, R.validateDraft, 202, validationView(validation, draft));
    }),

    listValidations: serve(R.listValidations, ({ params }, _req, res) => {
      const draft = draftOf(ctx, params.id);
      respond(res, R.listValidations, 200, { items: ctx.validations.listOf(draft.id).map((v) => validationView(v, draft)) });
    }),

    /** Only when the draft's latest validation passed for exactly its current content; 409 with the reason otherwise. */
    publishDraft: serve(R.publishDraft, ({ params }, req, res) => {
      const draft = draftOf(ctx, params.id);
      const published = publishDraft(ctx, draft);
      ctx.logger.info({ ...published, draftId: draft.id, by: currentUser(req).id }, 'exercise published from a draft');
      res.location(`/api/exercises/${published.slug}`);
      respond(res, R.publishDraft, published.created ? 201 : 200, { ...published, draftId: draft.id });
    }),

    /** A validation report, polled after POST .../validations. */
    getValidation: serve(R.getValidation, ({ params }, _req, res) => {
      const validation = ctx.validations.get(params.id);
      if (!validation) throw Errors.notFound(`Validation "${params.id}"`);
      respond(res, R.getValidation, 200, validationView(validation, ctx.drafts.get(validation.draftId)));
    }),
  };
}
