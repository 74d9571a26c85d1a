import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { seriousAccessibilityFindings } from '../support/axe';
import { replaceEditorText, SCREENSHOTS_DIR, signIn } from '../support/browser';
import { countRowsExercise, packageTarGz } from '../support/exercise-package';
import type { ApiClient } from '../support/http';
import type { Pipeline } from '../support/pipeline';
import { startWebApp, type WebAppSession } from '../support/web-app-session';

/**
 * An instructor authors an exercise in the web app against the real API, queue and sandbox:
 * uploads a package whose reference solution is broken, reads the validation report that
 * rejects it, fixes the reference in the browser, publishes, downloads the gradebook, then
 * changes a hidden dataset into version 2 and regrades with a preview.
 */
const SLUG = 'count-rows-web';
/** The reference solution has a typo: the expected rows cannot be computed, no solution can pass. */
const BROKEN = countRowsExercise(SLUG, { 'solution/query.sql': 'SELEC count(*) FROM t\n' });
/** Version 2: the hidden test's table gets seven rows (empty in version 1). */
const SEVEN_ROWS = `CREATE TABLE t (n INTEGER);\nINSERT INTO t VALUES (1), (2), (3), (4), (5), (6), (7);\n`;
const VISIBLE_EDITOR = '.package-file .editor-panel:not([hidden]) .cm-content';

let pipeline: Pipeline;
let session: WebAppSession;
let page: Page;
let linus: ApiClient;
let margaret: ApiClient;

beforeAll(async () => {
  session = await startWebApp({ person: { username: 'grace', displayName: 'Grace Hopper', role: 'instructor', password: 'instructor password' }, pipeline: { exercisesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'no-exercises-')) } });
  ({ pipeline, page } = session);
  linus = await pipeline.createUser('student', 'linus');
  margaret = await pipeline.createUser('student', 'margaret');
}, 120_000);

afterAll(async () => {
  await session?.close();
});

const publishButton = () => page.getByRole('button', { name: 'Publish' });

async function openFile(packagePath: string): Promise<void> {
  await page.locator(`.file-link[data-path="${packagePath}"]`).click();
  await page.locator('#package-file-name', { hasText: packagePath }).waitFor();
}

