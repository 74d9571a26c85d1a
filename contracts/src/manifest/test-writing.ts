import { z } from 'zod';
import { LIMITS } from '../limits';
import { SubmittedPath } from '../submitted-files';
import { ManifestCommon, PackagePath, TestBase, type ManifestKind, STACK } from './common';

/**
 * The kinds of bug a mutant plants, named to the student with a lesson (what a test that
 * catches such a bug looks like) whenever their tests miss it, whatever the test's visibility:
 * never the mutant's code or where it is.
 * - `boundary`: a limit moved by one (`>=` made `>`, a range's end included or left out).
 * - `arithmetic`: a wrong operator or operand in a computation.
 * - `rounding`: money or ratios rounded at the wrong step, the wrong way, or not at all.
 * - `condition`: a condition negated, dropped, or joined with the wrong `and`/`or`.
 * - `missing-validation`: bad input accepted that must be refused.
 * - `error-handling`: the wrong error, or an error swallowed, or thrown where none is due.
 * - `empty-input`: an empty list, empty string, zero or missing value handled wrongly.
 * - `mutation`: the caller's input changed, or state shared between calls that must not be.
 * - `ordering`: results in the wrong order, or ties broken the wrong way.
 * - `return-shape`: a field missing, renamed or of the wrong type in what is returned.
 * - `async`: a promise not awaited, a rejection lost, or a result returned before it is ready.
 */
export const BUG_CLASSES = ['boundary', 'arithmetic', 'rounding', 'condition', 'missing-validation', 'error-handling', 'empty-input', 'mutation', 'ordering', 'return-shape', 'async'] as const;
export type BugClass = (typeof BUG_CLASSES)[number];

/** One test of a test-writing exercise: a mutant, which the student's tests must catch to earn its points. */
export const TestWritingTest = TestBase.extend({
  /** Package path of the mutant: the implementation with one bug planted. Never shown to students. */
  mutant: PackagePath,
  /** The kind of bug it plants (BUG_CLASSES), named with its lesson when the student's tests miss it. */
  bug: z.enum(BUG_CLASSES),
}).strict();

/** Test files the runner collects by name, as Jest and pytest do by default. */
const TEST_FILE = { javascript: /(?:^|\/)[^/]+\.(?:test|spec)\.c?js$/, python: /(?:^|\/)(?:test_[^/]*|[^/]*_test)\.py$/ } as const;
const SOURCE_FILE = { javascript: /\.c?js$/, python: /\.py$/ } as const;

/** Whether a submitted path is one of the student's test files for the language (Jest's and pytest's default names). */
export function isTestFile(language: keyof typeof TEST_FILE, file: string): boolean {
  return TEST_FILE[language].test(file);
}

export const TestWritingManifest = z.object({
  ...ManifestCommon,
  kind: z.literal('test-writing'),
  testing: z
    .object({
      /** `javascript`: the student writes Jest tests (CommonJS); `python` (runtime `python`): pytest tests. */
      language: z.enum(['javascript', 'python']).default('javascript'),
      /**
       * The name the module under test has beside the student's tests: what they require or
       * import (`./cart` for `cart.js`, `import pricing` for `pricing.py`). Shown to the student
       * with the implementation's code.
       */
      module: SubmittedPath,
      /** Package path of the correct implementation: the module the student tests, and reads. */
      implementation: PackagePath,
      /**
       * Package paths of other correct implementations, written differently and never shown:
       * the student's tests must pass on every one as on the implementation. A test that
       * checks the code's text, or what the statement leaves open, fails here, not on a mutant.
       */
      equivalents: z.array(PackagePath).min(1).max(LIMITS.testWriting.equivalentsMax),
    })
    .strict(),
  tests: z.array(TestWritingTest).min(1).max(50),
});

function checkTestWriting(m: z.infer<typeof TestWritingManifest>, submitted: Set<string>, ctx: z.RefinementCtx): void {
  const { language, module, implementation, equivalents } = m.testing;
  if (language === 'python' && m.runtime !== 'python') ctx.addIssue({ code: 'custom', path: ['runtime'], message: 'pytest tests run in the python runtime: set runtime: python' });
  if (submitted.has(module)) ctx.addIssue({ code: 'custom', path: ['testing', 'module'], message: `${module} is the module under test, not one of the student's files` });
  const source = SOURCE_FILE[language];
  const sourceFiles: Array<[string, Array<string | number>]> = [
    [module, ['testing', 'module']],
    [implementation, ['testing', 'implementation']],
    ...equivalents.map((e, i): [string, Array<string | number>] => [e, ['testing', 'equivalents', i]]),
    ...m.tests.map((t, i): [string, Array<string | number>] => [t.mutant, ['tests', i, 'mutant']]),
  ];
  for (const [file, path] of sourceFiles) {
    if (!source.test(file)) ctx.addIssue({ code: 'custom', path, message: `${file} is not a ${language === 'python' ? 'Python (.py)' : 'JavaScript (.js or .cjs)'} file` });
  }
  if (![...submitted].some((f) => isTestFile(language, f))) {
    const names = language === 'python' ? 'test_<name>.py or <name>_test.py' : '<name>.test.js or <name>.spec.js';
    ctx.addIssue({ code: 'custom', path: ['files'], message: `no student file is named as a test file (${names}): the runner would collect none` });
  }
  const mutants = new Set<string>();
  m.tests.forEach((t, i) => {
    if (mutants.has(t.mutant)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'mutant'], message: `mutant ${t.mutant} is used by two tests` });
    if (t.mutant === implementation || equivalents.includes(t.mutant)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'mutant'], message: `${t.mutant} is a correct implementation, not a mutant` });
    mutants.add(t.mutant);
  });
}

/** Runs of the student's tests on correct code before any mutant's: the implementation and each equivalent. */
export function correctRuns(m: z.infer<typeof TestWritingManifest>): number {
  return 1 + m.testing.equivalents.length;
}

export const TEST_WRITING_KIND: ManifestKind<typeof TestWritingManifest> = {
  schema: TestWritingManifest,
  check: checkTestWriting,
  packageFiles: (m) => [m.testing.implementation, ...m.testing.equivalents, ...m.tests.map((t) => t.mutant)],
  // Each test is one run of the student's tests (a runner's start beside testTimeMs); the runs on
  // correct code before them are shared out among the tests.
  extraTestMs: (m) => {
    const run = m.limits.testTimeMs + LIMITS.testWriting.runStartMs;
    return Math.ceil((run * (m.tests.length + correctRuns(m))) / m.tests.length) - m.limits.testTimeMs;
  },
  language: (m) => m.testing.language,
  environment: (m) => (m.testing.language === 'python' ? [STACK.python, STACK.pytest] : [STACK.node, STACK.jest]),
  givenFiles: (m) => ({ [m.testing.module]: m.testing.implementation }),
};
