import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiClient, request } from '../support/http';
import { until } from '../support/wait';
import { ComposeProject } from './compose-project';

/**
 * The many-host shape (docker-compose.yml) really run: Redis, the API and the workers each in a
 * container of its own on the project's network, built from the images provisioning made (the
 * same Debian base as the sandboxes), the workers driving this host's engine. Each worker grades
 * one submission at a time, so that adding workers is what adds capacity here.
 */

const EXERCISE = 'sql-revenue-by-customer';
const DIR = path.resolve(__dirname, '../../exercises', EXERCISE);
const read = (sub: string) => fs.readFileSync(path.join(DIR, sub, 'query.sql'), 'utf8');
const variants = (kind: string) => fs.readdirSync(path.join(DIR, kind)).sort().map((name) => ({ name: `${kind}/${name}`, query: read(`${kind}/${name}`) }));
/** The reference solution, correct answers written differently, and known-wrong ones: the same mix in every burst. */
const ANSWERS = [{ name: 'solution', query: fs.readFileSync(path.join(DIR, 'solution', 'query.sql'), 'utf8') }, ...variants('alternatives'), ...variants('wrong')];
const BURST = 12;
const MAX_SCORE = 10;
const METRICS_TOKEN = randomBytes(24).toString('hex');

let project: ComposeProject;
let admin: ApiClient;
/** Every answer's score as graded in the first burst (the correct ones must have full marks). */
const expected = new Map<string, number>();
const submitted: string[] = [];
const figures: Record<string, number> = {};
let students = 0;

interface Graded {
  id: string;
  answer: string;
  status: string;
  score: number;
  verdict: string;
  /** "name: verdict: message" of each test short of full marks. */
  failing: string[];
}

/** Submits BURST answers, each as a student of its own (the per-user limits stay out of it); resolves once all are graded, with their grades and the rate. */
async function burst(during?: (ids: string[]) => Promise<void>): Promise<{ grades: Graded[]; perSecond: number }> {
  const clients = await Promise.all(
    Array.from({ length: BURST }, async () => {
      const username = `cluster-student-${++students}`;
      const created = await admin.request('POST', '/api/users', { username, displayName: username, role: 'student' });
      expect(created.status).toBe(201);
      return new ApiClient(project.url, created.body.token);
    }),
  );
  const started = Date.now();
  const accepted = await Promise.all(
    clients.map(async (client, i) => {
      const answer = ANSWERS[i % ANSWERS.length]!;
      const created = await client.submit(EXERCISE, { 'query.sql': answer.query });
      expect(created.status).toBe(202);
      submitted.push(created.body.id);
      return { client, id: created.body.id as string, answer: answer.name };
    }),
  );
  const watching = during?.(accepted.map((a) => a.id));
  const grades = await Promise.all(
    accepted.map(async ({ client, id, answer }) => {
      const graded = await client.waitForGrade(id, 300_000);
      // What the student was told of each test short of full marks: what a differing score needs to be read.
      const failing = ((graded.tests ?? []) as Array<{ name: string; score: number; maxScore: number; verdict: string; message: string }>)
        .filter((t) => t.score < t.maxScore)
        .map((t) => `${t.name}: ${t.verdict}: ${t.message}`);
      return { id, answer, status: graded.status, score: graded.score, verdict: graded.verdict, failing };
    }),
  );
  await watching;
  return { grades, perSecond: BURST / ((Date.now() - started) / 1000) };
}

/** Workers whose heartbeat is fresh and whose queue consumer runs, as the admin's operations overview lists them. */
async function liveWorkers(): Promise<Array<{ id: string; host: string | null; active: number | null }>> {
  const { status, body } = await admin.request('GET', '/api/admin/operations');
  expect(status).toBe(200);
  return body.workers.filter((w: { stale: boolean; consuming: boolean }) => !w.stale && w.consuming);
}

function expectSameGrades(grades: Graded[]): void {
  const seen = grades.map((g) => [g.answer, g.status, g.score, g.score === expected.get(g.answer) ? [] : g.failing]);
  expect(seen).toEqual(grades.map((g) => [g.answer, 'graded', expected.get(g.answer), []]));
}

/** The response's status, or 0 when it failed or took longer than `ms` (a poll must not hang on one request). */
async function answerWithin(response: Promise<{ status: number }>, ms: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(0), ms)));
  const status = await Promise.race([response.then((r) => r.status, () => 0), late]);
  clearTimeout(timer);
  return status;
}

