/**
 * A student's work follows them (issue 18), at laptop and phone width, through the real server,
 * queue and sandbox: code typed on one device opens on another (the draft is saved to their
 * account), edits made offline are kept in the browser and saved once it is back online, the
 * latest result is there on return, any history entry opens its result and loads its files
 * back into the editor, and the editor's text size and wrapping are remembered.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { launchBrowser, replaceEditorText, signIn, VIEWPORTS, type Browser, type Viewport, showYourCode } from '../support/browser';
import { REPO_ROOT } from '../support/pipeline';
import { until } from '../support/wait';
import { studentPerViewportSuite, type WebAppSession } from '../support/web-app-session';

const SQL = 'sql-revenue-by-customer';
const read = (...parts: string[]) => fs.readFileSync(path.join(REPO_ROOT, 'exercises', ...parts), 'utf8');
const solution = read(SQL, 'solution', 'query.sql');
/** Sorts by the total only: some tests fail, some pass. */
const noTieBreak = read(SQL, 'wrong', 'no-tie-break', 'query.sql');
const PASSWORD = 'correct horse battery';

const students = studentPerViewportSuite(PASSWORD);
let session: WebAppSession;
beforeAll(() => void (session = students.session));
const others: Browser[] = [];
afterAll(() => Promise.all(others.map((b) => b.close())));

const editorText = (page: Page) => page.locator('.cm-content').innerText();
/** The draft the server holds for the signed-in student, asked from the page (its session cookie). */
const serverDraft = (page: Page) => page.evaluate(`fetch('/api/exercises/${SQL}/draft').then((r) => r.json())`);
const draftSaved = (page: Page) => page.locator('[data-draft-status][data-state="saved"]').waitFor({ timeout: 15_000 });

/** The same student on a second device: another browser with its own storage, signed in afresh. */
async function secondDevice(viewport: Viewport): Promise<Page> {
  const browser = await launchBrowser({ width: viewport.width, height: viewport.height });
  others.push(browser);
  const page = await browser.context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await signIn(page, session.pipeline.url, viewport.name, PASSWORD);
  await page.locator(`[data-slug="${SQL}"]`).waitFor();
  return page;
}

