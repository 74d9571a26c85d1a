import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/authenticate';
import { archiveBody, packageFromRequest } from '../exercises/package-upload';
import { AppError, Errors } from '../http/app-error';
import { parseParams, parseQuery } from '../http/parse';
import { requestValidation } from '../instructor/draft-validation';
import { publishDraft } from '../instructor/publish-draft';
import { draftDetail, draftSummary, validationView } from '../presenters/authoring-view';
import type { Draft } from '../store/draft-store';
import type { AuthoringRouteDeps } from './exercise-authoring';

export const ListDraftsQuery = z.strictObject({
  slug: z.string().max(64).optional(),
  /** Also published and discarded drafts. */
  all: z.enum(['true', 'false']).optional(),
});

/** Drafts: create (JSON files or an archive), read, replace, discard, validate, publish. */
export function draftRoutes(deps: AuthoringRouteDeps): Router {
  const router = Router();
  // Read when a request comes, not when the routes are built (the OpenAPI test builds them with stand-ins).
  const drafts = () => deps.authoring.drafts;
  const validations = () => deps.authoring.validations;

  const draftOf = (raw: unknown): Draft => {
    const id = parseParams(raw, z.uuid(), `Draft "${String(raw)}"`);
    const draft = drafts().get(id);
    if (!draft) throw Errors.notFound(`Draft "${id}"`);
    return draft;
  };

  router.post('/', archiveBody, async (req, res) => {
    const pkg = await packageFromRequest(req);
    const draft = drafts().create(pkg, currentUser(req).id);
    res.status(201).location(`/api/instructor/drafts/${draft.id}`).json(draftSummary(draft, undefined));
  });

  router.get('/', (req, res) => {
    const query = parseQuery(req, ListDraftsQuery);
    const items = drafts().list({ slug: query.slug, all: query.all === 'true' });
    res.json({ items: items.map((d) => draftSummary(d, validations().latestOf(d.id))) });
  });

  router.get('/:id', (req, res) => {
    const draft = draftOf(req.params.id);
    res.json(draftDetail(draft, validations().latestOf(draft.id)));
  });

  /** New content for the same exercise; its earlier validations no longer count for publishing. */
  router.put('/:id', archiveBody, async (req, res) => {
    const draft = draftOf(req.params.id);
    const pkg = await packageFromRequest(req);
    if (pkg.manifest.slug !== draft.slug) {
      throw new AppError(422, 'slug_changed', 'Slug changed', `This draft is for "${draft.slug}"; the package is for "${pkg.manifest.slug}". Create a new draft instead.`, {
        errors: [{ path: 'slug', message: `must stay "${draft.slug}"` }],
      });
    }
    if (!drafts().replace(draft.id, pkg)) throw new AppError(409, 'draft_closed', 'Conflict', `This draft was ${draft.state}; create a new draft to change the exercise.`);
    const updated = drafts().get(draft.id)!;
    res.json(draftSummary(updated, validations().latestOf(updated.id)));
  });

  router.delete('/:id', (req, res) => {
    const draft = draftOf(req.params.id);
    if (!drafts().discard(draft.id)) throw new AppError(409, 'draft_closed', 'Conflict', `This draft was ${draft.state} and can no longer be discarded.`);
    res.status(204).end();
  });

  router.post('/:id/validations', async (req, res) => {
    const draft = draftOf(req.params.id);
    // Asking again while the same content is still being validated answers with that validation.
    const { validation } = await requestValidation({ ...deps.authoring, logger: deps.logger }, draft, currentUser(req).id);
    res
      .status(202)
      .location(`/api/instructor/validations/${validation.id}`)
      .json(validationView(validation, draft));
  });

  router.get('/:id/validations', (req, res) => {
    const draft = draftOf(req.params.id);
    res.json({ items: validations().listOf(draft.id).map((v) => validationView(v, draft)) });
  });

  /** Only when the draft's latest validation passed for exactly its current content; 409 with the reason otherwise. */
  router.post('/:id/publish', (req, res) => {
    const draft = draftOf(req.params.id);
    const published = publishDraft({ db: deps.db, exercises: deps.exercises, drafts: drafts(), validations: validations() }, draft);
    deps.logger.info({ ...published, draftId: draft.id, by: currentUser(req).id }, 'exercise published from a draft');
    res
      .status(published.created ? 201 : 200)
      .location(`/api/exercises/${published.slug}`)
      .json({ ...published, draftId: draft.id });
  });

  return router;
}

/** A validation report, polled after POST .../validations. */
export function validationRoutes(deps: AuthoringRouteDeps): Router {
  const router = Router();
  router.get('/:id', (req, res) => {
    const id = parseParams(req.params.id, z.uuid(), `Validation "${req.params.id}"`);
    const validation = deps.authoring.validations.get(id);
    if (!validation) throw Errors.notFound(`Validation "${id}"`);
    res.json(validationView(validation, deps.authoring.drafts.get(validation.draftId)));
  });
  return router;
}
