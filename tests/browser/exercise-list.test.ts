/**
 * The exercise list a student comes back to, at laptop and phone width, through the real
 * server, queue and sandbox: solved marks and progress per skill, search, filters narrowed to
 * what exists and kept in the address (Back finds them again), and sorting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seriousAccessibilityFindings } from '../support/axe';
import type { Page } from 'playwright-core';
import { replaceEditorText, SCREENSHOTS_DIR, showYourCode, signIn, VIEWPORTS, type Viewport } from '../support/browser';
import { REPO_ROOT } from '../support/pipeline';
import { studentPerViewportSuite, type WebAppSession } from '../support/web-app-session';

const SQL = 'sql-revenue-by-customer';
const solution = fs.readFileSync(path.join(REPO_ROOT, 'exercises', SQL, 'solution', 'query.sql'), 'utf8');
const PASSWORD = 'correct horse battery';

const students = studentPerViewportSuite(PASSWORD);
let session: WebAppSession;
beforeAll(() => void (session = students.session));
const pageAt = (viewport: Viewport): Promise<Page> => students.pageAt(viewport);

const optionTexts = (page: Page, label: string) => page.getByLabel(label).locator('option').allInnerTexts();
const cardSlugs = (page: Page) => page.locator('.exercise-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-slug')));

describe.each(VIEWPORTS)('the exercise list at $name width ($width px)', (viewport) => {
  let page: Page;

  beforeAll(async () => {
    page = await pageAt(viewport);
    await signIn(page, `${session.pipeline.url}/exercises/${SQL}`, viewport.name, PASSWORD);
    await showYourCode(page);
    await replaceEditorText(page, '.cm-content', solution);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.result .status[data-score-tone="full"]').waitFor({ timeout: 90_000 });
    await page.goto(session.pipeline.url);
    await page.locator(`[data-slug="${SQL}"]`).waitFor();
  }, 120_000);

  it('marks a solved exercise and counts it in the progress of each of its skills', async () => {
    expect(await page.locator(`[data-slug="${SQL}"] .solved-mark`).innerText()).toMatch(/Solved/);
    expect(await page.locator('.solved-mark').count()).toBe(1);
    const total = await page.locator('.exercise-card').count();
    expect(await page.locator('.progress summary').innerText()).toBe(`Solved 1 of ${total}: your progress by skill`);
    await page.locator('.progress summary').click();
    expect(await page.locator('.progress-list [data-skill="HAVING"]').innerText()).toMatch(/1 of \d+$/);
    expect(await page.locator('.progress-list [data-skill="Express"]').innerText()).toMatch(/0 of \d+$/);
  });

  it('narrows the skills to the chosen kind: no choice that finds nothing', async () => {
    await page.getByLabel('Kind').selectOption('sql-query');
    const skills = await optionTexts(page, 'Skill');
    expect(skills).toContainEqual(expect.stringMatching(/^HAVING \(\d+\)$/));
    expect(skills.some((s) => s.startsWith('Express'))).toBe(false);
    expect(skills.filter((s) => / \(0\)$/.test(s))).toEqual([]);
    const shown = await page.locator('.exercise-card').count();
    expect(await page.getByRole('status').first().innerText()).toMatch(new RegExp(`^${shown} of \\d+ exercises$`));
  });

  it('searches titles, skills and stacks, and keeps every filter in the address for Back', async () => {
    await page.getByLabel('Search').fill('revenue');
    expect(await cardSlugs(page)).toEqual([SQL]);
    expect(new URL(page.url()).search).toBe('?kind=sql-query&q=revenue');
    await page.getByRole('link', { name: 'Best customers by revenue' }).click();
    await page.locator('#exercise-title').waitFor();
    await page.goBack();
    await page.locator(`[data-slug="${SQL}"]`).waitFor();
    expect(await page.getByLabel('Search').inputValue()).toBe('revenue');
    expect(await page.getByLabel('Kind').inputValue()).toBe('sql-query');
    expect(await cardSlugs(page)).toEqual([SQL]);
    await page.getByLabel('Search').fill('postgresql');
    expect((await cardSlugs(page)).length).toBeGreaterThanOrEqual(1);
    expect((await cardSlugs(page)).includes(SQL)).toBe(false);
  });

  it('sorts what is not solved yet first', async () => {
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Sort').selectOption('to-do');
    const slugs = await cardSlugs(page);
    expect(slugs[slugs.length - 1]).toBe(SQL);
    await page.getByLabel('Sort').selectOption('title');
    expect(new URL(page.url()).search).toBe('?kind=sql-query');
    if (viewport.name === 'phone') await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'exercise-list-phone.png'), fullPage: false });
  });

  it('has no serious or critical accessibility finding (axe-core)', async () => {
    await page.locator('details.progress summary').click();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });
});
