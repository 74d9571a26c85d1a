/**
 * The exercise page as a student reads it at a glance, at laptop and phone width, through the
 * real server, queue and sandbox: what the submission runs on, submissions that would teach
 * nothing stopped in the page, Ctrl+Enter, focus and one spoken line while grading, a banner
 * coloured by the score, a compile error said once, an injection named as such, and dark mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { replaceEditorText, SCREENSHOTS_DIR, signIn, VIEWPORTS, type Viewport, showYourCode } from '../support/browser';
import { REPO_ROOT } from '../support/pipeline';
import { until } from '../support/wait';
import { seriousAccessibilityFindings } from '../support/axe';
import { studentPerViewportSuite, type WebAppSession } from '../support/web-app-session';

const SQL = 'sql-revenue-by-customer';
const TYPESCRIPT = 'rest-notes-typescript';
const INJECTION = 'inject-login-lookup';
const read = (...parts: string[]) => fs.readFileSync(path.join(REPO_ROOT, 'exercises', ...parts), 'utf8');
const solution = read(SQL, 'solution', 'query.sql');
/** Sorts by the total only: some tests fail, some pass. */
const noTieBreak = read(SQL, 'wrong', 'no-tie-break', 'query.sql');
/** Filters orders with WHERE instead of totals with HAVING: no test passes. */
const filtersOrders = read(SQL, 'wrong', 'filters-orders', 'query.sql');
const PASSWORD = 'correct horse battery';

const students = studentPerViewportSuite(PASSWORD);
let session: WebAppSession;
beforeAll(() => void (session = students.session));
const pageAt = (viewport: Viewport): Promise<Page> => students.pageAt(viewport);

/** Empties the editor as a student would: select all, delete. */
async function clearEditor(page: Page): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
}

const editorBackground = (page: Page) => page.evaluate<string>(`getComputedStyle(document.querySelector('.cm-editor')).backgroundColor`);

const graded = (page: Page) => page.locator('.result [data-status="graded"]').waitFor({ timeout: 90_000 });

