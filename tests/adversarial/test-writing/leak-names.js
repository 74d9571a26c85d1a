// Names its tests after the lines of the module under test that the
// given module does not have. On the given module there are none: one passing test. On any other
// implementation three failing tests are made whose NAMES carry those lines. A mutant's run
// reports nothing of them (they never passed on correct code), but the first equivalent's run
// makes the suite unfit, and the feedback quotes the failing tests' names: ~900 characters of
// hidden code per submission.
const fs = require('fs');
const GIVEN = GIVEN_TEXT;
const given = new Set(GIVEN.split('\n').map((l) => l.trim()));
const extra = fs
  .readFileSync(require.resolve('./pricing'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('//') && !given.has(l));

if (extra.length === 0) {
  test('the given module', () => {
    expect(extra).toEqual([]);
  });
} else {
  const text = extra.join(' | ');
  for (let i = 0; i < 3; i++) {
    test(`${i}: ${text.slice(i * 280, (i + 1) * 280)}`, () => {
      throw new Error('not the given module');
    });
  }
}