beforeAll(async () => {
  project = await ComposeProject.create({
    GRADER_WORKER_CONCURRENCY: '1',
    GRADER_CANARY_EVERY_S: '0',
    GRADER_METRICS_TOKEN: METRICS_TOKEN,
    GRADER_LOG_LEVEL: 'warn',
  });
  try {
    await project.up(1);
    await until(async () => (await answerWithin(request(project.url, 'GET', '/healthz'), 5_000)) === 200, 120_000, 'the API in its container answering /healthz');
    admin = await project.admin();
    await until(async () => (await liveWorkers()).length === 1, 120_000, 'one worker ready');
  } catch (err) {
    // What the services said is what tells a failed start's cause (a configuration refused, an image missing).
    const said = await project.compose('ps').then((ps) => project.compose('logs', '--no-color', '--tail', '40').then((logs) => `${ps}\n${logs}`), (e: Error) => e.message);
    throw new Error(`${(err as Error).message}\n${said}`);
  }
}, 300_000);

afterAll(async () => {
  await project?.destroy();
}, 120_000);

describe('the many-host deployment (docker-compose.yml run by docker-compose)', () => {
  it('grades a burst with one worker: the reference and the correct alternatives in full, the known-wrong answers below it', async () => {
    const { grades, perSecond } = await burst();
    figures.oneWorker = perSecond;
    for (const g of grades) if (!expected.has(g.answer)) expected.set(g.answer, g.score);
    for (const g of grades) {
      expect(g.status).toBe('graded');
      if (g.answer.startsWith('wrong/')) expect({ answer: g.answer, below: g.score < MAX_SCORE }).toEqual({ answer: g.answer, below: true });
      else expect({ answer: g.answer, score: g.score, verdict: g.verdict }).toEqual({ answer: g.answer, score: MAX_SCORE, verdict: 'accepted' });
    }
    expectSameGrades(grades);
  }, 600_000);

  it('grades the same burst with three workers, each in its own container, with the same grades', async () => {
    await project.up(3);
    await until(async () => (await liveWorkers()).length === 3, 120_000, 'three workers ready');
    expect(new Set((await liveWorkers()).map((w) => w.host)).size).toBe(3);
    const { grades, perSecond } = await burst();
    figures.threeWorkers = perSecond;
    expectSameGrades(grades);
    // A figure, not an assertion: how much more three workers grade depends on the machine's cores and load.
    process.stdout.write(
      `\nmany-host throughput (${BURST} SQL submissions, one grading per worker at a time): ` +
        `1 worker ${figures.oneWorker!.toFixed(2)}/s, 3 workers ${perSecond.toFixed(2)}/s (×${(perSecond / figures.oneWorker!).toFixed(2)})\n`,
    );
  }, 600_000);

  it('loses nothing when a worker container dies mid-burst and another is added: every submission graded once, with its grade', async () => {
    let killed: string | undefined;
    const { grades } = await burst(async () => {
      // The worker to kill is one that is grading right now: its job must come back to the queue.
      await until(async () => (await liveWorkers()).some((w) => (w.active ?? 0) > 0), 120_000, 'a worker grading');
      const busy = (await liveWorkers()).find((w) => (w.active ?? 0) > 0)!;
      const container = (await project.containers('worker')).find((c) => busy.host !== null && c.Id.startsWith(busy.host));
      expect(container).toBeDefined();
      killed = container!.Id;
      await project.kill(killed);
      await project.up(4);
    });
    expect(killed).toBeDefined();
    expectSameGrades(grades);
    // Exactly once: the recorder changed each submission's grade once (a second graded message for
    // one, from a job run twice, would change nothing and count nothing).
    const metrics = await request<string>(project.url, 'GET', '/metrics', undefined, { authorization: `Bearer ${METRICS_TOKEN}`, accept: 'text/plain' });
    expect(metrics.status).toBe(200);
    const recorded = /^grader_recorded_messages_total\{type="graded"\} (\d+)$/m.exec(metrics.body)?.[1];
    expect(Number(recorded)).toBe(submitted.length);
  }, 600_000);

  it('leaves nothing behind: the project and the sandbox containers its workers made are removed', async () => {
    await project.destroy();
    expect(await project.leftovers()).toEqual([]);
  }, 180_000);
});