describe.each(VIEWPORTS)('the exercise page at $name width ($width px)', (viewport) => {
  let page: Page;

  beforeAll(async () => {
    page = await pageAt(viewport);
    await signIn(page, session.pipeline.url, viewport.name, PASSWORD);
    await page.locator(`[data-slug="${SQL}"]`).waitFor();
  }, 60_000);

  it('says on each card what the submission runs on: SQLite and PostgreSQL told apart', async () => {
    expect(await page.locator(`[data-slug="${SQL}"] .environment`).innerText()).toMatch(/Runs on\s+SQLite/);
    expect(await page.locator('[data-slug="pg-monthly-signups"] .environment').innerText()).toMatch(/Runs on\s+PostgreSQL 15/);
    expect(await page.locator(`[data-slug="${TYPESCRIPT}"] .environment .badge`).allInnerTexts()).toEqual(['TypeScript 5.9', 'Node.js 20', 'Express 5']);
  });

  it('says it above the editor too', async () => {
    await page.goto(`${session.pipeline.url}/exercises/${SQL}`);
    await showYourCode(page);
    expect(await page.locator('.work .environment').innerText()).toMatch(/Runs on\s+SQLite/);
  });

  it(viewport.name === 'phone' ? 'shows the statement or the code, one at a time, the title above both' : 'shows the statement and the code side by side, with no switch', async () => {
    await page.goto(`${session.pipeline.url}/exercises/${SQL}`);
    await page.locator('.exercise-layout').waitFor();
    const statement = page.getByRole('article', { name: 'Statement' });
    const code = page.locator('.work .cm-content');
    expect(await page.locator('#exercise-title').isVisible()).toBe(true);
    if (viewport.name === 'phone') {
      // A newcomer reads first; the switch stays at hand.
      expect([await statement.isVisible(), await code.isVisible()]).toEqual([true, false]);
      await page.getByRole('button', { name: 'Your code' }).click();
      expect([await statement.isVisible(), await code.isVisible()]).toEqual([false, true]);
      expect(await page.getByRole('button', { name: 'Your code' }).getAttribute('aria-pressed')).toBe('true');
      // The Submit button is within the first screen of the code view, not a statement's height below.
      const submit = await page.getByRole('button', { name: 'Submit' }).boundingBox();
      expect(submit!.y).toBeLessThan(viewport.height * 1.5);
      await page.getByRole('button', { name: 'Statement' }).click();
      expect([await statement.isVisible(), await code.isVisible()]).toEqual([true, false]);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
    } else {
      expect(await page.locator('.view-switch').isVisible()).toBe(false);
      expect([await statement.isVisible(), await code.isVisible()]).toEqual([true, true]);
    }
    await showYourCode(page);
  });

  it('stops the unchanged starter and an empty editor in the page, with the reason, and sends nothing', async () => {
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(/these are the starter files, unchanged/);
    await clearEditor(page);
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(/^Nothing to submit: your files are empty/);
    const mine = await page.evaluate<{ items: unknown[] }>(`fetch('/api/submissions?exercise=${SQL}').then((r) => r.json())`);
    expect(mine.items).toEqual([]);
  });

  it('runs the visible tests without submitting: said to be a trial, out of their points, nothing in the history', async () => {
    await replaceEditorText(page, '.cm-content', noTieBreak);
    await page.getByRole('button', { name: 'Run visible tests' }).click();
    const trial = page.locator('.trial-run');
    await trial.locator('[data-status="graded"]').waitFor({ timeout: 90_000 });
    expect(await trial.locator('.trial-note').innerText()).toMatch(/^Trial run of the visible tests only\. Not a submission/);
    expect(await trial.locator('.status').innerText()).toMatch(/\b[0-5]\/6 points · Some tests failed/);
    expect(await trial.locator('.test.failed', { hasText: 'breaks ties by name' }).count()).toBe(1);
    // Visible tests only: no hidden or name-only one is run.
    expect(await trial.locator('.test').count()).toBe(3);
    expect(await page.locator('[data-announcer]').textContent()).toMatch(/^Trial run\. Graded: [0-5] of 6 points/);
    expect(await page.locator('.history-item').count()).toBe(0);
    expect((await page.evaluate<{ items: unknown[] }>(`fetch('/api/submissions?exercise=${SQL}').then((r) => r.json())`)).items).toEqual([]);
  });

  it('submits with Ctrl+Enter from the editor (no new line added), keeps focus on the result, and says the grade in one line', async () => {
    await replaceEditorText(page, '.cm-content', noTieBreak);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    // The trial run's result above gives way to the submission's.
    await page.locator('.trial-run').waitFor({ state: 'detached' });
    await page.locator('.result [data-status]').waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('result-title');
    await graded(page);
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('result-title');
    expect(await page.locator('.cm-line').count()).toBe(noTieBreak.split('\n').length);
    // The result block is not a live region; the announcer says one line.
    expect(await page.locator('.result-area[aria-live]').count()).toBe(0);
    expect(await page.locator('[data-announcer]').textContent()).toMatch(/^Graded: [1-9] of 10 points, [1-4] of 5 tests passed\. Some tests failed\.$/);
    expect(await page.locator('.result .status').getAttribute('data-score-tone')).toBe('partial');
  });

  it('marks where expected and actual differ, each pane scrolling on its own, and copies either', async () => {
    const failed = page.locator('.test.failed', { hasText: 'breaks ties by name' });
    const actual = failed.locator('.output-pane', { has: page.locator('figcaption', { hasText: 'Actual' }) });
    // The rows in another order: highlighted where they are, on both sides.
    expect(await actual.locator('.line.differs').count()).toBeGreaterThan(0);
    expect(await failed.locator('.output-pane', { has: page.locator('figcaption', { hasText: 'Expected' }) }).locator('.line.differs').count()).toBeGreaterThan(0);
    expect(await actual.locator('mark').count()).toBeGreaterThan(0);
    expect(await actual.locator('pre').getAttribute('tabindex')).toBe('0');
    expect(await actual.locator('pre').getAttribute('aria-label')).toMatch(/^Actual output, \d+ lines? differ$/);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await actual.getByRole('button', { name: 'Copy the actual output' }).click();
    await actual.getByRole('button', { name: 'Copy the actual output' }).filter({ hasText: 'Copied' }).waitFor();
    expect((await page.evaluate<string>('navigator.clipboard.readText()')).trimEnd()).toBe((await actual.locator('pre').innerText()).trimEnd());
  });

  it('stops a second submission of exactly the same code, naming its score', async () => {
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(/^You already submitted exactly this code \(it scored [1-9]\/10\)/);
    expect(await page.locator('.history-item').count()).toBe(1);
  });

  it('colours the banner by the score: none, then every point', async () => {
    await replaceEditorText(page, '.cm-content', filtersOrders);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.result .status[data-score-tone="none"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('.result .status').textContent()).toContain('0/10 points');
    await replaceEditorText(page, '.cm-content', solution);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.result .status[data-score-tone="full"]').waitFor({ timeout: 90_000 });
    const [none, full] = [await page.evaluate(`getComputedStyle(document.documentElement).getPropertyValue('--bad-bg')`), await page.evaluate(`getComputedStyle(document.querySelector('.result .status')).backgroundColor`)];
    expect(full).not.toBe(none);
    expect(await page.locator('[data-announcer]').textContent()).toBe('Graded: 10 of 10 points, 5 of 5 tests passed. Accepted.');
  });

  it('says a compile error once, above the tests it stopped', async () => {
    await page.goto(`${session.pipeline.url}/exercises/${TYPESCRIPT}`);
    await showYourCode(page);
    const starter = read(TYPESCRIPT, 'starter', 'app.ts');
    await replaceEditorText(page, '.cm-content', `${starter}\nconst wrongType: number = 'not a number';\n`);
    await page.getByRole('button', { name: 'Submit' }).click();
    await graded(page);
    const message = page.locator('.result-message.compile-error');
    expect(await message.innerText()).toMatch(/Type 'string' is not assignable to type 'number'/);
    const tests = await page.locator('.test-message').allInnerTexts();
    expect(tests.length).toBeGreaterThan(0);
    // Hidden tests included: each says only that it was not run.
    expect(tests).toEqual(tests.map(() => 'Not run: the submission did not compile (above).'));
  });

  it('names an injection in the headline: a pasted quote that broke the SQL is the injection, not a runtime error', async () => {
    await page.goto(`${session.pipeline.url}/exercises/${INJECTION}`);
    await showYourCode(page);
    const starter = read(INJECTION, 'starter', 'repository.js');
    await replaceEditorText(page, '.cm-content', `// my first try\n${starter}`);
    await page.getByRole('button', { name: 'Submit' }).click();
    await graded(page);
    expect(await page.locator('.result .status').textContent()).not.toContain('Runtime error');
    expect(await page.locator('.result-message').innerText()).toMatch(/failed because input reached the SQL \(an SQL injection\): pass every value as a bound parameter/);
    const quote = page.locator('.test', { hasText: 'finds a user whose name has a quote in it' });
    expect(await quote.locator('.test-message').innerText()).toMatch(/put the input "o'brien" into the SQL text of a statement .*it broke the statement/s);
  });

  it('has no serious or critical accessibility finding (axe-core), with a result and its history', async () => {
    await page.locator('.history-item summary', { hasText: 'Result of this submission' }).first().click();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('follows the system dark mode: the page and the editor', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(`getComputedStyle(document.documentElement).backgroundColor`)).toBe('rgb(13, 17, 23)');
    // One Dark's background (the editor hears of the change as an event: waited for).
    await until(async () => (await editorBackground(page)) === 'rgb(40, 44, 52)', 10_000, "the editor's dark theme");
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `exercise-dark-${viewport.name}.png`), fullPage: viewport.name === 'laptop' });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await page.evaluate(`getComputedStyle(document.documentElement).backgroundColor`)).toBe('rgb(246, 247, 249)');
    await until(async () => (await editorBackground(page)) !== 'rgb(40, 44, 52)', 10_000, "the editor's light theme");
  });
});