describe('an instructor authoring an exercise in the web app', () => {
  it('uploads a package as a .tar.gz and finds it open as a draft, manifest first', async () => {
    await signIn(page, pipeline.url, 'grace', 'instructor password');
    await page.getByRole('link', { name: 'Instructor', exact: true }).click();
    await page.getByText('No drafts in progress.').waitFor();
    await page.getByRole('link', { name: 'New exercise' }).click();
    await page.getByLabel('Package archive').setInputFiles({ name: `${SLUG}.tar.gz`, mimeType: 'application/gzip', buffer: await packageTarGz(BROKEN) });
    await page.getByRole('button', { name: 'Upload and open the draft' }).click();
    await page.getByRole('heading', { name: 'Draft: Count the rows' }).waitFor();
    expect(await page.locator('.file-link').evaluateAll((links) => links.map((l) => l.getAttribute('data-path')))).toEqual(['exercise.yaml', ...Object.keys(BROKEN).filter((p) => p !== 'exercise.yaml').sort()]);
    expect(await page.locator('#package-file-name').textContent()).toBe('exercise.yaml');
    expect(await page.getByText('Not validated yet.').isVisible()).toBe(true);
    expect(await publishButton().isDisabled()).toBe(true);
  });

  it('sees validation reject the broken reference solution with the failing test, and cannot publish', async () => {
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.locator('[data-validation="failed"]').waitFor({ timeout: 90_000 });
    const reference = page.locator('[data-candidate="reference"]');
    expect(await reference.getAttribute('class')).toContain('bad');
    expect(await reference.locator('.problem').textContent()).toMatch(
      /^The reference solution scored 0 of 2 \(internal_error\) but must score full marks; failing: "counts three rows": the exercise is broken: the reference solution failed on test "counts three rows" .*near "SELEC": syntax error/,
    );
    // Every test is listed, the hidden one too (this is the instructor), with what went wrong.
    expect(await reference.locator('.tests .test-name').allTextContents()).toEqual(['counts three rows', 'counts the rows of another table']);
    expect(await reference.locator('.tests .test-message').first().textContent()).toContain('near "SELEC": syntax error');
    // The correct alternative cannot pass either; the starter and the known-wrong solution still land where they must.
    expect(await page.locator('[data-candidate="alternative alternatives/sum"]').getAttribute('class')).toContain('bad');
    // With the reference broken nothing judged the others: their low scores pass nothing.
    for (const unjudged of ['starter', 'known-wrong wrong/constant']) {
      expect(await page.locator(`[data-candidate="${unjudged}"]`).getAttribute('class')).toContain('bad');
      expect(await page.locator(`[data-candidate="${unjudged}"] .problem`).textContent()).toMatch(/^The grader could not grade .*Not a judgement of the solution/);
    }
    expect(await publishButton().isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'instructor-validation.png'), fullPage: true });
  });

  it('is told which manifest field is wrong, with its line, and goes there from the message', async () => {
    const manifest = BROKEN['exercise.yaml']!;
    const line = manifest.split('\n').findIndex((l) => l.startsWith('maxScore:')) + 1;
    await replaceEditorText(page, VISIBLE_EDITOR, manifest.replace('maxScore: 2', 'maxScore: two'));
    await page.locator('.draft-state', { hasText: 'unsaved changes' }).waitFor();
    // Looking at another file when the error comes: the jump must open the manifest.
    await openFile('solution/query.sql');
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.locator('.notice [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('exercise.yaml: maxScore');
    await alert.getByRole('button', { name: `Go to exercise.yaml, line ${line}` }).click();
    await page.locator('#package-file-name', { hasText: 'exercise.yaml' }).waitFor();
    expect(await page.locator('.package-file .editor-panel:not([hidden]) .cm-activeLine').textContent()).toBe('maxScore: two');
    expect(await page.evaluate<boolean>(`document.activeElement?.classList.contains('cm-content') ?? false`)).toBe(true);
  });

  it('reads a YAML syntax error on one line with its line and column, and goes there', async () => {
    const manifest = BROKEN['exercise.yaml']!;
    const lines = manifest.split('\n');
    const titleLine = lines.findIndex((l) => l.startsWith('title:')) + 1;
    lines[titleLine - 1] = 'title: [Count the rows';
    await replaceEditorText(page, VISIBLE_EDITOR, lines.join('\n'));
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.locator('.notice [role="alert"]');
    await alert.getByText(/exercise\.yaml is not valid YAML: .*\(line \d+, column \d+\)/).waitFor();
    // One line each, no code frame squashed into it.
    expect(await alert.locator('li').first().evaluate((li) => li.firstChild?.textContent ?? '')).not.toMatch(/\^|\n/);
    const go = alert.getByRole('button', { name: /^Go to exercise\.yaml, line \d+$/ });
    const said = Number(/line (\d+)$/.exec((await go.textContent())!)![1]);
    expect(said).toBeGreaterThanOrEqual(titleLine);
    await go.click();
    expect(await page.locator('.package-file .editor-panel:not([hidden]) .cm-activeLine').textContent()).toBe(lines[said - 1]);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'instructor-yaml-error.png') });
    // Back to the saved manifest: nothing left to save.
    await replaceEditorText(page, VISIBLE_EDITOR, manifest);
    await page.locator('.draft-state', { hasText: 'saved' }).waitFor();
  });

  it('previews the statement as students will read it, then edits it again', async () => {
    await openFile('statement.md');
    const preview = page.getByRole('button', { name: 'Preview' });
    await preview.click();
    expect(await preview.getAttribute('aria-pressed')).toBe('true');
    const rendered = page.getByRole('region', { name: 'Preview as students see it' });
    expect(await rendered.getByRole('heading', { name: 'Count the rows' }).isVisible()).toBe(true);
    expect(await rendered.locator('code').first().textContent()).toBe('t');
    expect(await page.locator(VISIBLE_EDITOR).isVisible()).toBe(false);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await preview.click();
    expect(await page.locator(VISIBLE_EDITOR).isVisible()).toBe(true);
    // Only markdown files have a preview.
    await openFile('exercise.yaml');
    expect(await preview.isHidden()).toBe(true);
  });

  it('fixes the reference solution in the editor, validates again and publishes version 1', async () => {
    await openFile('solution/query.sql');
    await replaceEditorText(page, VISIBLE_EDITOR, 'SELECT count(*) FROM t\n');
    expect(await page.locator('.file-link[data-path="solution/query.sql"] .changed').count()).toBe(1);
    // Validate saves first: the report is for what the editor shows.
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.locator('[data-validation="passed"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('.candidate.bad').count()).toBe(0);
    await page.waitForFunction(`!document.querySelector('.actions button.primary').disabled`);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'instructor-draft.png'), fullPage: true });
    await publishButton().click();
    await page.getByText('Published as version 1.').waitFor();
    const listed = (await linus.request('GET', '/api/exercises')).body.items.map((e: { slug: string }) => e.slug);
    expect(listed).toEqual([SLUG]);
  });

  it('downloads the gradebook with each student’s best score', async () => {
    expect(await linus.submitAndWait(SLUG, { 'query.sql': 'SELECT count(*) FROM t' })).toMatchObject({ score: 2 });
    // Right for version 1's empty hidden table only.
    expect(await margaret.submitAndWait(SLUG, { 'query.sql': 'SELECT 0' })).toMatchObject({ score: 1 });
    await page.getByRole('link', { name: 'Instructor', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the gradebook (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('gradebook.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const rows = csv.trim().split(/\r?\n/).map((line) => line.split(','));
    const column = rows[0]!.findIndex((cell) => cell.endsWith(`[${SLUG}] (/2)`));
    expect(column).toBeGreaterThan(-1);
    const scoreOf = (username: string) => rows.find((r) => r.includes(username))?.[column];
    expect([scoreOf('linus'), scoreOf('margaret')]).toEqual(['2', '1']);
  });

  it('edits a hidden dataset into version 2, previews the regrade and applies exactly the grade that changes', async () => {
    await page.locator(`tr[data-slug="${SLUG}"] a`).click();
    await page.getByRole('button', { name: 'Edit in a new draft' }).click();
    await page.getByRole('heading', { name: 'Draft: Count the rows' }).waitFor();
    await openFile('datasets/other.sql');
    await replaceEditorText(page, VISIBLE_EDITOR, SEVEN_ROWS);
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.locator('[data-validation="passed"]').waitFor({ timeout: 90_000 });
    await page.waitForFunction(`!document.querySelector('.actions button.primary').disabled`);
    await publishButton().click();
    await page.getByText('Published as version 2.').waitFor();
    await page.getByRole('link', { name: 'Go to the exercise' }).click();

    await page.getByRole('button', { name: 'Preview a regrade' }).click();
    await page.locator('.regrade-progress[data-finished="true"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('.regrade-progress').textContent()).toBe('2 submissions regraded against version 2: 1 grade would change (0 up, 1 down), 1 unchanged.');
    const changed = page.locator('tr[data-regraded]');
    expect(await changed.count()).toBe(1);
    expect(await changed.locator('td').allTextContents()).toEqual(['margaret', 'v1', '1/2 · Some tests failed', '0/2 · Some tests failed', '-1']);
    // Nothing changes for the student before the instructor applies it.
    expect((await margaret.request('GET', '/api/submissions')).body.items[0]).toMatchObject({ score: 1, exerciseVersion: 1 });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'instructor-regrade.png'), fullPage: true });

    // The class's results are beside it: two students, one with full marks.
    expect(await page.locator('.facts').innerText()).toMatch(/Students\s+2\s+Full marks\s+1 of 2 \(50 %\)/);
    await page.getByRole('button', { name: 'Apply 1 change' }).click();
    await page.getByText('Applied: 1 grade changed.', { exact: false }).waitFor();
    expect((await margaret.request('GET', '/api/submissions')).body.items[0]).toMatchObject({ score: 0, exerciseVersion: 2 });
  });

  it('starts a new exercise as a copy under a new slug and title, comments kept, then discards it', async () => {
    await page.getByRole('link', { name: 'Instructor', exact: true }).click();
    await page.getByRole('link', { name: 'New exercise' }).click();
    await page.getByLabel('Copy of').selectOption(SLUG);
    await page.getByLabel('New slug').fill('count-rows-copy');
    await page.getByLabel('Title').fill('Count the rows again');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { name: 'Draft: Count the rows again' }).waitFor();
    const manifest = (await page.locator(VISIBLE_EDITOR).innerText()).split('\n');
    expect(manifest.slice(0, 3)).toEqual(['# yaml-language-server: $schema=../../docs/exercise.schema.json', 'slug: count-rows-copy', 'title: Count the rows again']);
    // The copy is of version 2: the seven-row hidden table came along.
    await openFile('datasets/other.sql');
    expect(await page.locator(VISIBLE_EDITOR).innerText()).toContain('(7)');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await page.getByText('No drafts in progress.').waitFor();
    const drafts = await pipeline.admin.request('GET', '/api/instructor/drafts?slug=count-rows-copy&all=true');
    expect(drafts.body.items.map((d: { state: string }) => d.state)).toEqual(['discarded']);
  });

  it('keeps every instructor page legible at phone width: nothing overflows sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflowsSideways = () => page.evaluate<boolean>('document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth + 1');
    const pages: Array<[string, string]> = [
      ['/instructor', 'Instructor overview'],
      ['/instructor/new', 'New exercise'],
      [`/instructor/exercises/${SLUG}`, 'Count the rows'],
    ];
    for (const [address, heading] of pages) {
      await page.goto(`${pipeline.url}${address}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      expect([address, await overflowsSideways()]).toEqual([address, false]);
    }
    await page.getByRole('button', { name: 'Edit in a new draft' }).click();
    await page.getByRole('heading', { name: 'Draft: Count the rows' }).waitFor();
    expect(await overflowsSideways()).toBe(false);
  });
});
