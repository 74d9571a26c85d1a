import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { GradeQueue } from '../queue/grade-queue';
import type { Db } from '../store/database';

/** Liveness and readiness: the database answers, Redis answers, and how many workers are connected. */
export function healthRoutes(deps: { db: Db; redis: Redis; queue: GradeQueue }): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const checks: Record<string, string> = {};
    let ok = true;
    try {
      deps.db.prepare('SELECT 1').get();
      checks.database = 'ok';
    } catch {
      checks.database = 'unavailable';
      ok = false;
    }
    let workers: number | null = null;
    try {
      await deps.redis.ping();
      checks.redis = 'ok';
      workers = await deps.queue.activeWorkers();
    } catch {
      checks.redis = 'unavailable';
      ok = false;
    }
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks, workers });
  });
  return router;
}
