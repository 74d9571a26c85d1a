import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { LIMITS } from '@grader/contracts';
import { connectRedis, connectRedisForRequests, requireInternalToken, watchRedisConnection, type Config, type Logger } from '@grader/runtime';
import { buildApp } from './app';
import { bootstrapAdmin } from './auth/bootstrap-admin';
import { createAuthoring } from './authoring';
import { guardHttpServer } from './http/client-error';
import { syncExerciseFolders } from './exercises/catalog-sync';
import { GradeQueue } from './queue/grade-queue';
import { Reconciler } from './recorder/reconciler';
import { startRecorder } from './recorder/recorder';
import { backupDir, databaseFile, openDatabase } from './store/database';
import { AssignmentStore } from './assignments/assignment-store';
import { CourseStore } from './store/course-store';
import { ExerciseStore } from './store/exercise-store';
import { CodeDraftStore } from './code-drafts/code-draft-store';
import { TrialRunStore } from './trial-runs/trial-run-store';
import { IdempotencyStore } from './store/idempotency-store';
import { SubmissionStore } from './store/submission-store';
import { UserStore } from './store/user-store';
import { WebhookAttemptStore } from './store/webhook-attempt-store';
import { ChangeNotifier } from './submissions/change-notifier';
import { SubmissionEvents } from './submissions/submission-events';
import { AddressPolicy } from './webhooks/address-policy';
import { Backups } from './operations/backups';
import { Canary, canaryExercise } from './operations/canary';
import { GraderMetrics } from './operations/grader-metrics';
import { QueueSet } from './operations/queue-census';
import { WebhookClient } from './webhooks/webhook-client';
import { startWebhookDeliverer } from './webhooks/webhook-deliverer';
import { WebhookQueue } from './webhooks/webhook-queue';
import { createLti } from './lti';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/** Starts the API, the recorder, the reconciler and the webhook deliverer: everything that touches the SQLite file. */
export async function startApi(config: Config, logger: Logger): Promise<RunningApi> {
  const internalToken = requireInternalToken(config);
  const db = openDatabase(databaseFile(config.dataDir));
  const exercises = new ExerciseStore(db);
  const submissions = new SubmissionStore(db);
  const users = new UserStore(db);
  const courses = new CourseStore(db);
  const assignments = new AssignmentStore(db);
  const idempotency = new IdempotencyStore(db);
  const codeDrafts = new CodeDraftStore(db);
  const trialRuns = new TrialRunStore(db);
  const webhookAttempts = new WebhookAttemptStore(db);
  const webhookPolicy = new AddressPolicy(config.webhooks.allowHosts);
  const events = new SubmissionEvents();
  bootstrapAdmin(users, config.dataDir, logger);
  const { loaded, failed } = syncExerciseFolders(config.exercisesDir, exercises, logger);
  logger.info({ loaded, failed, dir: config.exercisesDir }, 'exercises loaded');

  // Request paths fail fast while Redis is down (503 at once); background consumers wait it out.
  const redis = connectRedisForRequests(config.redisUrl);
  watchRedisConnection(redis, logger, 'api');
  const queue = new GradeQueue(redis, config.queuePrefix, config.retry);
  const recorderRedis = connectRedis(config.redisUrl);
  recorderRedis.on('error', () => undefined);
  const webhookQueue = new WebhookQueue(redis, config.queuePrefix, config.webhooks.backoffMs);
  const lti = createLti({
    db,
    users,
    courses,
    assignments,
    exercises,
    submissions,
    redis,
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    backoffMs: config.ltiBackoffMs,
    secureCookies: config.secureCookies,
    publicUrl: config.publicUrl,
    logger,
  });
  const notifier = new ChangeNotifier({ store: submissions, events, webhooks: webhookQueue, ltiScores: lti.scores });
  const authoring = createAuthoring({ db, redis, prefix: config.queuePrefix, retry: config.retry, exercises, submissions, courses, gradeQueue: queue, logger });
  const queues = new QueueSet(redis, config.queuePrefix);
  const metrics = new GraderMetrics({
    db,
    queues: {
      jobCounts: () => queues.jobCounts(),
      workers: () => (redis.status === 'ready' ? queue.workerCensus() : Promise.resolve(null)),
    },
  });
  const canary = new Canary(
    { enqueueCanary: (id, version, files) => queue.enqueueCanary(id, version, files) },
    { ...config.canary, exercise: () => canaryExercise(exercises.listPublished()) },
    logger,
  );
  const backups = new Backups(db, backupDir(config.dataDir), config.backups.keep);
  const recorder = startRecorder({ connection: recorderRedis, prefix: config.queuePrefix, store: submissions, notifier, authoring, canary, trialRuns, metrics, logger });
  const reconciler = new Reconciler(submissions, exercises, queue, logger, undefined, notifier);
  const webhookRedis = connectRedis(config.redisUrl);
  webhookRedis.on('error', () => undefined);
  const webhookClient = new WebhookClient(webhookPolicy);
  const deliverer = startWebhookDeliverer({ connection: webhookRedis, prefix: config.queuePrefix, users, attempts: webhookAttempts, client: webhookClient, logger });
  lti.start();
  reconciler.start(LIMITS.queue.reconcileEveryMs);
  authoring.start(LIMITS.queue.reconcileEveryMs);
  canary.start();
  const backupTimer = scheduleBackups(backups, config.backups.everyMinutes, logger);
  const app = buildApp({
    db,
    redis,
    exercises,
    submissions,
    users,
    courses,
    assignments,
    idempotency,
    codeDrafts,
    trialRuns,
    queue,
    logger,
    internalToken,
    fairUse: config.fairUse,
    secureCookies: config.secureCookies,
    events,
    webhookAttempts,
    webhookPolicy,
    authoring,
    lti,
    metricsToken: config.metricsToken,
    metrics,
    canary,
    backups,
    queues,
  });
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    // Express 5 hands a listen error (a port in use) to this callback, not only to 'error'.
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(new Error(`cannot listen on ${config.host}:${config.port}: ${err.message}`)) : resolve(s)));
    guardHttpServer(s, logger);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url }, 'API listening');

  return {
    url,
    async close() {
      // Open event streams end first; the server cannot close while they hold connections.
      events.close();
      canary.stop();
      clearInterval(backupTimer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await reconciler.stop();
      await recorder.close();
      await authoring.close();
      await deliverer.close();
      await lti.close();
      webhookClient.close();
      await webhookQueue.close();
      await queue.close();
      await queues.close();
      recorderRedis.disconnect();
      webhookRedis.disconnect();
      redis.disconnect();
      db.close();
    },
  };
}

/** Takes an online backup every `everyMinutes` (0: never on schedule); a failure is logged and the next one tried. */
function scheduleBackups(backups: Backups, everyMinutes: number, logger: Logger): NodeJS.Timeout | undefined {
  if (everyMinutes <= 0) return undefined;
  const timer = setInterval(() => {
    backups.take().then(
      (taken) => logger.info({ backup: taken.name, bytes: taken.bytes }, 'database backed up'),
      (err) => logger.error({ err: (err as Error).message, dir: backups.dir }, 'scheduled backup failed'),
    );
  }, everyMinutes * 60_000);
  timer.unref();
  return timer;
}
