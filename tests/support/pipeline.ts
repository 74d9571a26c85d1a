import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import Database from 'better-sqlite3';
import { QUEUES } from '@grader/contracts';
import { connectRedis, createLogger, loadConfig, quietProducer, type Config } from '@grader/runtime';
import { startApi, type RunningApi } from '../../api/src/server';
import { startWorker, type RunningWorker } from '../../worker/src/start-worker';
import { ApiClient } from './http';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface Pipeline {
  url: string;
  config: Config;
  api: RunningApi;
  worker: RunningWorker | undefined;
  /** The first admin, as created on first start (token read from the data folder). */
  admin: ApiClient;
  /** A student account made through the API for this run. */
  student: ApiClient;
  /** Nobody signed in. */
  anonymous: ApiClient;
  /** Creates another account through the API and returns a client signed in as it. */
  createUser(role?: 'student' | 'instructor' | 'admin', username?: string): Promise<ApiClient & { userId: string }>;
  /** Rows in the real SQLite file, read through a separate read-only connection. */
  submissionRows(): number;
  /** The reason recorded for staff when a submission ended in a grader error (students never see it). */
  graderErrorOf(submissionId: string): string | null;
  /** The harness's own time in a graded submission's run (its stored result's durationMs), milliseconds. */
  harnessMsOf(submissionId: string): number | undefined;
  /** From a worker taking the submission to its grade being recorded (started_at to finished_at), milliseconds. */
  gradingMsOf(submissionId: string): number | undefined;
  /** Jobs of any state in this run's grade queue. */
  gradeJobs(): Promise<number>;
  /** How many times BullMQ ran a submission's job (a student's failure must be 1). */
  attemptsOf(submissionId: string): Promise<number | undefined>;
  close(): Promise<void>;
}

/**
 * The whole product on loopback: the real API on an ephemeral port, the real recorder,
 * a real SQLite file in a temporary folder, real Redis (a queue prefix of its own per run)
 * and, unless told otherwise, a real worker driving the real Docker engine.
 */
export async function startPipeline(options: { worker?: boolean; exercisesDir?: string; env?: Record<string, string> } = {}): Promise<Pipeline> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grader-test-'));
  const config = loadConfig({
    GRADER_HOST: '127.0.0.1',
    GRADER_PORT: '0',
    GRADER_DATA_DIR: dataDir,
    GRADER_EXERCISES_DIR: options.exercisesDir ?? path.join(REPO_ROOT, 'exercises'),
    GRADER_QUEUE_PREFIX: `test-${randomBytes(6).toString('hex')}`,
    GRADER_INTERNAL_TOKEN: randomBytes(32).toString('hex'),
    GRADER_LOG_LEVEL: process.env.GRADER_LOG_LEVEL ?? 'silent',
    GRADER_WORKER_CONCURRENCY: '2',
    // Off unless a test turns them on: the canary's jobs would mix with the test's own, and the
    // backups would write beside its database.
    GRADER_CANARY_EVERY_S: '0',
    GRADER_BACKUP_EVERY_MINUTES: '0',
    ...(process.env.GRADER_REDIS_URL ? { GRADER_REDIS_URL: process.env.GRADER_REDIS_URL } : {}),
    // Images beside the shared ones (a session building its own while a suite runs on these).
    ...(process.env.GRADER_SANDBOX_IMAGE_PREFIX ? { GRADER_SANDBOX_IMAGE_PREFIX: process.env.GRADER_SANDBOX_IMAGE_PREFIX } : {}),
    ...options.env,
  });
  const logger = createLogger({ name: 'test', level: config.logLevel, pretty: false });
  const api = await startApi(config, logger);
  const workerConfig = { ...config, apiUrl: api.url };
  const worker = options.worker === false ? undefined : await startWorker(workerConfig, logger);

  const admin = new ApiClient(api.url, fs.readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim());
  let users = 0;
  const createUser = async (role: 'student' | 'instructor' | 'admin' = 'student', username = `${role}-${++users}`) => {
    const created = await admin.request('POST', '/api/users', { username, displayName: username, role });
    if (created.status !== 201) throw new Error(`could not create ${role}: ${JSON.stringify(created.body)}`);
    return Object.assign(new ApiClient(api.url, created.body.token), { userId: created.body.user.id as string });
  };
  const student = await createUser('student', 'student-main');

  const readDb = <T>(read: (db: Database.Database) => T): T => {
    const db = new Database(path.join(dataDir, 'grader.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };
  const redis = connectRedis(config.redisUrl);
  const gradeQueue = quietProducer(new Queue(QUEUES.grade, { connection: redis, prefix: config.queuePrefix }));
  return {
    url: api.url,
    config: workerConfig,
    api,
    worker,
    admin,
    student,
    anonymous: new ApiClient(api.url),
    createUser,
    submissionRows() {
      return readDb((db) => (db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n);
    },
    graderErrorOf(submissionId: string) {
      return readDb((db) => (db.prepare('SELECT error FROM submissions WHERE id = ?').get(submissionId) as { error: string | null } | undefined)?.error ?? null);
    },
    harnessMsOf(submissionId: string) {
      const row = readDb((db) => db.prepare('SELECT result FROM submissions WHERE id = ?').get(submissionId) as { result: string | null } | undefined);
      return row?.result ? (JSON.parse(row.result) as { durationMs?: number }).durationMs : undefined;
    },
    gradingMsOf(submissionId: string) {
      const row = readDb((db) => db.prepare('SELECT started_at, finished_at FROM submissions WHERE id = ?').get(submissionId) as { started_at: string | null; finished_at: string | null } | undefined);
      return row?.started_at && row.finished_at ? Date.parse(row.finished_at) - Date.parse(row.started_at) : undefined;
    },
    async gradeJobs() {
      const counts = await gradeQueue.getJobCounts();
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },
    async attemptsOf(submissionId: string) {
      return (await gradeQueue.getJob(submissionId))?.attemptsMade;
    },
    async close() {
      await worker?.close();
      await api.close();
      await gradeQueue.obliterate({ force: true }).catch(() => undefined);
      await gradeQueue.close();
      for (const name of [QUEUES.results, QUEUES.validate]) {
        const queue = new Queue(name, { connection: redis, prefix: config.queuePrefix });
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      }
      redis.disconnect();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
