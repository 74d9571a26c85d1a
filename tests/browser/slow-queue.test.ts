import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createLogger } from '@grader/runtime';
import { startWorker, type RunningWorker } from '../../worker/src/start-worker';
import { replaceEditorText, signIn } from '../support/browser';
import { REPO_ROOT, type Pipeline } from '../support/pipeline';
import { startWebApp, type WebAppSession } from '../support/web-app-session';
import { until } from '../support/wait';

const SLUG = 'sql-revenue-by-customer';
const solution = fs.readFileSync(path.join(REPO_ROOT, 'exercises', SLUG, 'solution', 'query.sql'), 'utf8');

let pipeline: Pipeline;
let worker: RunningWorker | undefined;
let session: WebAppSession;
let page: Page;

beforeAll(async () => {
  // No worker at first: the submission waits in the queue as it would behind a long line.
  session = await startWebApp({ person: { username: 'alan', displayName: 'Alan Turing', role: 'student', password: 'a patient student' }, pipeline: { worker: false } });
  ({ pipeline, page } = session);
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await session?.close();
});

describe('a submission that waits in the queue', () => {
  it('shows it queued with a running clock, then the grade arrives live on the same page once a worker takes it', async () => {
    await signIn(page, `${pipeline.url}/exercises/${SLUG}`, 'alan', 'a patient student');
    await replaceEditorText(page, '.cm-content', solution);
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
    // Changed: the very same files again would be stopped in the page (submission-guard.ts).
    await replaceEditorText(page, '.cm-content', `-- the same query, submitted again\n${solution}`);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.result [data-status="queued"]').waitFor();
    await page.reload();
    await page.locator('.result [data-status="queued"]').waitFor();
    worker = await startWorker(pipeline.config, createLogger({ name: 'test', level: 'silent', pretty: false }));
    await page.locator('.result [data-status="graded"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('.history-item').count()).toBe(2);
  });
});
