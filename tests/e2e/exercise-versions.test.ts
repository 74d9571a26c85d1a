import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { LIMITS, QUEUES } from '@grader/contracts';
import { connectRedis } from '@grader/runtime';
import * as A from '@grader/contracts';
import { publishExercise, waitForRegrade } from '../support/authoring';
import { countRowsExercise } from '../support/exercise-package';
import type { ApiClient } from '../support/http';
import { startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

const SLUG = 'count-rows-versions';
/** Version 2 changes only the hidden test's table: empty in version 1, seven rows in version 2. */
const V2 = countRowsExercise(SLUG, { 'datasets/other.sql': `CREATE TABLE t (n INTEGER);\nINSERT INTO t VALUES ${[1, 2, 3, 4, 5, 6, 7].map((n) => `(${n})`).join(', ')};\n` });

let pipeline: Pipeline;
let instructor: ApiClient;
/** Four students, one answer each, graded against version 1. */
const answers = {
  right: 'SELECT count(*) FROM t', // 2/2 under both versions
  three: 'SELECT 3', // 1/2 under both: passes the three-row test only
  zero: 'SELECT 0', // 1/2 in v1 (the empty table), 0/2 in v2
  seven: 'SELECT 7', // 0/2 in v1, 1/2 in v2 (the seven-row table)
};
const ids: Record<keyof typeof answers, string> = { right: '', three: '', zero: '', seven: '' };
const students: Record<string, ApiClient & { userId: string }> = {};

beforeAll(async () => {
  pipeline = await startPipeline({ exercisesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'no-exercises-')) });
  instructor = await pipeline.createUser('instructor', 'versioner');
  await publishExercise(instructor, countRowsExercise(SLUG));
  for (const [name, query] of Object.entries(answers)) {
    const student = await pipeline.createUser('student', `student-${name}`);
    students[name] = student;
    const graded = await student.submitAndWait(SLUG, { 'query.sql': query });
    ids[name as keyof typeof answers] = graded.id;
  }
});
afterAll(async () => {
  await pipeline?.close();
});

const gradeOf = async (name: keyof typeof answers) => {
  const s = (await students[name]!.request('GET', `/api/submissions/${ids[name]}`)).body;
  return { score: s.score, version: s.exerciseVersion };
};

