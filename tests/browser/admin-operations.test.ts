import path from 'node:path';
import { seriousAccessibilityFindings } from '../support/axe';
import os from 'node:os';
import type { Page } from 'playwright-core';
import { SCREENSHOTS_DIR, signIn } from '../support/browser';
import type { Pipeline } from '../support/pipeline';
import { startWebApp, type WebAppSession } from '../support/web-app-session';

let pipeline: Pipeline;
let session: WebAppSession;
let page: Page;

beforeAll(async () => {
  session = await startWebApp({ person: { username: 'margaret', displayName: 'Margaret Hamilton', role: 'admin', password: 'admin password here' } });
  ({ pipeline, page } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe('an admin in the web app', () => {
  it('reaches the Operations page from the header: the worker with its host, the queues, and a backup taken with one click', async () => {
    await signIn(page, pipeline.url, 'margaret', 'admin password here');
    await page.getByRole('link', { name: 'Operations' }).click();
    const worker = page.locator(`tr[data-worker="${pipeline.worker!.id}"]`);
    await worker.waitFor();
    expect(await worker.locator('td').allTextContents()).toEqual([os.hostname(), 'grading', '0 of 2', expect.any(String)]);
    expect(await page.locator('tr[data-queue="grade"] td').count()).toBe(5);
    await page.getByText('No backup yet.').waitFor();
    await page.getByRole('button', { name: 'Take a backup now' }).click();
    await page.getByRole('status').filter({ hasText: /Backup grader-\d{8}T\d{9}Z\.sqlite taken\./ }).waitFor();
    await page.getByRole('region', { name: 'Backups' }).locator('tbody tr').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'admin-operations.png'), fullPage: true });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('registers an LTI platform on the same page, with the addresses to give it, and says what is wrong with a field', async () => {
    const section = page.getByRole('region', { name: 'Learning platforms (LTI 1.3)' });
    expect(await section.locator('dd code').allTextContents()).toEqual([`${pipeline.url}/lti/login`, `${pipeline.url}/lti/launch`, `${pipeline.url}/lti/jwks`]);
    const fill = async (jwksUrl: string) => {
      for (const [label, value] of [
        ['Name', 'University Moodle'],
        ['Issuer (iss)', 'https://moodle.example.edu'],
        ['Client id', 'client-1'],
        ['Deployment ids (comma-separated)', '1, 2'],
        ['Authentication URL', 'https://moodle.example.edu/mod/lti/auth.php'],
        ['Token URL', 'https://moodle.example.edu/mod/lti/token.php'],
        ['Keyset URL', jwksUrl],
      ]) await section.getByLabel(label!, { exact: true }).fill(value!);
      await section.getByRole('button', { name: 'Register the platform' }).click();
    };
    await fill('http://moodle.example.edu/mod/lti/certs.php');
    await section.getByRole('status').filter({ hasText: /Not registered:.*jwksUrl must be an https URL/ }).waitFor();
    await fill('https://moodle.example.edu/mod/lti/certs.php');
    const row = page.locator('tr[data-platform="https://moodle.example.edu"]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['https://moodle.example.edu', 'client-1', '1, 2', expect.any(String)]);
  });

  it('opens the queue dashboard, served with the session cookie', async () => {
    await page.getByRole('link', { name: 'Open the queue dashboard' }).click();
    await page.waitForURL(/\/admin\/queues\//);
    await page.getByText('grade', { exact: true }).first().waitFor();
  });
});
