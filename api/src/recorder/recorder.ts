import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, ResultMessage, type GradingMessage } from '@grader/contracts';
import { isRedisConnectionError, queueOptions, type Logger } from '@grader/runtime';
import type { SubmissionStore } from '../store/submission-store';
import type { ChangeNotifier } from '../submissions/change-notifier';
import { isAuthoringMessage, type AuthoringMessage } from '../authoring';
import { Canary } from '../operations/canary';
import type { GraderMetrics } from '../operations/grader-metrics';

/**
 * Applies one worker message to the store. Each case is idempotent, so a message that
 * BullMQ delivers twice changes nothing the second time.
 */
export function applyResultMessage(store: SubmissionStore, message: GradingMessage): boolean {
  switch (message.type) {
    case 'started':
      return store.markRunning(message.submissionId, message.workerId, message.at);
    case 'graded':
      return store.recordGrade(message.submissionId, message.workerId, message.at, message.result);
    case 'failed':
      return store.recordFailure(message.submissionId, message.workerId, message.at, message.reason);
  }
}

/**
 * The recorder: the only writer of grades to SQLite. Runs beside the API and consumes
 * what workers publish, so workers need no access to the database file. After each write
 * it tells the notifier, which feeds the live event streams and queues webhooks.
 */
export function startRecorder(options: {
  connection: Redis;
  prefix: string;
  store: SubmissionStore;
  notifier: ChangeNotifier;
  authoring: { record(message: AuthoringMessage): boolean };
  /** Gets the canary's messages, which belong to no submission. */
  canary: Pick<Canary, 'record'>;
  /** Gets trial runs' messages: the visible tests tried, never a submission's grade. */
  trialRuns: { record(message: GradingMessage): boolean };
  metrics: Pick<GraderMetrics, 'recorded'>;
  logger: Logger;
}): Worker {
  const { store, logger } = options;
  const worker = new Worker(
    QUEUES.results,
    async (job) => {
      const parsed = ResultMessage.safeParse(job.data);
      if (!parsed.success) {
        logger.error({ jobId: job.id, issues: parsed.error.issues.slice(0, 5) }, 'malformed result message dropped');
        throw new UnrecoverableError('malformed result message');
      }
      const message = parsed.data;
      // Validations and regrades are instructors' work: recorded apart, never onto a submission's grade, and nobody is notified.
      if (isAuthoringMessage(message)) {
        logger.debug({ type: message.type, changed: options.authoring.record(message) }, 'authoring message recorded');
        return;
      }
      if (message.trial === true) {
        logger.debug({ trialRunId: message.submissionId, type: message.type, changed: options.trialRuns.record(message) }, 'trial run message recorded');
        return;
      }
      if (Canary.owns(message)) {
        options.canary.record(message);
        return;
      }
      // A live grading's message (a regrade's went to its batch above): read before it changes the row, for the metrics.
      const context = store.gradingContext(message.submissionId);
      const changed = applyResultMessage(store, message);
      if (changed && context) options.metrics.recorded(message, context);
      await options.notifier.recorded(message.submissionId, { changed, outcome: message.type !== 'started' });
      logger.debug({ submissionId: message.submissionId, type: message.type, changed }, 'result message recorded');
    },
    // One at a time: SQLite has one writer anyway, and order within a submission is kept.
    { ...queueOptions(options.connection, options.prefix), concurrency: 1 },
  );
  // Connection trouble is said once by the API's connection watcher, not once per retry here.
  worker.on('error', (err) => !isRedisConnectionError(err) && logger.error({ err }, 'recorder error'));
  return worker;
}
