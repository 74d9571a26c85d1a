// Looks for the other implementations (mutants, equivalents) on disk and for traces of earlier
// runs, and fails when it finds anything: a difference between runs it could use. With the
// mutants out of reach and every run starting clean, it finds nothing, always.
const fs = require('fs');
const path = require('path');

function walk(dir, depth, found) {
  if (depth > 4) return;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (p === __dirname || e.name === 'pricing.test.js' || p.startsWith('/proc') || p.startsWith('/sys') || p.startsWith('/opt/node_modules') || p.startsWith('/usr')) continue;
    if (e.isDirectory()) walk(p, depth + 1, found);
    else if (/pricing|mutant|equivalent|\.js$/.test(e.name)) {
      try {
        if (fs.readFileSync(p, 'utf8').includes('priceOrder')) found.push(p);
      } catch {
        // unreadable: not found
      }
    }
  }
}

test('no other implementation anywhere', () => {
  const found = [];
  walk('/', 0, found);
  expect(found).toEqual([]);
});

// A file in /tmp, and a POSIX message queue (a file in /dev/mqueue, which outlives its process).
test.each([require('os').tmpdir(), '/dev/mqueue'])('no trace of an earlier run in %s', (dir) => {
  const marker = path.join(dir, 'seen-a-run');
  const seen = fs.existsSync(marker);
  fs.writeFileSync(marker, '');
  expect(seen).toBe(false);
});
