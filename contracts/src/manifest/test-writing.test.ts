import { ExerciseManifest, givenFilesOf, testWallTimeMs } from './index';
import { LIMITS } from '../limits';

/** A test-writing manifest as an author writes it; each test overrides only what it is about. */
function input(overrides: Record<string, unknown> = {}, testing: Record<string, unknown> = {}) {
  return {
    slug: 'tests-demo',
    title: 'Demo',
    kind: 'test-writing',
    files: [{ path: 'cart.test.js', starter: 'starter/cart.test.js' }],
    solution: { 'cart.test.js': 'solution/cart.test.js' },
    testing: { module: 'cart.js', implementation: 'implementation/cart.js', equivalents: ['equivalents/cart.js'], ...testing },
    maxScore: 3,
    tests: [
      { name: 'at the limit', points: 2, mutant: 'mutants/limit.js', bug: 'boundary' },
      { name: 'rounds down', points: 1, mutant: 'mutants/round.js', bug: 'rounding', visibility: 'hidden' },
    ],
    ...overrides,
  };
}

const messages = (manifest: unknown) => {
  const parsed = ExerciseManifest.safeParse(manifest);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('a test-writing manifest', () => {
  it('parses with JavaScript by default, and shows the module under test by its name', () => {
    const m = ExerciseManifest.parse(input());
    expect(m.kind === 'test-writing' && m.testing.language).toBe('javascript');
    expect(givenFilesOf(m)).toEqual({ 'cart.js': 'implementation/cart.js' });
  });

  it('refuses a module under test that is one of the student files', () => {
    expect(messages(input({ files: [{ path: 'cart.test.js', starter: 's' }, { path: 'cart.js', starter: 's' }], solution: { 'cart.test.js': 'a', 'cart.js': 'b' } }))).toContain("cart.js is the module under test, not one of the student's files");
  });

  it('refuses student files of which none is named as a test file, which the runner would not collect', () => {
    expect(messages(input({ files: [{ path: 'cart_tests.js', starter: 's' }], solution: { 'cart_tests.js': 'a' } })).join()).toMatch(/no student file is named as a test file/);
  });

  it('refuses a mutant that is a correct implementation, or one used twice', () => {
    expect(messages(input({ tests: [{ name: 'a', points: 3, mutant: 'equivalents/cart.js', bug: 'boundary' }] }))).toContain('equivalents/cart.js is a correct implementation, not a mutant');
    const twice = messages(input({ tests: [{ name: 'a', points: 2, mutant: 'mutants/x.js', bug: 'boundary' }, { name: 'b', points: 1, mutant: 'mutants/x.js', bug: 'rounding' }] }));
    expect(twice).toContain('mutant mutants/x.js is used by two tests');
  });

  it('needs at least one equivalent: without one, a test of the code\'s text would pass', () => {
    expect(ExerciseManifest.safeParse(input({}, { equivalents: [] })).success).toBe(false);
  });

  it('runs pytest tests only in the python runtime, on Python files', () => {
    const python = input({ files: [{ path: 'test_cart.py', starter: 's' }], solution: { 'test_cart.py': 'a' } }, { language: 'python', module: 'cart.py', implementation: 'i.py', equivalents: ['e.py'] });
    expect(messages({ ...python, tests: [{ name: 'a', points: 3, mutant: 'm.py', bug: 'boundary' }] })).toContain('pytest tests run in the python runtime: set runtime: python');
    expect(messages({ ...python, runtime: 'python' }).join()).toMatch(/mutants\/limit\.js is not a Python \(\.py\) file/);
  });

  it('gives each test one run of the student\'s tests and its share of the runs on correct code', () => {
    const m = ExerciseManifest.parse(input());
    const run = m.limits.testTimeMs + LIMITS.testWriting.runStartMs;
    // 2 mutants, 1 given and 1 equivalent: 4 runs shared by 2 tests.
    expect(testWallTimeMs(m)).toBe(2 * run);
  });
});
