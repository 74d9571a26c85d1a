import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Redis } from 'ioredis';
import { LIMITS } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { accessGuards } from './auth/access-guards';
import { authenticate, requireUser } from './auth/authenticate';
import type { Authoring } from './authoring';
import { plainCookies } from './http/cookies';
import { requireHostHeader } from './http/host-header';
import { problemHandler, routeNotFound } from './http/problem-handler';
import { routerOf } from './http/serve-route';
import { apiAnswersNotStored, noSniffing } from './http/security-headers';
import type { GradeQueue } from './queue/grade-queue';
import { exerciseRoutes } from './routes/exercises';
import { healthRoutes } from './routes/health';
import { internalRoutes } from './routes/internal';
import { courseRoutes } from './routes/courses';
import { docsRoutes } from './routes/docs';
import { buildOpenApiDocument } from './openapi/openapi-document';
import apiPackage from '../package.json';
import { sessionRoutes } from './routes/session';
import { submissionRoutes } from './routes/submissions';
import { userRoutes } from './routes/users';
import { webAppRoutes } from './routes/web-app';
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
  idempotency: IdempotencyStore;
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
  /** Exercise authoring (drafts, validations, versions, regrades, reports): its routes, mounted here. */
  authoring: Pick<Authoring, 'routes'>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The Express app, without listening: tests drive it, main.ts serves it. */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use(
    pinoHttp({
      logger: deps.logger,
      // Reuse a caller's request id when it is sane, so logs can be joined across services.
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
    }),
  );
  app.use(noSniffing);
  app.use(requireHostHeader);
  app.use(express.json({ limit: LIMITS.http.bodyBytes, strict: true }));
  app.use(plainCookies);

  app.use('/healthz', healthRoutes(deps));
  app.use(docsRoutes(buildOpenApiDocument(apiPackage.version)));
  app.use('/internal', internalRoutes(deps));

  app.use('/api', apiAnswersNotStored);
  app.use('/api', authenticate(deps.users));
  app.use('/api', sessionRoutes(deps));
  app.use('/api', userRoutes(deps));
  app.use('/api/courses', courseRoutes(deps));
  app.use('/api/exercises', requireUser, exerciseRoutes(deps.exercises));
  app.use('/api/submissions', submissionRoutes({ ...deps, submissionsPerMinute: deps.fairUse.submissionsPerMinute }));
  const guards = accessGuards(deps.internalToken);
  // Every path under /api/instructor is for staff, those no route answers included: others get 401/403 there, as before the route table.
  app.use('/api/instructor', ...guards.staff);
  app.use(routerOf(deps.authoring.routes, guards));

  // Last before the 404 handler: page addresses the API does not answer go to the web app.
  app.use(webAppRoutes());
  app.use(routeNotFound);
  app.use(problemHandler(deps.logger));
  return app;
}
