import type { Page } from 'playwright-core';
import { createContext } from '../../scripts/provision/context';
import { ensureWebBundle } from '../../scripts/provision/web-bundle';
import { launchBrowser, type Browser, type Viewport } from './browser';
import { startPipeline, type Pipeline } from './pipeline';

export interface Person {
  username: string;
  displayName: string;
  role: 'student' | 'instructor' | 'admin';
  password: string;
}

export interface WebAppSession {
  pipeline: Pipeline;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * What every browser test starts from: the web bundle (provisioning builds it; this makes a
 * lone `jest tests/browser/…` work too, and is quick when up to date), the real pipeline, one
 * person with a password who signs in through the pages, and a fresh Chromium page.
 */
export async function startWebApp(options: {
  person: Person;
  pipeline?: Parameters<typeof startPipeline>[0];
  viewport?: { width: number; height: number };
}): Promise<WebAppSession> {
  await ensureWebBundle(createContext({ log: () => undefined }), () => undefined);
  const pipeline = await startPipeline(options.pipeline);
  try {
    const created = await pipeline.admin.request('POST', '/api/users', options.person);
    if (created.status !== 201) throw new Error(`could not create ${options.person.username}: ${JSON.stringify(created.body)}`);
    const browser = await launchBrowser(options.viewport);
    const page = await browser.context.newPage();
    return {
      pipeline,
      browser,
      page,
      async close() {
        await browser.close();
        await pipeline.close();
      },
    };
  } catch (err) {
    await pipeline.close();
    throw err;
  }
}

/**
 * One web-app session with a student per viewport (VIEWPORTS: laptop, phone), each signed in
 * with `password` under the viewport's name; `pageAt` gives the page at that width (the
 * laptop's is the session's own). Close with `close()`.
 */
export async function startStudentPerViewport(password: string): Promise<{ session: WebAppSession; pageAt(viewport: Viewport): Promise<Page>; close(): Promise<void> }> {
  const session = await startWebApp({ person: { username: 'laptop', displayName: 'Laptop Student', role: 'student', password } });
  const browsers: Browser[] = [];
  const phone = await session.pipeline.admin.request('POST', '/api/users', { username: 'phone', displayName: 'Phone Student', role: 'student', password });
  if (phone.status !== 201) throw new Error(JSON.stringify(phone.body));
  return {
    session,
    async pageAt(viewport) {
      if (viewport.name === 'laptop') return session.page;
      const browser = await launchBrowser({ width: viewport.width, height: viewport.height });
      browsers.push(browser);
      return browser.context.newPage();
    },
    async close() {
      await Promise.all(browsers.map((b) => b.close()));
      await session.close();
    },
  };
}

/**
 * startStudentPerViewport for a whole test file: starts it before the file's tests (jest's
 * beforeAll) and closes it after them. The returned object is filled once the file starts.
 */
export function studentPerViewportSuite(password: string): { session: WebAppSession; pageAt(viewport: Viewport): Promise<Page> } {
  let students: Awaited<ReturnType<typeof startStudentPerViewport>> | undefined;
  const suite = {
    session: undefined as unknown as WebAppSession,
    pageAt: (viewport: Viewport): Promise<Page> => students!.pageAt(viewport),
  };
  beforeAll(async () => {
    students = await startStudentPerViewport(password);
    suite.session = students.session;
  }, 120_000);
  afterAll(async () => {
    await students?.close();
  });
  return suite;
}
