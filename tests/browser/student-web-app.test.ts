import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { replaceEditorText, SCREENSHOTS_DIR, signIn, showYourCode } from '../support/browser';
import { REPO_ROOT, type Pipeline } from '../support/pipeline';
import { startWebApp, type WebAppSession } from '../support/web-app-session';

const SLUG = 'sql-revenue-by-customer';
const solution = fs.readFileSync(path.join(REPO_ROOT, 'exercises', SLUG, 'solution', 'query.sql'), 'utf8');
/** The reference solution without its tie-break by name: fails "breaks ties by name". */
const wrong = solution.replace('total_cents DESC, c.name ASC', 'total_cents DESC');

let pipeline: Pipeline;
let session: WebAppSession;
let page: Page;
const requested: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  session = await startWebApp({ person: { username: 'ada', displayName: 'Ada Lovelace', role: 'student', password: 'correct horse battery' } });
  ({ pipeline, page } = session);
  session.browser.context.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
}, 120_000);

afterAll(async () => {
  await session?.close();
});

const replaceCode = (text: string) => replaceEditorText(page, '.cm-content', text);

/** Records every status the result area shows, so the test can tell it changed live. */
async function watchStatuses(): Promise<void> {
  await page.evaluate(`(() => {
    const seen = (window.seenStatuses = []);
    new MutationObserver(() => {
      const status = document.querySelector('.result [data-status]')?.getAttribute('data-status');
      if (status && seen[seen.length - 1] !== status) seen.push(status);
    }).observe(document.body, { subtree: true, childList: true });
  })()`);
}

const seenStatuses = () => page.evaluate<string[]>('window.seenStatuses');

