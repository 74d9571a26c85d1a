import type { Redis } from 'ioredis';
import { LIMITS, SERVICE_ROUTES, type WorkerCensus } from '@grader/contracts';
import { respond, serve, type Served } from '../http/serve-route';
import type { Canary } from '../operations/canary';
import type { GradeQueue } from '../queue/grade-queue';
import type { Db } from '../store/database';

type Check = 'ok' | 'down';

/**
 * Health that says what works, dependency by dependency, and answers at once whatever is down:
 * - `database`, `redis`: what the API needs to take work; either down → 503 `unavailable`;
 * - `grading`: at least one worker reported recently that its Docker engine answers and it is
 *   taking jobs (see worker-health.ts); none → 200 `degraded` (submissions are still taken
 *   and wait in the queue, but nothing grades them now).
 * - `canary`: a grading through the real path on a schedule (health/canary.ts); one overdue → 503
 *   `stalled`: grading does not work, whatever the workers report of themselves.
 * `workers` counts the reporting and the ready workers; null while Redis is down.
 */
export function healthHandler(deps: { db: Db; redis: Redis; queue: GradeQueue; canary: Pick<Canary, 'state' | 'enabled'> }): Served<typeof SERVICE_ROUTES.health> {
  return serve(SERVICE_ROUTES.health, async (_input, _req, res) => {
    let database: Check = 'ok';
    try {
      deps.db.prepare('SELECT 1').get();
    } catch {
      database = 'down';
    }
    let workers: WorkerCensus | undefined;
    try {
      // A connection that is not ready fails at once rather than waiting for the outage to end.
      if (deps.redis.status !== 'ready') throw new Error(`redis is ${deps.redis.status}`);
      workers = await deps.queue.workerCensus();
    } catch {
      workers = undefined;
    }
    const redis: Check = workers ? 'ok' : 'down';
    const grading: Check = workers && workers.ready > 0 ? 'ok' : 'down';
    const canary = deps.canary.enabled ? deps.canary.state() : undefined;
    const status =
      database === 'down' || redis === 'down' ? 'unavailable' : canary?.status === 'stalled' ? 'stalled' : grading === 'down' ? 'degraded' : 'ok';
    const failing = status === 'unavailable' || status === 'stalled';
    if (failing) res.setHeader('Retry-After', String(LIMITS.http.retryAfterSeconds));
    res.setHeader('Cache-Control', 'no-store');
    respond(res, SERVICE_ROUTES.health, failing ? 503 : 200, {
      status,
      checks: { database, redis, grading, canary: canary?.status ?? 'off' },
      workers: workers ? { reporting: workers.reporting, ready: workers.ready } : null,
      canary: canary ? { lastGradedAt: canary.lastGradedAt, ageS: canary.ageS } : null,
    });
  });
}
