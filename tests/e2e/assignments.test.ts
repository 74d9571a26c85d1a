import { catalogueAnswers } from '../support/exercise-package';
import { ApiClient } from '../support/http';
import { startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

/**
 * Assignments through the real server, worker and sandbox: a course's exercise with dates, a
 * student on time, one late and penalised, one refused after the close and let in by an
 * extension, the submission limit, and the gradebook with the penalties; every route for each role.
 */
const EXERCISE = 'sql-revenue-by-customer';
const { solution: SOLUTION, wrong: WRONG, maxScore: MAX, manifest } = catalogueAnswers(EXERCISE);

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const from = (ms: number) => new Date(Date.now() + ms).toISOString();

let pipeline: Pipeline;
let instructor: ApiClient;
let courseId: string;
const students: Record<'alice' | 'bob' | 'carol' | 'dave', ApiClient & { userId: string }> = {} as never;
const assignments: Record<'current' | 'past' | 'closed' | 'upcoming', string> = {} as never;

async function assign(body: Record<string, unknown>): Promise<string> {
  const created = await instructor.request('POST', `/api/courses/${courseId}/assignments`, { exercises: [EXERCISE], ...body });
  expect(created.status).toBe(201);
  return created.body.id;
}

function submitTo(who: ApiClient, assignment: string, files: Record<string, string> = SOLUTION, exercise = EXERCISE) {
  return who.request('POST', '/api/submissions', { exercise, files, assignment });
}

beforeAll(async () => {
  pipeline = await startPipeline();
  instructor = await pipeline.createUser('instructor', 'assignments-teacher');
  const course = await instructor.request('POST', '/api/courses', { name: 'Backend 101' });
  courseId = course.body.id;
  for (const name of ['alice', 'bob', 'carol', 'dave'] as const) {
    const created = await instructor.request('POST', '/api/users', { username: name, displayName: name, role: 'student', ...(name === 'dave' ? {} : { courseId }) });
    expect(created.status).toBe(201);
    students[name] = Object.assign(new ApiClient(pipeline.url, created.body.token), { userId: created.body.user.id as string });
  }
  assignments.current = await assign({ title: 'This week', opensAt: from(-DAY), dueAt: from(2 * DAY), maxSubmissions: 2, revealTestsAfterDue: true });
  assignments.past = await assign({ title: 'Last week', opensAt: from(-10 * DAY), dueAt: from(-36 * HOUR), late: { kind: 'accepted', days: 3, penaltyPercentPerDay: 10 }, revealTestsAfterDue: true });
  assignments.closed = await assign({ title: 'Long ago', opensAt: from(-10 * DAY), dueAt: from(-5 * DAY), late: { kind: 'accepted', days: 1, penaltyPercentPerDay: 50 } });
  assignments.upcoming = await assign({ title: 'Next week', opensAt: from(DAY), dueAt: from(8 * DAY) });
}, 120_000);

afterAll(async () => {
  await pipeline?.close();
});

describe('submitting to an assignment', () => {
  it('grades a submission on time without a penalty, and shows the student their own dates and count', async () => {
    const created = await submitTo(students.alice, assignments.current);
    expect(created.status).toBe(202);
    const graded = await students.alice.waitForGrade(created.body.id);
    expect(graded).toMatchObject({ status: 'graded', score: MAX, assignment: { id: assignments.current, daysLate: 0, penaltyPercent: 0, adjustedScore: MAX } });
    const mine = await students.alice.request('GET', `/api/assignments/${assignments.current}`);
    expect(mine.status).toBe(200);
    expect(mine.body.mine).toMatchObject({ state: 'open', extended: false, submissions: { [EXERCISE]: 1 }, closesAt: null });
  });

  it('takes a late submission in the late period, marks it late by started days and takes the penalty off its score', async () => {
    const created = await submitTo(students.bob, assignments.past);
    expect(created.status).toBe(202);
    const graded = await students.bob.waitForGrade(created.body.id);
    expect(graded).toMatchObject({ status: 'graded', score: MAX, assignment: { daysLate: 2, penaltyPercent: 20, adjustedScore: (MAX * 80) / 100 } });
  });

  it('refuses a submission after the close with a problem that says so, storing nothing', async () => {
    const refused = await submitTo(students.carol, assignments.closed);
    expectProblem(refused, 409, 'assignment_closed');
    expect(refused.body.detail).toMatch(/nothing was stored/);
    const listed = await students.carol.request('GET', '/api/submissions');
    expect(listed.body.items).toEqual([]);
  });

  it('lets a student with an extension submit on time past everyone else’s close', async () => {
    const granted = await instructor.request('PUT', `/api/assignments/${assignments.closed}/extensions/${students.carol.userId}`, { dueAt: from(DAY) });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ assignmentId: assignments.closed, userId: students.carol.userId });
    const created = await submitTo(students.carol, assignments.closed);
    expect(created.status).toBe(202);
    const graded = await students.carol.waitForGrade(created.body.id);
    expect(graded.assignment).toMatchObject({ daysLate: 0, penaltyPercent: 0, adjustedScore: MAX });
    const mine = await students.carol.request('GET', `/api/assignments/${assignments.closed}`);
    expect(mine.body.mine).toMatchObject({ state: 'open', extended: true });
    // Everyone else is still closed out.
    expectProblem(await submitTo(students.bob, assignments.closed), 409, 'assignment_closed');
  });

  it('refuses a submission before the opening, one past the limit, one of another exercise, and one from outside the course', async () => {
    expectProblem(await submitTo(students.alice, assignments.upcoming), 409, 'assignment_not_open');
    const second = await submitTo(students.alice, assignments.current, WRONG);
    expect(second.status).toBe(202);
    await students.alice.waitForGrade(second.body.id);
    const third = await submitTo(students.alice, assignments.current);
    expectProblem(third, 409, 'submission_limit_reached');
    expectProblem(await submitTo(students.alice, assignments.current, { 'query.sql': 'SELECT 1' }, 'sql-products-never-ordered'), 422, 'exercise_not_in_assignment');
    expectProblem(await submitTo(students.dave, assignments.current), 403, 'not_in_course');
    expectProblem(await submitTo(students.alice, '00000000-0000-4000-8000-000000000000'), 404, 'not_found');
  });
});

