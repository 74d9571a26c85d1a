// @ts-check
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest runs the suites it has timings for longest first, and the others by file size: on a fresh
 * clone (CI) it has none, and the catalogue (every exercise's solutions graded through the
 * pipeline, some 40 minutes of a 2-core machine beside the other suites) started after 40 other
 * suites and ran alone for the last 19 minutes of an hour-long run. These suites, the longest by
 * far (measured in a fresh-clone run's jest --json), start first, in this order; the rest as
 * jest would order them.
 */
const LONGEST_FIRST = [
  'tests/e2e/catalogue.test.ts',
  'fixtures/golden.test.ts',
  'sandbox-images/runtimes.test.ts',
  'tests/adversarial/test-writing-attacks.test.ts',
  'tests/cluster/many-hosts.test.ts',
  'tests/adversarial/auth-attacks.test.ts',
];

class SlowFirstSequencer extends Sequencer {
  /** @param {import('@jest/test-result').Test[]} tests */
  sort(tests) {
    const rank = (/** @type {import('@jest/test-result').Test} */ test) => {
      const at = LONGEST_FIRST.findIndex((suffix) => test.path.replace(/\\/g, '/').endsWith(suffix));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    const ordered = /** @type {import('@jest/test-result').Test[]} */ (super.sort(tests));
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
