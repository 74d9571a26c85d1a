/** A harness with the standard kinds and kind `shout`: its one registration line. */
import { startHarness } from '../../../sandbox-images/node/harness/src/harness';
import { STANDARD_KINDS } from '../../../sandbox-images/node/harness/src/kinds/registry';
import { shout } from './shout/kind';

startHarness([...STANDARD_KINDS, shout]);
