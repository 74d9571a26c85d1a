/** The image's harness (bundled as /opt/harness/harness.js): the standard kinds. See harness.ts. */
import { startHarness } from './harness';
import { STANDARD_KINDS } from './kinds/registry';

startHarness(STANDARD_KINDS);