describe('a student in the web app, against the real API, queue and sandbox', () => {
  it('signs in and sees the exercise list with kinds, skills and points', async () => {
    await signIn(page, pipeline.url, 'ada', 'correct horse battery');
    const card = page.locator(`[data-slug="${SLUG}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Best customers by revenue');
    expect(await card.textContent()).toContain('sql-query');
    expect(await card.locator('.badge.language').textContent()).toBe('SQL');
    expect(await card.textContent()).toContain('HAVING');
    expect(await card.textContent()).toContain('Not attempted yet');
    // Filtering by a skill only this kind of exercise has hides the others.
    await page.getByLabel('Kind').selectOption('sql-query');
    expect(await page.locator('.exercise-card').count()).toBeGreaterThanOrEqual(1);
    await page.getByLabel('Kind').selectOption('');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'exercise-list.png'), fullPage: true });
  });

  it('opens the exercise: statement rendered from markdown beside the starter in a highlighting editor', async () => {
    await page.getByRole('link', { name: 'Best customers by revenue' }).click();
    await page.locator('#exercise-title').waitFor();
    expect(page.url()).toBe(`${pipeline.url}/exercises/${SLUG}`);
    expect(await page.locator('.markdown').innerHTML()).toMatch(/<(p|h\d|code|table|ul)/);
    expect(await page.locator('.cm-content').textContent()).toContain('SELECT name');
    // SQL keywords are highlighted (wrapped in their own styled spans).
    expect(await page.locator('.cm-line span').count()).toBeGreaterThan(0);
  });

  it('keeps the edited draft across a reload', async () => {
    await replaceCode(wrong);
    await page.reload();
    await showYourCode(page);
    expect(await page.locator('.cm-content').innerText()).toContain('ORDER BY total_cents DESC;');
  });

  it('submits a wrong answer and sees the failing test with its message, expected and actual', async () => {
    await watchStatuses();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.result [data-status="graded"]').waitFor({ timeout: 90_000 });
    const failed = page.locator('.test.failed', { hasText: 'breaks ties by name' });
    await failed.waitFor();
    expect((await failed.locator('.test-message').textContent())?.length).toBeGreaterThan(0);
    expect(await failed.locator('figcaption').allTextContents()).toEqual(['Expected', 'Actual']);
    expect(await page.locator('.result .status').textContent()).toMatch(/\d+\/10 points/);
    expect(await page.locator('.result .status').textContent()).not.toContain('10/10');
    // Hidden tests show their outcome under a generic name only.
    expect(await page.locator('.test', { hasText: 'a larger shop' }).count()).toBe(0);
  });

  it('fixes it and sees full marks arrive live, without reloading', async () => {
    await watchStatuses();
    await replaceCode(solution);
    await page.getByRole('button', { name: 'Submit' }).click();
    // Waits for this submission's grade: the previous result may still be on the page for a moment.
    await page.locator('.result .status', { hasText: '10/10 points' }).waitFor({ timeout: 90_000 });
    await page.locator('.result [data-status="graded"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('.result .status').textContent()).toContain('Accepted');
    expect(await page.locator('.test.failed').count()).toBe(0);
    const statuses = await seenStatuses();
    expect(statuses[statuses.length - 1]).toBe('graded');
    expect(statuses.some((s) => s === 'queued' || s === 'running')).toBe(true);
    // The live status came through the event stream.
    expect(requested.some((url) => /\/api\/submissions\/[0-9a-f-]+\/events$/.test(url))).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'exercise-result.png'), fullPage: true });
  });

  it('finds both submissions in the history, the newest with a diff against the first', async () => {
    const items = page.locator('.history-item');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).locator('.history-score').textContent()).toBe('10/10');
    expect(await items.nth(1).locator('.history-score').textContent()).not.toBe('10/10');
    await items.nth(0).locator('summary', { hasText: 'Changes since the previous submission' }).click();
    expect(await items.nth(0).locator('.line-added').allTextContents()).toEqual([expect.stringContaining('c.name ASC')]);
    expect(await items.nth(0).locator('.line-removed').count()).toBe(1);
  });

  it('shows the new best score in the list', async () => {
    await page.getByRole('link', { name: '← All exercises' }).click();
    await page.locator(`[data-slug="${SLUG}"] .best`).waitFor();
    expect(await page.locator(`[data-slug="${SLUG}"] .best`).textContent()).toBe('Best score: 10/10');
  });

  it('filters the list by language and opens a Python exercise in an editor that highlights Python', async () => {
    await page.getByLabel('Language').selectOption('python');
    const slugs = await page.locator('.exercise-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-slug')));
    expect(slugs.length).toBeGreaterThanOrEqual(1);
    expect(slugs.every((slug) => slug?.startsWith('py-'))).toBe(true);
    await page.getByLabel('Language').selectOption('');
    await page.goto(`${pipeline.url}/exercises/py-flask-books-crud`);
    await page.locator('#exercise-title').waitFor();
    expect(await page.locator('.meta .badge.language').textContent()).toBe('Python');
    expect(await page.locator('.cm-content').textContent()).toContain('def create_app');
    // Python's keywords (def, return) are highlighted: wrapped in their own styled spans.
    expect(await page.locator('.cm-line span', { hasText: 'def' }).count()).toBeGreaterThan(0);
  });

  it('opens a test-writing exercise: the module to test is shown as code beside the statement, the test file in the editor', async () => {
    await page.goto(`${pipeline.url}/exercises/tests-order-pricing`);
    await page.locator('#exercise-title').waitFor();
    const given = page.locator('.given-files details');
    expect(await given.locator('summary').textContent()).toContain('pricing.js');
    const implementation = fs.readFileSync(path.join(REPO_ROOT, 'exercises', 'tests-order-pricing', 'implementation', 'pricing.js'), 'utf8');
    expect(await given.locator('pre code').textContent()).toBe(implementation);
    expect(await page.locator('.cm-content').textContent()).toContain("require('./pricing')");
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'test-writing-exercise.png'), fullPage: true });
  });

  it('broke no Content-Security-Policy rule and talked to nothing but this server', () => {
    expect(cspViolations).toEqual([]);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith(`${pipeline.url}/`) && url !== pipeline.url)).toEqual([]);
  });
});