describe('a new version of an exercise', () => {
  it('leaves the grades of earlier submissions as they were, and grades new ones against itself', async () => {
    expect(await gradeOf('zero')).toEqual({ score: 1, version: 1 });
    const v2 = await publishExercise(instructor, V2);
    expect(v2).toMatchObject({ slug: SLUG, version: 2 });
    for (const name of Object.keys(answers) as Array<keyof typeof answers>) expect((await gradeOf(name)).version).toBe(1);
    expect(await gradeOf('zero')).toEqual({ score: 1, version: 1 });
    expect(await gradeOf('seven')).toEqual({ score: 0, version: 1 });
    const fresh = await students.zero!.submitAndWait(SLUG, { 'query.sql': 'SELECT 0' });
    expect(fresh).toMatchObject({ exerciseVersion: 2, score: 0 });
    const versions = await instructor.request('GET', `/api/instructor/exercises/${SLUG}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('gives instructors each version’s whole package to edit, the current one by default, and nothing to students', async () => {
    const current = await instructor.request('GET', `/api/instructor/exercises/${SLUG}/package`);
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ slug: SLUG, version: 2, files: V2 });
    const first = await instructor.request('GET', `/api/instructor/exercises/${SLUG}/package?version=1`);
    expect(first.body).toMatchObject({ version: 1, files: countRowsExercise(SLUG) });
    expectProblem(await instructor.request('GET', `/api/instructor/exercises/${SLUG}/package?version=9`), 404, 'not_found');
    expectProblem(await students.right!.request('GET', `/api/instructor/exercises/${SLUG}/package`), 403, 'forbidden');
  });
});

describe('a regrade against the latest version', () => {
  let batchId: string;

  it('previews exactly the grades that would change, by how much, without touching them', async () => {
    const started = await instructor.request('POST', `/api/instructor/exercises/${SLUG}/regrades`, {});
    expect(started.status).toBe(202);
    batchId = A.RegradeView.parse(started.body).id;
    expect(started.body).toMatchObject({ targetVersion: 2, state: 'open', progress: { total: 4 } });
    expectProblem(await instructor.request('POST', `/api/instructor/exercises/${SLUG}/regrades`, {}), 409, 'regrade_in_progress');

    // Behind live submissions: a priority (live jobs have none), and a job id of its own.
    const redis = connectRedis(pipeline.config.redisUrl);
    const queue = new Queue(QUEUES.grade, { connection: redis, prefix: pipeline.config.queuePrefix });
    try {
      const job = await queue.getJob(`regrade-${batchId}-${ids.zero}`);
      expect(job?.opts.priority).toBe(LIMITS.regrade.priority);
      expect(job?.data).toMatchObject({ submissionId: ids.zero, regradeBatch: batchId, exercise: { version: 2 } });
      expect((await queue.getJob(ids.zero))?.opts.priority ?? 0).toBe(0);
    } finally {
      await queue.close();
      redis.disconnect();
    }

    const preview = A.RegradeView.parse(await waitForRegrade(instructor, batchId));
    expect(preview.progress).toEqual({ total: 4, queued: 0, running: 0, graded: 4, error: 0 });
    expect(preview.summary).toEqual({ changed: 2, unchanged: 2, raised: 1, lowered: 1 });
    const changes = Object.fromEntries(preview.changes.map((c) => [c.submissionId, c]));
    expect(Object.keys(changes).sort()).toEqual([ids.zero, ids.seven].sort());
    expect(changes[ids.zero]).toMatchObject({ username: 'student-zero', old: { version: 1, score: 1 }, new: { score: 0 }, delta: -1 });
    expect(changes[ids.seven]).toMatchObject({ username: 'student-seven', old: { version: 1, score: 0 }, new: { score: 1 }, delta: 1 });
    // Nothing changes for students until the batch is applied.
    expect(await gradeOf('zero')).toEqual({ score: 1, version: 1 });
    expect(await gradeOf('seven')).toEqual({ score: 0, version: 1 });
  });

  it('applies the new grades, keeping the old ones in each submission’s grade history', async () => {
    const applied = await instructor.request('POST', `/api/instructor/regrades/${batchId}/apply`);
    expect(applied.status).toBe(200);
    expect(A.RegradeApplied.parse(applied.body)).toMatchObject({ applied: 4, changed: 2, stale: 0, notGraded: 0, regrade: { state: 'applied' } });
    expect(await gradeOf('zero')).toEqual({ score: 0, version: 2 });
    expect(await gradeOf('seven')).toEqual({ score: 1, version: 2 });
    expect(await gradeOf('right')).toEqual({ score: 2, version: 2 });
    const grades = A.GradeHistory.parse((await instructor.request('GET', `/api/instructor/submissions/${ids.zero}/grades`)).body);
    expect(grades.current).toMatchObject({ exerciseVersion: 2, score: 0 });
    expect(grades.history).toEqual([expect.objectContaining({ exerciseVersion: 1, score: 1, replacedBy: batchId })]);
    expectProblem(await instructor.request('POST', `/api/instructor/regrades/${batchId}/apply`), 409, 'regrade_closed');
    expectProblem(await instructor.request('POST', `/api/instructor/exercises/${SLUG}/regrades`, {}), 422, 'nothing_to_regrade');
  });
});

describe('what instructors read about an exercise', () => {
  it('lists its submissions filtered by status, user and verdict, a page at a time', async () => {
    const all = A.ExerciseSubmissionPage.parse((await instructor.request('GET', `/api/instructor/exercises/${SLUG}/submissions?limit=2`)).body);
    expect(all.items).toHaveLength(2);
    const next = A.ExerciseSubmissionPage.parse((await instructor.request('GET', `/api/instructor/exercises/${SLUG}/submissions?limit=10&cursor=${all.nextCursor}`)).body);
    expect(next.items).toHaveLength(3); // five submissions in all
    expect(next.nextCursor).toBeNull();
    const accepted = (await instructor.request('GET', `/api/instructor/exercises/${SLUG}/submissions?verdict=accepted`)).body;
    expect(accepted.items.map((s: { id: string }) => s.id)).toEqual([ids.right]);
    const mine = (await instructor.request('GET', `/api/instructor/exercises/${SLUG}/submissions?user=${students.zero!.userId}&status=graded`)).body;
    expect(mine.items).toHaveLength(2);
    expectProblem(await instructor.request('GET', `/api/instructor/exercises/${SLUG}/submissions?verdict=nonsense`), 400, 'validation_failed');
    expectProblem(await instructor.request('GET', '/api/instructor/exercises/no-such-exercise/submissions'), 404, 'not_found');
  });

  it('computes its statistics from each student’s best grade', async () => {
    const stats = A.ExerciseStatistics.parse((await instructor.request('GET', `/api/instructor/exercises/${SLUG}/statistics`)).body);
    // Best scores now: right 2, three 1, zero 0 (both its submissions), seven 1.
    expect(stats).toMatchObject({ attempts: 5, gradedAttempts: 5, distinctStudents: 4, studentsGraded: 4, studentsWithFullMarks: 1, fullMarksShare: 0.25, medianScore: 1 });
    // Hidden tests are named: this is the staff's view.
    expect(stats.mostFailedTests).toEqual([
      { name: 'counts the rows of another table', failed: 3, ran: 5, failureRate: 0.6 },
      { name: 'counts three rows', failed: 3, ran: 5, failureRate: 0.6 },
    ]);
  });

  it('exports a gradebook CSV: a row per student, a column per exercise, best scores, spreadsheet formulas defused', async () => {
    const risky = await pipeline.admin.request('POST', '/api/users', { username: 'risky', displayName: '=HYPERLINK("http://x","click"), "me"', role: 'student' });
    expect(risky.status).toBe(201);
    const response = await fetch(`${pipeline.url}/api/instructor/gradebook.csv`, { headers: { authorization: `Bearer ${instructor.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?gradebook\.csv"?$/);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toMatch(new RegExp(`^username,display_name,.+ \\[${SLUG}\\] \\(/2\\),total \\(/2\\)$`));
    expect(lines).toContain('student-right,student-right,2,2');
    // Graded 0 is a 0; never graded is blank (its total 0).
    expect(lines).toContain('student-zero,student-zero,0,0');
    expect(lines).toContain('risky,"\'=HYPERLINK(""http://x"",""click""), ""me""",,0');
  });
});
