import { z } from 'zod';
import { defineRoute } from '../route';

/** One online backup of the database file (see the README's "Backups"). */
export const BackupDocument = z.strictObject({
  name: z.string().meta({ description: 'The file name in the backup directory, e.g. grader-20261202T150000000Z.sqlite.' }),
  takenAt: z.iso.datetime(),
  bytes: z.number().int().min(0),
});
export type BackupDocument = z.infer<typeof BackupDocument>;

/** A worker as its latest heartbeat describes it (the admin page's "workers seen"). */
export const WorkerDocument = z.strictObject({
  id: z.string(),
  host: z.string().nullable().meta({ description: 'The host name it runs on; null for a worker older than this field.' }),
  lastSeenAt: z.iso.datetime(),
  engine: z.enum(['ok', 'down']),
  consuming: z.boolean(),
  concurrency: z.number().int().min(1),
  active: z.number().int().min(0).nullable().meta({ description: 'Gradings in flight at its last heartbeat.' }),
  stale: z.boolean().meta({ description: 'Its last heartbeat is too old: stopped, or cut off from Redis.' }),
});

export type WorkerDocument = z.infer<typeof WorkerDocument>;

export const OperationsOverview = z.strictObject({
  workers: z.array(WorkerDocument),
  queues: z
    .record(z.string(), z.record(z.string(), z.number().int().min(0)))
    .nullable()
    .meta({ description: 'Jobs per queue and state (waiting, active, delayed, prioritized, failed); null while Redis is unreachable.' }),
  backups: z.array(BackupDocument),
});

export type OperationsOverviewDocument = z.infer<typeof OperationsOverview>;

/** What operators use: metrics for Prometheus, backups, the workers and queues at a glance. */
export const OPERATIONS_ROUTES = {
  metrics: defineRoute({
    method: 'get',
    path: '/metrics',
    access: 'metrics',
    tags: ['operations'],
    summary: 'Prometheus metrics',
    description:
      'The text exposition format, for a scraper that sends `Authorization: Bearer <GRADER_METRICS_TOKEN>`; 401 for anyone else, and for everyone while the deployment sets no such token.',
    responses: { 200: { description: 'Prometheus text format 0.0.4', schema: z.string(), contentType: 'text/plain' } },
  }),
  operations: defineRoute({
    method: 'get',
    path: '/api/admin/operations',
    access: 'admin',
    tags: ['operations'],
    summary: 'Workers seen, queues, and backups',
    responses: { 200: { description: 'The overview', schema: OperationsOverview } },
  }),
  takeBackup: defineRoute({
    method: 'post',
    path: '/api/admin/backups',
    access: 'admin',
    tags: ['operations'],
    summary: 'Take an online backup of the database now',
    bodyRequired: false,
    body: z.strictObject({}),
    responses: { 201: { description: 'The backup, complete on disk', schema: BackupDocument } },
    errors: ['backup_failed'],
  }),
} as const;
