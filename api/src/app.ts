import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import { LIMITS } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { authenticate, requireRole } from './auth/authenticate';
import type { Canary } from './operations/canary';
import type { GraderMetrics } from './operations/grader-metrics';
import { QUEUE_DASHBOARD_PATH, queueDashboard } from './operations/queue-dashboard';
import type { QueueSet } from './operations/queue-census';
import type { Backups } from './operations/backups';
import { accessLog } from './http/access-log';
import { plainCookies } from './http/cookies';
import { requireHostHeader } from './http/host-header';
import { jsonBodies } from './http/json-bodies';
import { problemHandler, routeNotFound } from './http/problem-handler';
import { apiAnswersNotStored, noSniffing } from './http/security-headers';
import type { GradeQueue } from './queue/grade-queue';
import type { Authoring } from './authoring';
import type { Lti } from './lti';
import { apiRouter } from './routes/api-routes';
import { DOCS_ASSETS_PATH, docsAssets } from './routes/docs';
import { atPrefix, oneLayer } from './http/one-layer';
import { buildOpenApiDocument } from './openapi/generate-document';
import apiPackage from '../package.json';
import { webAppRoutes } from './routes/web-app';
import type { AssignmentStore } from './assignments/assignment-store';
import type { CodeDraftStore } from './code-drafts/code-draft-store';
import type { TrialRunStore } from './trial-runs/trial-run-store';
import type { CourseStore } from './store/course-store';
import type { Db } from './store/database';
import type { ExerciseStore } from './store/exercise-store';
import type { IdempotencyStore } from './store/idempotency-store';
import type { SubmissionStore } from './store/submission-store';
import type { UserStore } from './store/user-store';
import type { WebhookAttemptStore } from './store/webhook-attempt-store';
import type { SubmissionEvents } from './submissions/submission-events';
import type { AddressPolicy } from './webhooks/address-policy';
import type { ResolveHost } from './webhooks/callback-url';

export interface AppDeps {
  db: Db;
  redis: Redis;
  exercises: ExerciseStore;
  submissions: SubmissionStore;
  users: UserStore;
  courses: CourseStore;
  assignments: AssignmentStore;
  idempotency: IdempotencyStore;
  codeDrafts: CodeDraftStore;
  trialRuns: TrialRunStore;
  queue: GradeQueue;
  logger: Logger;
  internalToken: string;
  fairUse: { submissionsPerMinute: number; queuedPerUser: number; queueCapacity: number };
  secureCookies: boolean;
  /** Submission changes, published by the recorder, followed by event streams. */
  events: SubmissionEvents;
  webhookAttempts: WebhookAttemptStore;
  /** Which addresses a callback URL may reach. */
  webhookPolicy: AddressPolicy;
  resolveHost?: ResolveHost;
  /** Exercise authoring (drafts, validations, versions, regrades, reports): its handlers join the route table's. */
  authoring: Pick<Authoring, 'routes'>;
  /** LTI 1.3 (api/src/lti): its handlers join the route table's. */
  lti: Pick<Lti, 'routes'>;
  /** GRADER_METRICS_TOKEN: what a scraper sends for /metrics (none: /metrics is closed). */
  metricsToken?: string;
  metrics: GraderMetrics;
  canary: Canary;
  backups: Backups;
  /** Every queue, for the queue dashboard (/admin/queues) and the admins' overview. */
  queues: QueueSet;
}

/** The Express app, without listening: tests drive it, main.ts serves it. */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // No ETag computed over every answer (a SHA-1 of the body): API answers are never stored
  // (Cache-Control: no-store) and the static files get their own from express.static.
  app.set('etag', false);

  // What every request goes through, in this order, as one layer each (oneLayer: fewer layers, cheaper requests).
  app.use(oneLayer(accessLog(deps.logger, (req, status, seconds) => deps.metrics.httpRequest(req.method, req.routePattern ?? 'unmatched', status, seconds)), noSniffing, requireHostHeader, jsonBodies({ limit: LIMITS.http.bodyBytes, strict: true }), plainCookies));
  app.use(atPrefix('/api', apiAnswersNotStored, authenticate(deps.users)));
  // Every route of the table (@grader/contracts), each behind the guards of its declared access.
  app.use(apiRouter(deps, buildOpenApiDocument(apiPackage.version)));
  // After the table, so that an API request does not walk past it.
  app.use(DOCS_ASSETS_PATH, docsAssets());
  // The queue dashboard (bull-board), for admins only.
  app.use(QUEUE_DASHBOARD_PATH, authenticate(deps.users, { csrf: 'same-origin' }), requireRole('admin'), queueDashboard(deps.queues.queues, QUEUE_DASHBOARD_PATH));

  // Last before the 404 handler: page addresses the API does not answer go to the web app.
  app.use(webAppRoutes());
  app.use(routeNotFound);
  app.use(problemHandler(deps.logger));
  return app;
}
