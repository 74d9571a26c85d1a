import { BUG_CLASSES } from '../../contracts';
import { BUG_LESSONS, missedBugsNote, mutantFeedback, problemText, type MutantOutcome } from './feedback';

describe('test-writing feedback', () => {
  it('has a lesson for every kind of bug', () => {
    for (const bug of BUG_CLASSES) expect(BUG_LESSONS[bug]).toMatch(/\w{3}/);
  });

  it("names the student's own test that caught a mutant, except at a hidden test", () => {
    const caught: MutantOutcome = { kind: 'judged', verdict: { caught: true, by: { cases: ['50 passes', 'edge'] } } };
    expect(mutantFeedback(caught, 'boundary', 'visible')).toEqual({ status: 'passed', verdict: 'accepted', message: 'Caught: your test "50 passes" fails on this bug (and 1 more).' });
    expect(mutantFeedback(caught, 'boundary', 'hidden').message).toBe('Caught.');
  });

  it("teaches the missed bug's kind at every visibility, never its code", () => {
    const missed: MutantOutcome = { kind: 'judged', verdict: { caught: false } };
    for (const visibility of ['visible', 'name-only', 'hidden'] as const) {
      expect(mutantFeedback(missed, 'boundary', visibility)).toEqual({ status: 'failed', verdict: 'tests_failed', message: `Not caught: ${BUG_LESSONS.boundary}.` });
    }
  });

  it('says why nothing was graded: a failing test on the given implementation, with its message', () => {
    const text = problemText({ on: 'given', what: { kind: 'failed', cases: [{ name: 'adds', message: 'Expected: 3\nReceived: 4' }] } });
    expect(text).toContain('This test fails on the module you were given, which is correct: "adds".');
    expect(text).toContain('Received: 4');
  });

  it('says a test failing only on another correct implementation checks what is left open or the code itself', () => {
    const text = problemText({ on: 'equivalent', what: { kind: 'failed', cases: [{ name: 'reads the source' }] } });
    expect(text).toMatch(/another correct implementation.*written differently.*"reads the source"/);
    expect(text).toMatch(/the code's text rather than its behaviour/);
  });

  it('counts, never names, failing tests whose names depend on the code', () => {
    const text = problemText({ on: 'equivalent', what: { kind: 'failed', cases: [], unnamed: 3 } });
    expect(text).toContain('These tests fail on another correct implementation of the module, written differently (not shown): 3 tests whose names depend on the code.');
  });

  it('gives a limit overrun on correct code its verdict', () => {
    const timeout = mutantFeedback({ kind: 'unfit', problem: { on: 'given', what: { kind: 'run', end: 'timeout', detail: 'your tests did not finish in time' } } }, 'boundary', 'visible');
    expect(timeout.verdict).toBe('time_limit_exceeded');
    expect(timeout.message).toMatch(/^Not graded: .*Your tests did not finish in time on the module you were given/);
    const broken = mutantFeedback({ kind: 'unfit', problem: { on: 'given', what: { kind: 'file', file: 'a.test.js', error: 'SyntaxError: Cannot use import statement outside a module' } } }, 'boundary', 'visible');
    expect(broken.verdict).toBe('compile_error');
    expect(broken.message).toMatch(/Write CommonJS/);
  });
});

describe('a suite that carries a copy of the module', () => {
  it('is told why checking the module against itself grades nothing', () => {
    const copied = mutantFeedback({ kind: 'unfit', problem: { on: 'given', what: { kind: 'copied', lines: 31 } } }, 'boundary', 'hidden');
    expect(copied).toEqual({ status: 'failed', verdict: 'tests_failed', message: expect.stringMatching(/^Not graded: your tests carry 31 lines of the module's own code\. .*state the values the statement gives instead\.$/) });
  });
});

describe("the submission's note on missed bugs", () => {
  const result = (status: 'passed' | 'failed', message: string) => ({ name: 'x', visibility: 'hidden' as const, status, verdict: status === 'passed' ? ('accepted' as const) : ('tests_failed' as const), score: 0, maxScore: 1, message });
  it('lists the kinds of bug missed, hidden tests included, counted', () => {
    const tests = [{ bug: 'boundary' as const }, { bug: 'boundary' as const }, { bug: 'mutation' as const }, { bug: 'rounding' as const }];
    const results = [result('failed', 'Not caught: …'), result('failed', 'Not caught: …'), result('failed', 'Not caught: …'), result('passed', 'Caught.')];
    expect(missedBugsNote(tests, results)).toBe('bugs your tests missed, by kind: boundary ×2, mutation');
  });
  it('says nothing when the suite graded nothing, or caught everything', () => {
    expect(missedBugsNote([{ bug: 'boundary' }], [result('failed', 'Not graded: …')])).toBeUndefined();
    expect(missedBugsNote([{ bug: 'boundary' }], [result('passed', 'Caught.')])).toBeUndefined();
  });
});
