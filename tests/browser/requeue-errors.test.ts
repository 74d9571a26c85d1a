import fs from 'node:fs';
import path from 'node:path';
import { signIn } from '../support/browser';
import { DockerSocketProxy } from '../support/docker-socket-proxy';
import { REPO_ROOT } from '../support/pipeline';
import { until } from '../support/wait';
import { startWebApp, type WebAppSession } from '../support/web-app-session';

/**
 * After an outage that outlasted the retries, staff see the grader errors on the exercise's
 * page and have them graded again, one or all, once the engine is back.
 */
const SLUG = 'sql-revenue-by-customer';
const solution = fs.readFileSync(path.join(REPO_ROOT, 'exercises', SLUG, 'solution', 'query.sql'), 'utf8');

let session: WebAppSession;
const proxy = new DockerSocketProxy();

beforeAll(async () => {
  session = await startWebApp({
    person: { username: 'grace', displayName: 'Grace Hopper', role: 'instructor', password: 'instructor password' },
    // The engine is unreachable and a grading gets one attempt: each submission ends as a grader error.
    pipeline: { env: { GRADER_DOCKER_SOCKET: proxy.socketPath, GRADER_JOB_ATTEMPTS: '1' } },
  });
  for (const n of [1, 2, 3]) {
    const errored = await session.pipeline.student.submitAndWait(SLUG, { 'query.sql': `${solution}\n-- try ${n}` });
    expect(errored.status).toBe('error');
  }
  await proxy.up();
}, 180_000);

afterAll(async () => {
  await session?.close();
  await proxy.down();
});

it('grades again one submission in error, then every other one, from the exercise page', async () => {
  const { page, pipeline } = session;
  await signIn(page, pipeline.url, 'grace', 'instructor password');
  await page.getByRole('link', { name: 'Instructor' }).click();
  await page.locator(`tr[data-slug="${SLUG}"] a`).click();
  const rows = page.locator('tr[data-submission]');
  await rows.first().waitFor();
  expect(await rows.count()).toBe(3);

  const oldest = rows.nth(2);
  const oldestId = await oldest.getAttribute('data-submission');
  await oldest.getByRole('button', { name: /^Grade again the submission of student-main/ }).click();
  // The click's request is the page's: until the API has it, the submission still reads as the
  // old error, which waitForGrade would take for the outcome (seen under stress-ng).
  await until(async () => (await pipeline.student.request('GET', `/api/submissions/${oldestId}`)).body.status !== 'error', 60_000, 'the submission requeued');
  const regraded = await pipeline.student.waitForGrade(oldestId!);
  // A grader error carries its reason, so that a failing run says what broke.
  expect({ ...regraded, graderError: regraded.status === 'error' ? pipeline.graderErrorOf(oldestId!) : undefined }).toMatchObject({ status: 'graded', score: 10, graderError: undefined });

  await page.getByRole('button', { name: 'Grade again every submission in error' }).click();
  await page.getByText('2 submissions queued to be graded again.').waitFor();
  const listed = (await pipeline.student.request('GET', `/api/submissions?exercise=${SLUG}`)).body.items as { id: string }[];
  for (const { id } of listed) expect(await pipeline.student.waitForGrade(id)).toMatchObject({ status: 'graded', score: 10 });
  // Nothing is left in error, so the page no longer offers it.
  await page.getByLabel('Status').selectOption('error');
  await page.getByText('No submission matches these filters.').waitFor();
  expect(await page.getByRole('button', { name: 'Grade again every submission in error' }).isHidden()).toBe(true);
});