describe.each(VIEWPORTS)('at $name width ($width px)', (viewport) => {
  let first: Page;
  let second: Page;

  beforeAll(async () => {
    first = await students.pageAt(viewport);
    first.on('dialog', (dialog) => void dialog.accept());
    await signIn(first, session.pipeline.url, viewport.name, PASSWORD);
    await first.locator(`[data-slug="${SQL}"]`).waitFor();
    await first.goto(`${session.pipeline.url}/exercises/${SQL}`);
    await showYourCode(first);
  }, 60_000);

  it('opens on a second device with the code typed on the first', async () => {
    await replaceEditorText(first, '.cm-content', noTieBreak);
    // The status said "saved" already (nothing to save when the page opened): wait for this save.
    await until(async () => JSON.stringify(await serverDraft(first)).includes('Sorts by the total only'), 15_000, 'the typed code saved as the draft');
    expect(await first.locator('[data-draft-status]').innerText()).toBe('Saved to your account.');
    second = await secondDevice(viewport);
    await second.goto(`${session.pipeline.url}/exercises/${SQL}`);
    await showYourCode(second);
    expect(await editorText(second)).toContain('ORDER BY total_cents DESC;');
  });

  it('says when the browser is offline that the code is kept here only', async () => {
    await first.context().setOffline(true);
    await replaceEditorText(first, '.cm-content', `${noTieBreak}\n-- kept here`);
    await first.locator('[data-draft-status][data-state="local"]').waitFor({ timeout: 15_000 });
    expect(await first.locator('[data-draft-status]').innerText()).toMatch(/^Not saved to your account yet/);
    await first.context().setOffline(false);
    await draftSaved(first);
  });

  it('prefers edits the server never took over its older draft in a page opened later, and saves them once it can', async () => {
    // Every save refused on the way (a network emulated offline lets a closing page's keepalive
    // save through, so the page stays open and the saves are refused instead).
    const refuse = (route: Route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue());
    await first.context().route('**/draft', refuse);
    await replaceEditorText(first, '.cm-content', `${noTieBreak}\n-- written offline`);
    await first.locator('[data-draft-status][data-state="local"]').waitFor({ timeout: 15_000 });
    const again = await first.context().newPage();
    again.on('dialog', (dialog) => void dialog.accept());
    await again.goto(`${session.pipeline.url}/exercises/${SQL}`);
    await showYourCode(again);
    expect(await editorText(again)).toContain('-- written offline');
    expect(JSON.stringify(await serverDraft(second))).not.toContain('-- written offline');
    await first.context().unroute('**/draft', refuse);
    await first.close();
    first = again;
    await first.evaluate(`window.dispatchEvent(new Event('online'))`);
    await draftSaved(first);
    expect(JSON.stringify(await serverDraft(second))).toContain('-- written offline');
    await second.reload();
    await showYourCode(second);
    expect(await editorText(second)).toContain('-- written offline');
  });

  it('shows the latest result on return, from a submission made on the other device', async () => {
    await second.getByRole('button', { name: 'Submit' }).click();
    await second.locator('.result [data-status="graded"]').waitFor({ timeout: 90_000 });
    const score = await second.locator('.result .status').innerText();
    await first.reload();
    await first.locator('.result [data-status="graded"]').waitFor();
    expect(await first.locator('.result .status').innerText()).toBe(score);
    expect(await first.locator('.result .test.failed').count()).toBeGreaterThan(0);
  });

  it('opens any history entry’s result and loads its files back into the editor', async () => {
    await replaceEditorText(first, '.cm-content', solution);
    await first.getByRole('button', { name: 'Submit' }).click();
    await first.locator('.result .status', { hasText: '10/10 points' }).waitFor({ timeout: 90_000 });
    const entries = first.locator('.history-item');
    await first.locator('.history-item >> nth=1').waitFor();
    expect(await entries.count()).toBe(2);
    // The older entry (the other device's submission): its whole result, opened on demand.
    const older = entries.nth(1);
    await older.locator('summary', { hasText: 'Result of this submission' }).click();
    await older.locator('.result .test.failed').first().waitFor();
    await older.getByRole('button', { name: /^Load into editor the files of the submission from .+$/ }).click();
    // After the confirmation the click opened.
    await first.locator('.cm-content', { hasText: '-- written offline' }).waitFor();
    await until(async () => JSON.stringify(await serverDraft(first)).includes('-- written offline'), 15_000, 'the loaded files saved as the draft');
    // Loading saves it as the draft like any edit: the second device opens with it.
    await second.reload();
    await showYourCode(second);
    expect(await editorText(second)).toContain('-- written offline');
  });

  it('remembers the editor’s text size and line wrapping in this browser', async () => {
    const fontSize = () => first.evaluate<string>(`getComputedStyle(document.querySelector('.cm-editor')).fontSize`);
    const before = Number.parseFloat(await fontSize());
    await first.getByRole('button', { name: 'Larger text in the editor' }).click();
    await first.getByLabel('Wrap long lines').check();
    expect(Number.parseFloat(await fontSize())).toBeGreaterThan(before);
    expect(await first.locator('.cm-content.cm-lineWrapping').count()).toBe(1);
    await first.reload();
    await showYourCode(first);
    expect(Number.parseFloat(await fontSize())).toBeGreaterThan(before);
    expect(await first.getByLabel('Wrap long lines').isChecked()).toBe(true);
    expect(await first.locator('.cm-content.cm-lineWrapping').count()).toBe(1);
    await first.getByRole('button', { name: 'Smaller text in the editor' }).click();
    await first.getByLabel('Wrap long lines').uncheck();
    expect(Number.parseFloat(await fontSize())).toBe(before);
  });

  it('forgets the draft everywhere on Reset to starter', async () => {
    await first.getByRole('button', { name: 'Reset to starter' }).click();
    await first.locator('[data-draft-status]', { hasText: 'Back to the starter files.' }).waitFor();
    await second.reload();
    await showYourCode(second);
    expect(await editorText(second)).not.toContain('-- written offline');
    expect(await editorText(second)).toBe(await editorText(first));
  });
});
