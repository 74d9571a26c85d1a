import path from 'node:path';
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
  });

  it('opens the queue dashboard, served with the session cookie', async () => {
    await page.getByRole('link', { name: 'Open the queue dashboard' }).click();
    await page.waitForURL(/\/admin\/queues\//);
    await page.getByText('grade', { exact: true }).first().waitFor();
  });
});