describe('tests revealed after the due date', () => {
  const hiddenTest = manifest.tests.find((t) => t.visibility === 'hidden')!;

  it('keeps a hidden test hidden before the student’s due date', async () => {
    const [latest] = (await students.alice.request('GET', '/api/submissions?limit=1')).body.items;
    expect(latest.assignment).toMatchObject({ id: assignments.current, testsRevealed: false });
    const names = latest.tests.map((t: { name: string }) => t.name);
    expect(names).not.toContain(hiddenTest.name);
    expect(names).toContain('Hidden test 1');
  });

  it('keeps them hidden in the late period, while the student may still submit', async () => {
    const [late] = (await students.bob.request('GET', '/api/submissions?limit=1')).body.items;
    const submission = (await students.bob.request('GET', `/api/submissions/${late.id}`)).body;
    expect(submission.assignment).toMatchObject({ id: assignments.past, daysLate: 2, testsRevealed: false });
    expect(submission.tests.map((t: { name: string }) => t.name)).not.toContain(hiddenTest.name);
  });

  it('shows every test whole once the assignment has closed for the student, as a visible test is shown', async () => {
    // A course of its own: no other assignment holding the exercise is open for this student.
    const course = await instructor.request('POST', '/api/courses', { name: 'Reveal 101' });
    const rita = await instructor.request('POST', '/api/users', { username: 'rita', displayName: 'Rita', role: 'student', courseId: course.body.id });
    const client = new ApiClient(pipeline.url, rita.body.token);
    // Due in 30 s: one POST is accepted long before on any machine; then the close is waited for.
    const soon = await instructor.request('POST', `/api/courses/${course.body.id}/assignments`, { title: 'Quiz', exercises: [EXERCISE], opensAt: from(-DAY), dueAt: from(30_000), revealTestsAfterDue: true });
    const created = await submitTo(client, soon.body.id, WRONG);
    expect(created.status).toBe(202);
    await client.waitForGrade(created.body.id, 180_000);
    while (Date.now() <= Date.parse(soon.body.dueAt) + 500) await new Promise((r) => setTimeout(r, 250));
    const submission = (await client.request('GET', `/api/submissions/${created.body.id}`)).body;
    expect(submission.assignment).toMatchObject({ testsRevealed: true });
    const names = submission.tests.map((t: { name: string }) => t.name);
    expect(names).toContain(hiddenTest.name);
    expect(names).not.toContain('Hidden test 1');
  }, 240_000);
});

