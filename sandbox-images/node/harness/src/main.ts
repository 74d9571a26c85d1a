/**
 * The image's harness (bundled as /opt/harness/harness.js): the standard kinds. See harness.ts.
 * Started at its load, except while the image's startup snapshot is built: start.js (boot.ts)
 * then keeps `start` and calls it when a container restores the snapshot.
 */
import v8 from 'node:v8';
import { startHarness } from './harness';
import { STANDARD_KINDS } from './kinds/registry';

export function start(): void {
  startHarness(STANDARD_KINDS);
}

if (!v8.startupSnapshot.isBuildingSnapshot()) start();
