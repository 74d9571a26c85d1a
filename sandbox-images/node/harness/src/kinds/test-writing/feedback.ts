import type { BugClass, TestResult, Verdict, Visibility } from '../../contracts';
import type { TestFeedback } from '../../common/test-feedback';
import type { RunEnd } from './suite-run';
import type { MutantVerdict, SuiteFailure, SuiteProblem } from './verdict';

/**
 * What each kind of bug teaches when the student's tests miss it (shown at every visibility):
 * what a test that catches such a bug does, never the mutant's code or where it is.
 */
export const BUG_LESSONS: Readonly<Record<BugClass, string>> = {
  boundary: 'a limit moved by one slipped through: test the values exactly at each limit the statement gives, and one step either side',
  arithmetic: 'a wrong computation slipped through: check exact results on inputs where each operation matters (more than one item, quantities above 1, non-zero values)',
  rounding: 'a rounding mistake slipped through: test amounts whose exact result has a fraction, and check the rounded value the statement asks for',
  condition: 'a wrong condition slipped through: for each rule, test a case where it applies and one where it must not',
  'missing-validation': 'bad input that must be refused was accepted: test each kind of invalid input the statement names and expect the error it gives',
  'error-handling': 'a wrong error (or none, or one too many) slipped through: check which error is raised, and that valid input raises none',
  'empty-input': 'an empty or zero input is handled wrongly: test empty lists, zero amounts and missing optional values',
  mutation: "changed input or shared state slipped through: check that the caller's data is unchanged afterwards, and that calls do not affect each other",
  ordering: 'a wrong order slipped through: check the order of results, including ties',
  'return-shape': 'a result of the wrong shape or type slipped through: check every field of what is returned and its type, in every state (an idle client, an empty order), not only one',
  async: 'an asynchronous mistake slipped through: await the result and check it, and check that failures reject',
};

/**
 * A mutant's test as the student sees it. Caught: the test passes, naming the student's test
 * that caught it (their own test, safe at every visibility). Missed: the bug's lesson. Not
 * graded: what is wrong with the suite on correct code, the same for every mutant's test.
 */
export function mutantFeedback(outcome: MutantOutcome, bug: BugClass | undefined, visibility: Visibility): TestFeedback {
  switch (outcome.kind) {
    case 'judged':
      return outcome.verdict.caught
        ? { status: 'passed', verdict: 'accepted', message: visibility === 'hidden' ? 'Caught.' : `Caught: ${caughtBy(outcome.verdict.by)}.` }
        : { status: 'failed', verdict: 'tests_failed', message: `Not caught: ${bug ? BUG_LESSONS[bug] : 'your tests pass on this bug'}.` };
    case 'unfit':
      return { status: 'failed', verdict: unfitVerdict(outcome.problem.what), message: `Not graded: ${problemText(outcome.problem)}` };
    case 'internal':
      return { status: 'error', verdict: 'internal_error', message: outcome.message };
  }
}

export type MutantOutcome = { kind: 'judged'; verdict: MutantVerdict } | { kind: 'unfit'; problem: SuiteProblem } | { kind: 'internal'; message: string };

function caughtBy(by: Extract<MutantVerdict, { caught: true }>['by']): string {
  if ('cases' in by) {
    const [first, ...more] = by.cases;
    return `your test ${JSON.stringify(first)} fails on this bug${more.length > 0 ? ` (and ${more.length} more)` : ''}`;
  }
  if ('file' in by) return `${by.file} no longer loads with this bug`;
  return `with this bug, ${by.detail.replace(/^your tests /, 'your tests ')}`;
}

const END_VERDICTS: Readonly<Record<RunEnd, Verdict>> = {
  timeout: 'time_limit_exceeded',
  memory: 'memory_limit_exceeded',
  output: 'output_limit_exceeded',
  processes: 'runtime_error',
  exited: 'runtime_error',
};

function unfitVerdict(what: SuiteFailure): Verdict {
  if (what.kind === 'run') return END_VERDICTS[what.end];
  if (what.kind === 'file') return 'compile_error';
  return 'tests_failed';
}

/** Shown names of failing tests at most, and the characters of the first one's message. */
const SHOWN_FAILURES = 3;

/** Why the suite cannot judge, in words for the student. */
export function problemText({ on, what }: SuiteProblem): string {
  const where = on === 'given' ? 'on the module you were given, which is correct' : 'on another correct implementation of the module, written differently (not shown)';
  const why = on === 'equivalent' ? ' A test that fails only there checks something the statement leaves open, or the code\'s text rather than its behaviour.' : '';
  const first = 'your tests must all pass on correct code before they can catch bugs.';
  switch (what.kind) {
    case 'copied':
      return `your tests carry ${what.lines} lines of the module's own code. A test that checks the module against a copy of itself passes whatever the code does, right or wrong, and can never find a bug the code has: state the values the statement gives instead.`;
    case 'no-tests':
      return `${first} No test passed: write at least one test (${'`'}test('…', () => { expect(…) })${'`'} in Jest, a ${'`'}def test_…()${'`'} function in pytest).`;
    case 'run':
      return `${first} ${capitalised(what.detail)} ${where}.${why}`;
    case 'file':
      const esm = /import statement outside a module|Unexpected token 'export'|ES Module/.test(what.error) ? " Write CommonJS: const { … } = require('./…')." : '';
      return `${first} ${what.file} could not run ${where}.${esm}${why}${what.error ? `\n${what.error}` : ''}`;
    case 'failed': {
      const total = what.cases.length + (what.unnamed ?? 0);
      const names = what.cases.slice(0, SHOWN_FAILURES).map((c) => JSON.stringify(c.name));
      const more = total - names.length;
      // A test whose name changed with the module's code is counted, never named (verdict.ts).
      const listed = names.length === 0 ? `${total} ${total === 1 ? 'test whose name depends on the code' : 'tests whose names depend on the code'}` : `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
      const message = what.cases[0]?.message ? `\n${what.cases[0].message}` : '';
      return `${first} ${total === 1 ? 'This test fails' : 'These tests fail'} ${where}: ${listed}.${why}${message}`;
    }
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The kinds of bug the tests missed, hidden tests' included (whose own entries show the student
 * only their outcome): "bugs your tests missed, by kind: boundary ×2, mutation". None when
 * nothing was judged as missed (all caught, or the suite was not fit to judge).
 */
export function missedBugsNote(tests: ReadonlyArray<{ bug: BugClass }>, results: readonly TestResult[]): string | undefined {
  const missed = new Map<BugClass, number>();
  results.forEach((r, i) => {
    if (r.verdict === 'tests_failed' && r.message.startsWith('Not caught:')) missed.set(tests[i]!.bug, (missed.get(tests[i]!.bug) ?? 0) + 1);
  });
  if (missed.size === 0) return undefined;
  return `bugs your tests missed, by kind: ${[...missed].map(([bug, n]) => (n > 1 ? `${bug} ×${n}` : bug)).join(', ')}`;
}
