import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, replaceEditorText, SCREENSHOTS_DIR, signIn, type Browser } from '../support/browser';
import { ApiClient } from '../support/http';
import { REPO_ROOT, type Pipeline } from '../support/pipeline';
import { startWebApp, type WebAppSession } from '../support/web-app-session';

/**
 * Courses and assignments in the web app, through the real server and Chromium: an instructor
 * creates a course and an assignment with a due date in the pages; a student finds it under
 * Courses with the time left and submits from it; a late submission to another assignment shows
 * its penalty in the gradebook, whose charts are drawn; an extension is given in the page.
 */
const SLUG = 'sql-revenue-by-customer';
const solution = fs.readFileSync(path.join(REPO_ROOT, 'exercises', SLUG, 'solution', 'query.sql'), 'utf8');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A datetime-local input's value for a moment: local time, as the browser (same TZ as this process) reads it. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

let pipeline: Pipeline;
let session: WebAppSession;
let page: Page;
let studentBrowser: Browser;
let studentPage: Page;
let courseId: string;
let lateAssignment: string;

beforeAll(async () => {
  session = await startWebApp({ person: { username: 'grace', displayName: 'Grace Hopper', role: 'instructor', password: 'instructor password' } });
  ({ pipeline, page } = session);
  studentBrowser = await launchBrowser();
  studentPage = await studentBrowser.context.newPage();
}, 180_000);

afterAll(async () => {
  await studentBrowser?.close();
  await session?.close();
});

describe('courses and assignments in the web app', () => {
  it('lets an instructor create a course and set an assignment with a due date and a late policy', async () => {
    await signIn(page, pipeline.url, 'grace', 'instructor password');
    await page.getByRole('link', { name: 'Instructor' }).click();
    await page.getByLabel('New course').fill('Backend 101');
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.getByRole('link', { name: 'Backend 101' }).click();
    await page.getByRole('heading', { name: 'New assignment' }).waitFor();
    courseId = new URL(page.url()).pathname.split('/').pop()!;

    await page.getByLabel('Title').fill('Week 1');
    await page.getByLabel(new RegExp(`\\(${SLUG}\\)`)).check();
    await page.getByLabel('Opens').fill(localInput(Date.now() - HOUR));
    await page.getByLabel('Due', { exact: true }).fill(localInput(Date.now() + 2 * DAY));
    await page.getByLabel('After the due date').selectOption('accepted');
    await page.getByLabel('Late period (days)').fill('3');
    await page.getByLabel('Penalty per day late (%)').fill('10');
    await page.getByLabel('Show students every test whole after their due date').check();
    await page.getByRole('button', { name: 'Set the assignment' }).click();
    await page.getByRole('heading', { name: 'Week 1' }).waitFor();
    expect(await page.locator('.standing').textContent()).toMatch(/open.*Due.*left/);
    expect(await page.getByText('No students in this course yet.').count()).toBe(1);
  });

  it('shows a student their courses’ assignments with the time left, and takes a submission from there', async () => {
    const created = await pipeline.admin.request('POST', '/api/users', { username: 'ada', displayName: 'Ada Lovelace', role: 'student', password: 'student password', courseId });
    expect(created.status).toBe(201);
    await signIn(studentPage, pipeline.url, 'ada', 'student password');
    await studentPage.getByRole('link', { name: 'Courses' }).click();
    const card = studentPage.locator('.assignment-card', { hasText: 'Week 1' });
    await card.waitFor();
    expect(await card.locator('.standing').textContent()).toMatch(/open.*left/);
    expect(await card.textContent()).toContain('0 submissions');
    await studentPage.screenshot({ path: path.join(SCREENSHOTS_DIR, 'student-courses.png'), fullPage: true });

    await card.getByRole('link', { name: SLUG }).click();
    await studentPage.getByText('Submitting for').waitFor();
    await replaceEditorText(studentPage, '.cm-content', solution);
    await studentPage.getByRole('button', { name: 'Submit' }).click();
    await studentPage.locator('.result .status-graded').waitFor({ timeout: 90_000 });
    const mine = (await pipeline.admin.request('GET', `/api/courses/${courseId}/assignments`)).body.items[0];
    const graded = (await pipeline.admin.request('GET', `/api/assignments/${mine.id}/gradebook`)).body.rows[0];
    expect(graded).toMatchObject({ username: 'ada', total: 10, cells: [{ adjustedScore: 10, daysLate: 0 }] });
  });

  it('shows the instructor the gradebook with a late penalty, its charts drawn, and gives an extension in the page', async () => {
    const ben = await pipeline.admin.request('POST', '/api/users', { username: 'ben', displayName: 'Ben', role: 'student', courseId });
    const late = await pipeline.admin.request('POST', `/api/courses/${courseId}/assignments`, {
      title: 'Week 0',
      exercises: [SLUG],
      opensAt: new Date(Date.now() - 10 * DAY).toISOString(),
      dueAt: new Date(Date.now() - 36 * HOUR).toISOString(),
      late: { kind: 'accepted', days: 3, penaltyPercentPerDay: 10 },
    });
    lateAssignment = late.body.id;
    const student = new ApiClient(pipeline.url, ben.body.token);
    const submitted = await student.request('POST', '/api/submissions', { exercise: SLUG, files: { 'query.sql': solution }, assignment: lateAssignment });
    expect(submitted.status).toBe(202);
    await student.waitForGrade(submitted.body.id);

    await page.goto(`${pipeline.url}/instructor/assignments/${lateAssignment}`);
    const row = page.locator('tr[data-student="ben"]');
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toMatch(/^8\/10.*2 d late \(10 before the penalty\)/);
    // Each chart is drawn into its canvas by Chart.js: none is left blank.
    await page.locator('canvas').nth(2).waitFor();
    const blank = await page.evaluate(`(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return [...document.querySelectorAll('canvas')].map((c) => {
        const empty = document.createElement('canvas');
        empty.width = c.width;
        empty.height = c.height;
        return c.width === 0 || c.toDataURL() === empty.toDataURL();
      });
    })()`);
    expect(blank).toEqual([false, false, false]);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'assignment-gradebook.png'), fullPage: true });

    await page.getByLabel('Student', { exact: true }).selectOption({ label: 'Ada Lovelace (ada)' });
    await page.getByLabel('Due', { exact: true }).fill(localInput(Date.now() + DAY));
    await page.getByRole('button', { name: 'Give the extension' }).click();
    await page.locator('tr[data-student="ada"]', { hasText: 'extended to' }).waitFor();
    const csv = await page.evaluate<string>(`fetch('/api/assignments/${lateAssignment}/gradebook.csv').then((r) => r.text())`);
    expect(csv).toContain('ben,Ben,,8,2,8');
  });
});
