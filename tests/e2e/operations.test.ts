import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';
import { request } from '../support/http';

const EXERCISE = 'sql-revenue-by-customer';
const REFERENCE = { 'query.sql': fs.readFileSync(path.join(REPO_ROOT, 'exercises', EXERCISE, 'solution/query.sql'), 'utf8') };
const METRICS_TOKEN = randomBytes(24).toString('hex');

/** One sample's value from the exposition text, by its name and labels as written (e.g. `grader_workers{state="ready"}`). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let pipeline: Pipeline;
let graded: { id: string };
beforeAll(async () => {
  pipeline = await startPipeline({ env: { GRADER_METRICS_TOKEN: METRICS_TOKEN } });
  graded = await pipeline.student.submitAndWait(EXERCISE, REFERENCE);
});
afterAll(() => pipeline.close());

describe('/metrics', () => {
  const scrape = (token?: string) => request(pipeline.url, 'GET', '/metrics', undefined, token ? { authorization: `Bearer ${token}`, accept: 'text/plain' } : { accept: 'text/plain' });

  it('answers a scraper with the metrics token, and 401 to anyone else, an admin\'s own API token included', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(pipeline.admin.token)).status).toBe(401);
    expect((await scrape('x'.repeat(48))).status).toBe(401);
    const ok = await scrape(METRICS_TOKEN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('holds submissions by status and verdict, grading and queue durations per kind, queues, workers, sandbox starts and HTTP latencies', async () => {
    const text = (await scrape(METRICS_TOKEN)).body as string;
    expect(sample(text, 'grader_submissions{status="graded"}')).toBe(1);
    expect(sample(text, 'grader_submissions_graded{verdict="accepted"}')).toBe(1);
    expect(sample(text, 'grader_grading_duration_seconds_count{kind="sql-query",outcome="graded"}')).toBe(1);
    expect(sample(text, 'grader_queue_wait_seconds_count{kind="sql-query"}')).toBe(1);
    expect(sample(text, 'grader_harness_duration_seconds_count{kind="sql-query"}')).toBe(1);
    const starts = (sample(text, 'grader_sandbox_start_seconds_count{warm="true"}') ?? 0) + (sample(text, 'grader_sandbox_start_seconds_count{warm="false"}') ?? 0);
    expect(starts).toBe(1);
    expect(sample(text, 'grader_queue_jobs{queue="grade",state="waiting"}')).toBe(0);
    expect(sample(text, 'grader_queue_jobs{queue="webhooks",state="failed"}')).toBe(0);
    expect(sample(text, 'grader_workers{state="ready"}')).toBe(1);
    expect(sample(text, 'grader_http_request_duration_seconds_count{method="POST",route="/api/submissions",status="202"}')).toBe(1);
    // Labelled by the route's pattern, never by the raw path (one series per submission would have no end).
    expect(text).toMatch(/grader_http_request_duration_seconds_count\{method="GET",route="\/api\/submissions\/\{id\}",status="200"\} \d+/);
    expect(text).not.toContain(graded.id);
    expect(text).toContain('# TYPE grader_webhook_deliveries gauge');
    expect(sample(text, 'grader_api_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('the queue dashboard and the operations overview', () => {
  const html = { accept: 'text/html' };

  it('opens the dashboard to an admin, with every queue', async () => {
    const page = await pipeline.admin.request('GET', '/admin/queues/', undefined, html);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const queues = await pipeline.admin.request('GET', '/admin/queues/api/queues');
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['grade', 'results', 'validate', 'webhooks']);
  });

  it('closes the dashboard to a student (403), an instructor (403) and anyone signed out (401)', async () => {
    const instructor = await pipeline.createUser('instructor');
    for (const path of ['/admin/queues/', '/admin/queues/api/queues']) {
      expect((await pipeline.student.request('GET', path, undefined, html)).status).toBe(403);
      expect((await instructor.request('GET', path, undefined, html)).status).toBe(403);
      expect((await pipeline.anonymous.request('GET', path, undefined, html)).status).toBe(401);
    }
  });

  it('lets an admin signed in with a browser session act on a queue from the dashboard, but not from another site', async () => {
    const person = { username: 'ops-admin', displayName: 'Ops Admin', role: 'admin', password: 'a long admin password' };
    expect((await pipeline.admin.request('POST', '/api/users', person)).status).toBe(201);
    const signedIn = await request(pipeline.url, 'POST', '/api/session', { username: person.username, password: person.password });
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const act = (origin: string | undefined) =>
      request(pipeline.url, 'PUT', '/admin/queues/api/queues/validate/retry/failed', undefined, { cookie, ...(origin ? { origin } : {}) });
    expect((await act(pipeline.url)).status).toBe(200);
    expect((await act('http://evil.example')).status).toBe(403);
    expect((await act(undefined)).status).toBe(403);
  });

  it('shows admins the workers seen with their hosts and gradings in flight, and the queues', async () => {
    const overview = await pipeline.admin.request('GET', '/api/admin/operations');
    expect(overview.status).toBe(200);
    expect(overview.body.workers).toEqual([
      expect.objectContaining({ id: pipeline.worker!.id, host: os.hostname(), engine: 'ok', consuming: true, concurrency: 2, active: 0, stale: false }),
    ]);
    expect(overview.body.queues.grade).toMatchObject({ waiting: 0, active: 0 });
    expect((await pipeline.student.request('GET', '/api/admin/operations')).status).toBe(403);
  });
});

describe('backups', () => {
  it('takes an online backup on demand that holds what was graded, and restores it in place of the database', async () => {
    expect((await pipeline.student.request('POST', '/api/admin/backups', {})).status).toBe(403);
    const taken = await pipeline.admin.request('POST', '/api/admin/backups', {});
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({ name: expect.stringMatching(/^grader-\d{8}T\d{9}Z\.sqlite$/), takenAt: expect.any(String), bytes: expect.any(Number) });
    const listed = await pipeline.admin.request('GET', '/api/admin/operations');
    expect(listed.body.backups).toEqual([taken.body]);
    // A submission made after the backup is not in it.
    await pipeline.student.submitAndWait(EXERCISE, REFERENCE);

    // The restore, as an operator runs it: the backup put in place of another deployment's database file.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grader-restore-'));
    try {
      const backup = path.join(pipeline.config.dataDir, 'backups', taken.body.name);
      fs.writeFileSync(path.join(dataDir, 'grader.sqlite'), 'the file being replaced');
      // Not execFileSync: blocking this process (the API's too) for the restore's seconds left its
      // keep-alive timers to fire as the next request went out on a pooled socket (ECONNRESET under load).
      const { stdout: out } = await promisify(execFile)(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [path.join(REPO_ROOT, 'scripts', 'restore-backup.ts'), backup], {
        env: { ...process.env, GRADER_DATA_DIR: dataDir },
        encoding: 'utf8',
      });
      expect(out).toMatch(/is now the backup/);
      const db = new Database(path.join(dataDir, 'grader.sqlite'), { readonly: true });
      try {
        expect(db.prepare('SELECT id, status FROM submissions').all()).toEqual([{ id: graded.id, status: 'graded' }]);
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a backup that cannot be written', () => {
  it('answers 503 backup_failed as problem+json, naming no path of the host, and lists no partial backup', async () => {
    const dir = path.join(pipeline.config.dataDir, 'backups');
    const aside = `${dir}.aside`;
    fs.renameSync(dir, aside);
    fs.writeFileSync(dir, 'a file where the backup folder should be');
    try {
      const refused = await pipeline.admin.request('POST', '/api/admin/backups', {});
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'backup_failed', status: 503 });
      expect(JSON.stringify(refused.body)).not.toContain(pipeline.config.dataDir);
    } finally {
      fs.rmSync(dir, { force: true });
      fs.renameSync(aside, dir);
    }
    expect((await pipeline.admin.request('GET', '/api/admin/operations')).body.backups.every((b: { name: string }) => !b.name.includes('partial'))).toBe(true);
  });
});
