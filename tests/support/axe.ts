import fs from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's browser build, read once. */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The serious and critical accessibility findings of axe-core (WCAG 2.x A and AA rules) on the
 * page as it is now, each as `rule: selector`, so that a failing test names what to fix. Runs
 * through the DevTools protocol (page.evaluate), which the page's CSP does not stop.
 */
export async function seriousAccessibilityFindings(page: Page): Promise<string[]> {
  const loaded = await page.evaluate<boolean>(`typeof window.axe === 'object'`);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate<string[]>(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' ')));
  })()`);
}
