import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { replaceEditorText, signIn, showYourCode } from '../support/browser';
import { REPO_ROOT, type Pipeline } from '../support/pipeline';
import { startWebApp, type WebAppSession } from '../support/web-app-session';

const SLUG = 'sql-revenue-by-customer';
const solution = fs.readFileSync(path.join(REPO_ROOT, 'exercises', SLUG, 'solution', 'query.sql'), 'utf8');

let pipeline: Pipeline;
let session: WebAppSession;
let page: Page;

beforeAll(async () => {
  // Phone width: the pages must work without a horizontal scroll bar.
  session = await startWebApp({ person: { username: 'grace', displayName: 'Grace Hopper', role: 'student', password: 'a long enough password' }, viewport: { width: 390, height: 844 } });
  ({ pipeline, page } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

/** Page-side checks are strings: this file is compiled without the DOM's types. */
const overflowsSideways = () => page.evaluate<boolean>('document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth + 1');
const unlabelledControls = () =>
  page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea, button, [contenteditable="true"]')]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !el.textContent.trim())
    .map((el) => el.outerHTML.slice(0, 80))`);

describe('the web app at phone width, by keyboard, through network trouble', () => {
  it('says so when the password is wrong, and keeps the username', async () => {
    await signIn(page, pipeline.url, 'grace', 'not the password');
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
    expect(await page.getByLabel('Username').inputValue()).toBe('grace');
  });

  it('signs in with the keyboard alone', async () => {
    await page.goto(pipeline.url);
    await page.locator('#username').waitFor();
    expect(await unlabelledControls()).toEqual([]);
    // The username field has the focus when the page opens.
    await page.keyboard.type('grace');
    await page.keyboard.press('Tab');
    await page.keyboard.type('a long enough password');
    await page.keyboard.press('Enter');
    await page.locator(`[data-slug="${SLUG}"]`).waitFor();
    expect(await unlabelledControls()).toEqual([]);
    expect(await overflowsSideways()).toBe(false);
  });

  it('says when the server cannot be reached, and recovers by itself', async () => {
    let refused = 0;
    await page.route('**/api/exercises', async (route) => {
      if (refused++ === 0) return route.abort('connectionrefused');
      return route.continue();
    });
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'cannot be reached' }).waitFor();
    await page.locator(`[data-slug="${SLUG}"]`).waitFor({ timeout: 15_000 });
    expect(refused).toBeGreaterThanOrEqual(2);
    await page.unroute('**/api/exercises');
  });

  it('follows a submission by polling when the event stream cannot be opened', async () => {
    await page.route('**/api/submissions/*/events', (route) => route.abort('connectionreset'));
    await page.goto(`${pipeline.url}/exercises/${SLUG}`);
    await showYourCode(page);
    expect(await unlabelledControls()).toEqual([]);
    expect(await overflowsSideways()).toBe(false);
    await replaceEditorText(page, '.cm-content', solution);
    // Tab indents inside the editor; Escape then Tab leaves it, to Submit, and Enter submits.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Submit');
    await page.keyboard.press('Enter');
    await page.locator('.result [data-status="graded"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('.result .status').textContent()).toContain('10/10 points');
    expect(await overflowsSideways()).toBe(false);
    await page.unroute('**/api/submissions/*/events');
  });
});
