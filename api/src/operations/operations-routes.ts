import { OPERATIONS_ROUTES } from '@grader/contracts';
import { AppError } from '../http/app-error';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import type { GraderMetrics } from './grader-metrics';
import type { GradeQueue } from '../queue/grade-queue';
import type { Backups } from './backups';
import type { QueueSet } from './queue-census';
import type { Logger } from '@grader/runtime';

export interface OperationsDeps {
  logger: Logger;
  metrics: GraderMetrics;
  backups: Backups;
  queue: GradeQueue;
  queues: QueueSet;
}

/** Prometheus metrics, the admins' overview (workers, queues, backups), and a backup on demand. */
export function operationsHandlers(deps: OperationsDeps): TableHandlers<typeof OPERATIONS_ROUTES> {
  const { metrics, operations, takeBackup } = OPERATIONS_ROUTES;
  return {
    metrics: serve(metrics, async (_input, _req, res) => {
      const { body, contentType } = await deps.metrics.scrape();
      res.setHeader('Content-Type', contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
    }),
    operations: serve(operations, async (_input, _req, res) => {
      const [workers, queues] = await Promise.all([deps.queue.workerReports().catch(() => []), deps.queues.jobCounts().catch(() => null)]);
      respond(res, operations, 200, { workers, queues, backups: deps.backups.list() });
    }),
    takeBackup: serve(takeBackup, async (_input, _req, res) => {
      let taken;
      try {
        taken = await deps.backups.take();
      } catch (err) {
        // The cause (a disk full, a folder not writable) names the host's paths: for the operator's log, not the answer.
        deps.logger.error({ err: (err as Error).message, dir: deps.backups.dir }, 'backup on demand failed');
        throw new AppError('backup_failed', 'The backup could not be written; the API\'s log says why. Nothing else changed.');
      }
      respond(res, takeBackup, 201, taken);
    }),
  };
}
