import fs from 'node:fs';
import type { ProvisionContext } from './context';
import { done, type Progress, type StepOutcome } from './progress';

/** Where Debian's package puts the browser the browser tests drive (with playwright-core). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian's chromium, for the browser tests. playwright's own browser download cannot work
 * here (no network beyond the package registries), so the distribution's build is used.
 */
export async function ensureChromium(ctx: ProvisionContext, progress: Progress): Promise<StepOutcome<void>> {
  if (fs.existsSync(CHROMIUM_PATH)) return done(`chromium at ${CHROMIUM_PATH}`);
  await ctx.apt.install(['chromium'], progress, `${CHROMIUM_PATH} is missing (the browser tests need it)`);
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`package chromium installed but ${CHROMIUM_PATH} is still missing`);
  return done(`chromium installed at ${CHROMIUM_PATH}`);
}
