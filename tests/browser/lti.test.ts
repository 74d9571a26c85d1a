import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, replaceEditorText, SCREENSHOTS_DIR, type Browser } from '../support/browser';
import type { ApiClient } from '../support/http';
import { ROLES, startRegisteredPlatform, type LtiPlatform } from '../support/lti-platform';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';

/**
 * LTI 1.3 in Chromium, as a platform's users live it: every step is the browser following the
 * platform's and the grader's forms and redirects. An instructor deep-links an assignment's
 * exercise on the grader's page; a learner launched from the platform lands signed in on the
 * exercise, submits in the editor, and the grade reaches the platform's line item.
 */
const SLUG = 'sql-revenue-by-customer';
const solution = fs.readFileSync(path.join(REPO_ROOT, 'exercises', SLUG, 'solution', 'query.sql'), 'utf8');
const DAY = 24 * 3600_000;
const context = { id: 'course-7', title: 'Databases' };

let pipeline: Pipeline;
let platform: LtiPlatform;
let instructor: ApiClient;
let browser: Browser;
let assignmentId: string;

beforeAll(async () => {
  pipeline = await startPipeline();
  platform = await startRegisteredPlatform(pipeline);
  instructor = await pipeline.createUser('instructor', 'lti-teacher');
  const course = await instructor.request('POST', '/api/courses', { name: 'Databases' });
  const assignment = await instructor.request('POST', `/api/courses/${course.body.id}/assignments`, {
    title: 'Week 5',
    exercises: [SLUG],
    opensAt: new Date(Date.now() - DAY).toISOString(),
    dueAt: new Date(Date.now() + 3 * DAY).toISOString(),
  });
  assignmentId = assignment.body.id;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
  await pipeline?.close();
});

describe('LTI 1.3 in the browser', () => {
  let custom: Record<string, string>;

  it('lets an instructor pick an assignment’s exercise on the deep-linking page, and sends it to the platform', async () => {
    const page = await browser.context.newPage();
    const { launchPageUrl } = platform.prepareLaunch({ user: { sub: 't-1', name: 'Tess', roles: [ROLES.instructor] }, context, messageType: 'LtiDeepLinkingRequest', targetLinkUri: `${pipeline.url}/lti/launch` });
    await page.goto(launchPageUrl);
    await page.getByRole('heading', { name: 'Link an exercise' }).waitFor();
    await page.getByRole('group', { name: /Assignment: Week 5/ }).getByRole('radio').check();
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'lti-deep-linking.png'), fullPage: true });
    await page.getByRole('button', { name: 'Link' }).click();
    await page.waitForURL(`${platform.url}/deep-link-return`);
    const [item] = platform.deepLinkResponses[0]!.contentItems as Array<{ custom: Record<string, string> }>;
    expect(item!.custom).toEqual({ exercise: SLUG, assignment: assignmentId });
    custom = item!.custom;
    await page.close();
  });

  it('signs a learner in on the exercise, takes their submission and sends the grade to the platform', async () => {
    const page = await browser.context.newPage();
    const { launchPageUrl } = platform.prepareLaunch({
      user: { sub: 'l-1', name: 'Linus Learner', roles: [ROLES.learner] },
      context,
      resourceLink: { id: 'rl-1', title: 'Week 5: revenue' },
      targetLinkUri: `${pipeline.url}/lti/launch`,
      custom,
    });
    await page.goto(launchPageUrl);
    await page.waitForURL(`${pipeline.url}/exercises/${SLUG}?assignment=${assignmentId}`);
    await page.getByText('Submitting for').waitFor();
    await page.getByText('Signed in as Linus Learner').waitFor();
    await replaceEditorText(page, '.cm-content', solution);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.result .status-graded').waitFor({ timeout: 90_000 });
    const score = await platform.waitForScore((s) => s.body.userId === 'l-1', 60_000);
    expect(score.body).toMatchObject({ scoreGiven: 10, scoreMaximum: 10, gradingProgress: 'FullyGraded' });
    await page.close();
  });
});
