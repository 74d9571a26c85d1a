import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';

/** Where the queue dashboard is served (behind the admin role: app.ts). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board's dashboard of every queue: jobs one by one, their data, attempts and failures, with
 * retry and clean. Its UI is served from the package itself (no outside network). Jobs' data hold
 * submitted code and, for a validation, the exercise's hidden tests: admins only, never staff.
 */
export function queueDashboard(queues: Queue[], basePath: string): RequestHandler {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'grader queues' } } });
  return serverAdapter.getRouter() as RequestHandler;
}
