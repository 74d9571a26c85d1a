import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/provision/chromium';
import { REPO_ROOT } from './pipeline';

/**
 * Debian's chromium, headless, in a fresh profile, with its own network traffic turned off
 * (no update checks, sync, field trials or QUIC probes): the only requests are the page's.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'grader-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The widths the student pages are tested at: a laptop's and a phone's. */
export const VIEWPORTS = [
  { name: 'laptop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
export type Viewport = (typeof VIEWPORTS)[number];

/**
 * Where the browser tests save their screenshots: the README's docs/screenshots when
 * UPDATE_SCREENSHOTS=1 (to refresh the documentation), a temporary folder otherwise, so
 * that `npm test` leaves the working tree clean.
 */
export const SCREENSHOTS_DIR =
  process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'grader-screenshots-'));

/**
 * Replaces a CodeMirror editor's whole text as a person would: select all, then paste. (Typed
 * or inserted text would meet auto-closing brackets, completion and the browser turning runs
 * of spaces into no-break spaces; a paste goes through CodeMirror's own clipboard handling.)
 * `contentSelector` finds the editor's .cm-content. Page-side code is given as a string: the
 * tests are compiled without the DOM's types.
 */
export async function replaceEditorText(page: Page, contentSelector: string, text: string): Promise<void> {
  await page.locator(contentSelector).click();
  await page.keyboard.press('Control+A');
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    document.querySelector(${JSON.stringify(contentSelector)}).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

/** Opens the app and signs in through its form, as a person would. */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * On a narrow screen the exercise page shows the statement or the student's code, one at a
 * time (web/src/pages/narrow-views.ts): this shows the code, as a student taps "Your code".
 * Waits for the page; on a wide screen (no switch) it only waits for the editor.
 */
export async function showYourCode(page: Page): Promise<void> {
  await page.locator('.exercise-layout').waitFor();
  const yourCode = page.locator('.view-switch button[data-view="work"]');
  if (await yourCode.isVisible()) await yourCode.click();
  await page.locator('.work .cm-content').first().waitFor();
}
