import type { RequestHandler } from 'express';
import { API_ROUTES, FENCED_PREFIXES } from '@grader/contracts';
import { accessGuards } from '../auth/access-guards';
import { routerOf, type Served, type TableHandlers } from '../http/serve-route';
import type { OpenApiDocument } from '../openapi/generate-document';
import { assignmentHandlers } from '../assignments/assignment-routes';
import { codeDraftHandlers } from '../code-drafts/code-draft-routes';
import { trialRunHandlers } from '../trial-runs/trial-run-routes';
import { courseHandlers } from './courses';
import { docsHandlers } from './docs';
import { exerciseHandlers } from './exercises';
import { healthHandler } from './health';
import { internalHandlers } from './internal';
import { operationsHandlers } from '../operations/operations-routes';
import { sessionHandlers } from './session';
import { submissionHandlers, type SubmissionRouteDeps } from './submissions';
import { userHandlers } from './users';
import type { AppDeps } from '../app';

/** The handler of every route of the table: leaving one out does not compile. */
export function apiHandlers(deps: AppDeps, document: OpenApiDocument): TableHandlers<typeof API_ROUTES> {
  const submissionDeps: SubmissionRouteDeps = { ...deps, submissionsPerMinute: deps.fairUse.submissionsPerMinute };
  return {
    health: healthHandler(deps),
    ...docsHandlers(document),
    ...sessionHandlers(deps),
    ...userHandlers(deps),
    ...courseHandlers(deps),
    ...assignmentHandlers(deps),
    ...exerciseHandlers(deps.exercises),
    ...codeDraftHandlers(deps),
    ...trialRunHandlers(deps),
    ...submissionHandlers(submissionDeps),
    ...deps.authoring.routes,
    ...deps.lti.routes,
    ...internalHandlers(deps),
    ...operationsHandlers(deps),
  };
}

/** Every route of the table, served behind the guards of its access (and its prefix's fence). */
export function apiRouter(deps: AppDeps, document: OpenApiDocument): RequestHandler {
  // Each handler is typed against its own route; the router only needs them as served routes.
  const served = Object.values(apiHandlers(deps, document)) as Served[];
  return routerOf(served, accessGuards(deps.internalToken, deps.metricsToken), FENCED_PREFIXES);
}
