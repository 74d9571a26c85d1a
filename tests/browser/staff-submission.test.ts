import fs from 'node:fs';
import path from 'node:path';
import { seriousAccessibilityFindings } from '../support/axe';
import { signIn } from '../support/browser';
import { REPO_ROOT } from '../support/pipeline';
import { startWebApp, type WebAppSession } from '../support/web-app-session';

/**
 * An instructor opens a student's submission and sees every test whole — the name-only and
 * hidden ones too, with the data the student was not shown — to tell the student why they lost
 * points. The student, meanwhile, still sees only what each test's visibility allows.
 */
const SLUG = 'sql-revenue-by-customer';
const NAME_ONLY = 'leaves out customers below 100.00';
// Leaves out a customer who spent exactly 100.00: the name-only test fails.
const strictlyGreater = fs.readFileSync(path.join(REPO_ROOT, 'exercises', SLUG, 'wrong', 'strictly-greater', 'query.sql'), 'utf8');

let session: WebAppSession;
let submissionId: string;

beforeAll(async () => {
  session = await startWebApp({ person: { username: 'ada', displayName: 'Ada Lovelace', role: 'instructor', password: 'instructor password' } });
  const graded = await session.pipeline.student.submitAndWait(SLUG, { 'query.sql': strictlyGreater });
  submissionId = graded.id;
  const seen = graded.tests.find((t: { name: string }) => t.name === NAME_ONLY);
  // What the student sees of the failing name-only test: the kind of mistake, never the rows.
  expect(seen).toMatchObject({ visibility: 'name-only', status: 'failed' });
  expect(seen.expected).toBeUndefined();
  expect(seen.actual).toBeUndefined();
}, 180_000);

afterAll(async () => {
  await session?.close();
});

it('opens a student’s submission from the exercise page and sees the name-only test whole, marked as such', async () => {
  const { page, pipeline } = session;
  await signIn(page, pipeline.url, 'ada', 'instructor password');
  await page.getByRole('link', { name: 'Instructor' }).click();
  await page.locator(`tr[data-slug="${SLUG}"] a`).click();
  await page.locator(`tr[data-submission="${submissionId}"] a`).click();
  const test = page.locator('li.test', { hasText: NAME_ONLY });
  await test.waitFor();
  expect(await test.locator('.test-visibility').textContent()).toBe('the student sees its name and the kind of input, not this data');
  expect(await test.locator('figcaption').allTextContents()).toEqual(['Expected', 'Actual']);
  expect(await test.locator('figure pre').first().textContent()).toContain('(');
  // The hidden test goes by its real name here.
  await page.locator('li.test', { hasText: 'a larger shop' }).waitFor();
  expect(await page.getByRole('heading', { name: 'Files' }).isVisible()).toBe(true);
  expect(await page.locator('.submitted-file pre').textContent()).toBe(strictlyGreater);
  expect(await seriousAccessibilityFindings(page)).toEqual([]);
});
