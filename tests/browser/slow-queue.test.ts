import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createLogger } from '@grader/shared';
import { startWorker, type RunningWorker } from '../../worker/src/start-worker';
import { createContext } from '../../scripts/provision/context';
import { ensureWebBundle } from '../../scripts/provision/web-bundle';
import { type Browser, launchBrowser, signIn } from '../support/browser';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';
import { until } from '../support/wait';

const SLUG = 'sql-revenue-by-customer';
const solution = fs.readFileSync(path.join(REPO_ROOT, 'exercises', SLUG, 'solution', 'query.sql'), 'utf8');

let pipeline: Pipeline;
let worker: RunningWorker | undefined;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await ensureWebBundle(createContext({ log: () => undefined }), () => undefined);
  // No worker at first: the submission waits in the queue as it would behind a long line.
  pipeline = await startPipeline({ worker: false });
  const created = await pipeline.admin.request('POST', '/api/users', { username: 'alan', displayName: 'Alan Turing', role: 'student', password: 'a patient student' });
  expect(created.status).toBe(201);
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.close();
  await pipeline?.close();
});

describe('a submission that waits in the queue', () => {
  it('shows it queued with a running clock, then the grade arrives live on the same page once a worker takes it', async () => {
    await signIn(page, `${pipeline.url}/exercises/${SLUG}`, 'alan', 'a patient student');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ${JSON.stringify(solution)});
      document.querySelector('.cm-content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.result [data-status="queued"]').waitFor();
    expect(await page.getByRole('button', { name: 'Submit' }).isDisabled()).toBe(true);
    // The clock moves while nothing else does.
    // (Polled from here: waitForFunction evaluates a string, which the page's CSP rightly refuses.)
    await until(async () => /^([3-9]|\d\d+) s so far$/.test((await page.locator('.elapsed').textContent()) ?? ''), 10_000, 'the clock to reach 3 s');

    worker = await startWorker(pipeline.config, createLogger({ name: 'test', level: 'silent', pretty: false }));
    await page.locator('.result [data-status="graded"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('.result .status').textContent()).toContain('10/10 points');
    expect(await page.getByRole('button', { name: 'Submit' }).isEnabled()).toBe(true);
  });

  it('follows a submission still grading after a reload', async () => {
    await worker?.close();
    worker = undefined;
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.result [data-status="queued"]').waitFor();
    await page.reload();
    await page.locator('.result [data-status="queued"]').waitFor();
    worker = await startWorker(pipeline.config, createLogger({ name: 'test', level: 'silent', pretty: false }));
    await page.locator('.result [data-status="graded"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('.history-item').count()).toBe(2);
  });
});
