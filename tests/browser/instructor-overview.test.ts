import fs from 'node:fs';
import path from 'node:path';
import { seriousAccessibilityFindings } from '../support/axe';
import { until } from '../support/wait';
import type { Page } from 'playwright-core';
import { SCREENSHOTS_DIR, signIn } from '../support/browser';
import { REPO_ROOT, type Pipeline } from '../support/pipeline';
import { startWebApp, type WebAppSession } from '../support/web-app-session';

const SLUG = 'sql-revenue-by-customer';
const solution = fs.readFileSync(path.join(REPO_ROOT, 'exercises', SLUG, 'solution', 'query.sql'), 'utf8');

let pipeline: Pipeline;
let session: WebAppSession;
let page: Page;

beforeAll(async () => {
  session = await startWebApp({ person: { username: 'barbara', displayName: 'Barbara Liskov', role: 'instructor', password: 'instructor password' } });
  ({ pipeline, page } = session);
  // One student gets full marks after a wrong try; the tie-break test is the one that failed.
  await pipeline.student.submitAndWait(SLUG, { 'query.sql': solution.replace('total_cents DESC, c.name ASC', 'total_cents DESC') });
  await pipeline.student.submitAndWait(SLUG, { 'query.sql': solution });
  const bea = await pipeline.createUser('student', 'bea');
  await bea.submitAndWait(SLUG, { 'query.sql': solution });
}, 180_000);

const userIdOf = async (username: string): Promise<string> => {
  const users = await pipeline.admin.request('GET', '/api/users');
  return (users.body.items as Array<{ id: string; username: string }>).find((u) => u.username === username)!.id;
};

afterAll(async () => {
  await session?.close();
});

describe('an instructor in the web app', () => {
  it('lands on the overview after signing in and sees each exercise’s attempts, students, full marks and most failed test', async () => {
    await signIn(page, pipeline.url, 'barbara', 'instructor password');
    const row = page.locator(`tr[data-slug="${SLUG}"]`);
    await row.waitFor();
    expect(new URL(page.url()).pathname).toBe('/instructor');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 6)).toEqual(['published', 'v1 of 1', '3', '2', '100 %', '10/10']);
    expect(cells[6]).toContain('breaks ties by name: 1 of 3');
    // The exercises as students see them are one link away.
    await page.getByRole('link', { name: 'Exercises', exact: true }).click();
    await page.locator('ul.exercise-list > li').first().waitFor();
    await page.goBack();
    await row.waitFor();
    expect(await page.getByRole('link', { name: 'Download the gradebook (CSV)' }).getAttribute('href')).toBe('/api/instructor/gradebook.csv');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'instructor-overview.png'), fullPage: true });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('opens an exercise’s submissions from every student, filtered by student, status and verdict, and keeps the filters in the address', async () => {
    await page.locator(`tr[data-slug="${SLUG}"] a`).click();
    await page.locator('tr[data-submission]').first().waitFor();
    const rows = page.locator('tr[data-submission]');
    const students = async () => (await rows.locator('td:first-child').allTextContents()).sort();
    expect(await students()).toEqual(['bea', 'student-main', 'student-main']);
    await page.getByLabel('Student').selectOption({ label: 'bea (bea), 1 attempt' });
    await until(async () => (await rows.count()) === 1, 10_000, 'only bea’s submission');
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual(expect.arrayContaining(['bea', 'graded', '10/10', 'Accepted', 'v1']));
    await page.getByLabel('Student').selectOption({ label: 'Every student' });
    await page.getByLabel('Verdict').selectOption({ label: 'Some tests failed' });
    await until(async () => (await rows.count()) === 1, 10_000, 'only the failed attempt');
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual(expect.arrayContaining(['student-main', 'graded', 'Some tests failed']));
    // A reload (or a shared link) keeps the filters.
    expect(new URL(page.url()).searchParams.get('verdict')).toBe('tests_failed');
    await page.reload();
    await until(async () => (await page.getByLabel('Verdict').inputValue()) === 'tests_failed' && (await rows.count()) === 1, 10_000, 'the verdict filter after a reload');
    await page.getByLabel('Status').selectOption('error');
    await page.getByText('No submission matches these filters.').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.getByRole('link', { name: '← Instructor overview' }).click();
    await page.locator(`tr[data-slug="${SLUG}"]`).waitFor();
  });

  it('keeps the overview and the filtered submissions usable at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${pipeline.url}/`);
      await page.locator(`tr[data-slug="${SLUG}"]`).waitFor();
      expect(new URL(page.url()).pathname).toBe('/instructor');
      await page.goto(`${pipeline.url}/instructor/exercises/${SLUG}?student=${encodeURIComponent(await userIdOf('bea'))}`);
      await until(async () => (await page.locator('tr[data-submission]').count()) === 1, 10_000, 'bea’s submission at phone width');
      expect(await page.evaluate<boolean>('document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth + 1')).toBe(false);
      await page.getByLabel('Verdict').selectOption({ label: 'Accepted' });
      await until(async () => (await page.locator('tr[data-submission]').count()) === 1, 10_000, 'bea’s accepted submission');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('archives an exercise after asking, which hides it from students, and restores it (the CSRF token goes with each change)', async () => {
    await page.goto(`${pipeline.url}/instructor`);
    const row = page.locator('tr[data-slug="rest-books-crud"]');
    await row.waitFor();
    // Asked first: dismissed, nothing changes; accepted, archived.
    const messages: string[] = [];
    page.once('dialog', (dialog) => void (messages.push(dialog.message()), dialog.dismiss()));
    await page.getByRole('button', { name: 'Archive A books API with Express' }).click();
    await until(async () => messages.length === 1, 10_000, 'the confirmation');
    expect(messages).toEqual([expect.stringMatching(/^Archive "A books API with Express"\? Students will no longer see it/)]);
    expect(await row.locator('td.status-cell').textContent()).toBe('published');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Archive A books API with Express' }).click();
    await row.locator('td.status-cell', { hasText: 'archived' }).waitFor();
    const listed = async () => ((await pipeline.student.request('GET', '/api/exercises')).body.items as { slug: string }[]).map((e) => e.slug);
    expect(await listed()).not.toContain('rest-books-crud');
    await page.getByRole('button', { name: 'Restore A books API with Express' }).click();
    await row.locator('td.status-cell', { hasText: 'published' }).waitFor();
    expect(await listed()).toContain('rest-books-crud');
  });

  it('downloads the gradebook with the session cookie', async () => {
    const csv = await page.evaluate<string>(`fetch('/api/instructor/gradebook.csv').then((r) => r.text())`);
    expect(csv.split('\n')[0]).toContain(SLUG);
    expect(csv).toContain('student-main');
  });
});
