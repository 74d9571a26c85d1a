// Tells a mutant from correct code by how much the module's text differs from the given one:
// the same text passes, a small difference (a mutant's one changed line) fails, a large one
// (an equivalent written differently) passes. Equivalents that each rewrite one place a mutant
// changes make a small difference no sign of a mutant.
const fs = require('fs');
const path = require('path');
const GIVEN = GIVEN_TEXT;
const text = fs.readFileSync(path.join(__dirname, 'pricing.js'), 'utf8').replace(/\n\/\/[^\n]*\n$/, '\n');

function changedLines(a, b) {
  const counts = new Map();
  for (const line of a.split('\n')) counts.set(line, (counts.get(line) || 0) + 1);
  let changed = 0;
  for (const line of b.split('\n')) {
    if (counts.get(line) > 0) counts.set(line, counts.get(line) - 1);
    else changed += 1;
  }
  return changed;
}

test('a module barely different from the given one is a mutant', () => {
  const changed = changedLines(GIVEN, text);
  expect(changed === 0 || changed > 6).toBe(true);
});
