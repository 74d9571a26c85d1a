import { z } from 'zod';
import { LIMITS } from './limits';

/**
 * What each worker tells the API about itself, so that health proves grading can happen and
 * not only that Redis answers (BullMQ workers can stop consuming after a reconnect, and a
 * worker whose Docker engine is gone still looks connected). Each worker writes its report
 * into one Redis hash, field = worker id, every `LIMITS.worker.heartbeatMs`.
 */
export const WorkerHeartbeat = z.object({
  /** When the report was written (ISO 8601). */
  at: z.iso.datetime(),
  /** The worker's Docker engine answered its last ping. */
  engine: z.enum(['ok', 'down']),
  /** Its BullMQ worker is running and not paused: it takes jobs. */
  consuming: z.boolean(),
  concurrency: z.number().int().min(1),
  /** The host it runs on (the admins' page); absent from workers older than the field. */
  host: z.string().max(200).optional(),
  /** Gradings it had in flight when it wrote the report. */
  active: z.number().int().min(0).optional(),
});
export type WorkerHeartbeat = z.infer<typeof WorkerHeartbeat>;

/** The Redis hash holding every worker's latest report. */
export function workerHealthKey(prefix: string): string {
  return `${prefix}:worker-health`;
}

export interface WorkerCensus {
  /** Workers that reported recently. */
  reporting: number;
  /** Of those, the ones that can grade now: engine reachable and taking jobs. */
  ready: number;
  /** Fields of reports too old to count (workers that stopped), to be removed. */
  stale: string[];
}

/** One worker's latest report as the admins' page shows it (`stale`: too old to count). */
export interface WorkerReport {
  id: string;
  host: string | null;
  lastSeenAt: string;
  engine: 'ok' | 'down';
  consuming: boolean;
  concurrency: number;
  active: number | null;
  stale: boolean;
}

/** Every well-formed report of the hash, newest first. */
export function reportsOf(reports: Record<string, string>, now = Date.now()): WorkerReport[] {
  return Object.entries(reports)
    .flatMap(([id, text]) => {
      try {
        const r = WorkerHeartbeat.parse(JSON.parse(text));
        return [{ id, host: r.host ?? null, lastSeenAt: r.at, engine: r.engine, consuming: r.consuming, concurrency: r.concurrency, active: r.active ?? null, stale: now - Date.parse(r.at) > LIMITS.worker.heartbeatStaleMs }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
}

/** Reads a hash of reports (field → JSON) into a census; malformed reports count as stale. */
export function censusOf(reports: Record<string, string>, now = Date.now()): WorkerCensus {
  let reporting = 0;
  let ready = 0;
  const stale: string[] = [];
  for (const [id, text] of Object.entries(reports)) {
    let report: WorkerHeartbeat | undefined;
    try {
      report = WorkerHeartbeat.parse(JSON.parse(text));
    } catch {
      report = undefined;
    }
    if (!report || now - Date.parse(report.at) > LIMITS.worker.heartbeatStaleMs) {
      stale.push(id);
      continue;
    }
    reporting++;
    if (report.engine === 'ok' && report.consuming) ready++;
  }
  return { reporting, ready, stale };
}