describe('the gradebook of an assignment', () => {
  it('counts each student’s best submission after its penalty, with the days late', async () => {
    const book = await instructor.request('GET', `/api/assignments/${assignments.past}/gradebook`);
    expect(book.status).toBe(200);
    const row = (name: string) => book.body.rows.find((r: { username: string }) => r.username === name);
    expect(book.body.rows.map((r: { username: string }) => r.username)).toEqual(['alice', 'bob', 'carol']);
    expect(row('bob')).toMatchObject({ total: (MAX * 80) / 100, cells: [{ exercise: EXERCISE, score: MAX, adjustedScore: (MAX * 80) / 100, daysLate: 2, submissions: 1 }] });
    expect(row('alice')).toMatchObject({ total: 0, cells: [{ submissionId: null, adjustedScore: null, submissions: 0 }] });
    const current = await instructor.request('GET', `/api/assignments/${assignments.current}/gradebook`);
    const alice = current.body.rows.find((r: { username: string }) => r.username === 'alice');
    expect(alice).toMatchObject({ total: MAX, cells: [{ score: MAX, submissions: 2 }] });
    // The charts' data: every test of the counted (full-marks) submission passed; both submissions' times.
    expect(current.body.statistics.failedTests.length).toBe(manifest.tests.length);
    expect(current.body.statistics.failedTests.every((t: { failed: number; ran: number }) => t.failed === 0 && t.ran === 1)).toBe(true);
    expect(current.body.statistics.submittedAt).toHaveLength(2);
  });

  it('exports the same as CSV, penalties applied, headed by each exercise’s title, slug and points, with the total possible', async () => {
    const csv = await instructor.request<string>('GET', `/api/assignments/${assignments.past}/gradebook.csv`, undefined, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    const titled = `${manifest.title} [${EXERCISE}]`;
    expect(lines[0]).toBe(`username,display_name,extended_to,${titled} (/${MAX}),${titled} days late,total (/${MAX})`);
    expect(lines).toContain(`bob,bob,,${(MAX * 80) / 100},2,${(MAX * 80) / 100}`);
    // Alice never submitted: blank, which is not a 0.
    expect(lines).toContain('alice,alice,,,,0');
  });
});

describe('who may do what with assignments', () => {
  it('lets staff set and read them, members read theirs, and refuses everyone else', async () => {
    const body = { title: 'x', exercises: [EXERCISE], opensAt: from(0), dueAt: from(DAY) };
    expectProblem(await students.alice.request('POST', `/api/courses/${courseId}/assignments`, body), 403, 'forbidden');
    expectProblem(await pipeline.anonymous.request('POST', `/api/courses/${courseId}/assignments`, body), 401, 'unauthorized');
    expectProblem(await pipeline.anonymous.request('GET', `/api/assignments/${assignments.current}`), 401, 'unauthorized');
    expectProblem(await students.dave.request('GET', `/api/assignments/${assignments.current}`), 403, 'not_in_course');
    expectProblem(await students.dave.request('GET', `/api/courses/${courseId}/assignments`), 403, 'not_in_course');
    expectProblem(await students.alice.request('GET', `/api/assignments/${assignments.past}/gradebook`), 403, 'forbidden');
    expectProblem(await students.alice.request('GET', `/api/assignments/${assignments.past}/gradebook.csv`), 403, 'forbidden');
    expectProblem(await students.alice.request('PUT', `/api/assignments/${assignments.past}/extensions/${students.alice.userId}`, { dueAt: from(DAY) }), 403, 'forbidden');
    expect((await students.alice.request('GET', '/api/me/courses')).body.items).toEqual([{ id: courseId, name: 'Backend 101' }]);
    expect((await students.dave.request('GET', '/api/me/courses')).body.items).toEqual([]);
    expect((await instructor.request('GET', '/api/me/courses')).body.items).toContainEqual({ id: courseId, name: 'Backend 101' });
    const listed = await students.alice.request('GET', `/api/courses/${courseId}/assignments`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((a: { title: string }) => a.title)).toEqual(['Long ago', 'Last week', 'This week', 'Next week']);
    expect(listed.body.items.map((a: { mine: { state: string } }) => a.mine.state)).toEqual(['closed', 'late', 'open', 'upcoming']);
    const staffView = await pipeline.admin.request('GET', `/api/assignments/${assignments.current}`);
    expect(staffView.status).toBe(200);
    expect(staffView.body.mine).toBeUndefined();
  });

  it('refuses an assignment whose dates are out of order or whose exercises are not published, saying where', async () => {
    const backwards = await instructor.request('POST', `/api/courses/${courseId}/assignments`, { title: 'x', exercises: [EXERCISE, EXERCISE, 'no-such-exercise'], opensAt: from(DAY), dueAt: from(0) });
    expectProblem(backwards, 422, 'invalid_assignment');
    expect(backwards.body.errors.map((e: { path: string }) => e.path)).toEqual(['dueAt', 'exercises.1', 'exercises.2']);
    expectProblem(await instructor.request('POST', '/api/courses/00000000-0000-4000-8000-000000000000/assignments', { title: 'x', exercises: [EXERCISE], opensAt: from(0), dueAt: from(DAY) }), 404, 'not_found');
    expectProblem(await instructor.request('PUT', `/api/assignments/${assignments.past}/extensions/${students.dave.userId}`, { dueAt: from(DAY) }), 403, 'not_in_course');
  });
});
