import type { ReportedCase } from './runner-report';
import type { SuiteRun } from './suite-run';
import { mutantVerdict, suiteFitness } from './verdict';

const passed = (name: string): ReportedCase => ({ file: 'cart.test.js', name, status: 'passed' });
const failed = (name: string, message = 'expected 3, received 4'): ReportedCase => ({ file: 'cart.test.js', name, status: 'failed', message });
const skipped = (name: string): ReportedCase => ({ file: 'cart.test.js', name, status: 'skipped' });
const run = (...cases: ReportedCase[]): SuiteRun => ({ report: { files: [{ file: 'cart.test.js' }], cases } });

describe("the student's suite on correct code", () => {
  it('judges with every test that passes on the given implementation and every equivalent', () => {
    const fitness = suiteFitness([
      { on: 'given', run: run(passed('adds'), passed('discounts'), skipped('todo')) },
      { on: 'equivalent', run: run(passed('adds'), passed('discounts'), skipped('todo')) },
    ]);
    expect('judges' in fitness && fitness.judges.size).toBe(2);
  });

  it('is unfit when a test fails on the given implementation, with its message', () => {
    const fitness = suiteFitness([{ on: 'given', run: run(passed('adds'), failed('discounts')) }]);
    expect(fitness).toEqual({ problem: { on: 'given', what: { kind: 'failed', cases: [{ name: 'discounts', message: 'expected 3, received 4' }] } } });
  });

  it('is unfit when a test fails only on an equivalent, without its message (it could show code the student is not given)', () => {
    const fitness = suiteFitness([
      { on: 'given', run: run(passed('adds'), passed('reads the source')) },
      { on: 'equivalent', run: run(passed('adds'), failed('reads the source', 'expected "function add(a, b) {…" …')) },
    ]);
    expect(fitness).toEqual({ problem: { on: 'equivalent', what: { kind: 'failed', cases: [{ name: 'reads the source' }] } } });
  });

  it('names a test failing on an equivalent only if it had that name on the given implementation (a name made of the code would show it)', () => {
    const fitness = suiteFitness([
      { on: 'given', run: run(passed('adds'), passed('line: return a + b;')) },
      { on: 'equivalent', run: run(failed('adds'), failed('line: return b + a;')) },
    ]);
    expect(fitness).toEqual({ problem: { on: 'equivalent', what: { kind: 'failed', cases: [{ name: 'adds' }], unnamed: 1 } } });
  });

  it('is unfit with no passing test: an empty suite, or one that skips everything, judges nothing', () => {
    expect(suiteFitness([{ on: 'given', run: run() }])).toEqual({ problem: { on: 'given', what: { kind: 'no-tests' } } });
    expect(suiteFitness([{ on: 'given', run: run(skipped('later')) }])).toEqual({ problem: { on: 'given', what: { kind: 'no-tests' } } });
  });

  it('is unfit when a test file does not load, or the run ends without a report', () => {
    const broken: SuiteRun = { report: { files: [{ file: 'cart.test.js', error: 'SyntaxError: Unexpected token' }], cases: [] } };
    expect(suiteFitness([{ on: 'given', run: broken }])).toEqual({ problem: { on: 'given', what: { kind: 'file', file: 'cart.test.js', error: 'SyntaxError: Unexpected token' } } });
    const exited: SuiteRun = { end: 'exited', detail: 'your tests ended the test run' };
    expect(suiteFitness([{ on: 'given', run: run(passed('adds')) }, { on: 'equivalent', run: exited }])).toEqual({ problem: { on: 'equivalent', what: { kind: 'run', end: 'exited', detail: 'your tests ended the test run' } } });
  });
});

describe('a mutant', () => {
  const judges = (() => {
    const fitness = suiteFitness([{ on: 'given', run: run(passed('adds'), passed('discounts')) }]);
    if (!('judges' in fitness)) throw new Error('unfit');
    return fitness.judges;
  })();

  it('is caught by a judging test that fails on it, named', () => {
    expect(mutantVerdict(run(passed('adds'), failed('discounts')), judges)).toEqual({ caught: true, by: { cases: ['discounts'] } });
  });

  it('is missed when every judging test passes on it', () => {
    expect(mutantVerdict(run(passed('adds'), passed('discounts')), judges)).toEqual({ caught: false });
  });

  it('is not caught by a test that did not judge: one that appears only on the mutant, or was skipped on correct code', () => {
    expect(mutantVerdict(run(passed('adds'), passed('discounts'), failed('only here')), judges)).toEqual({ caught: false });
  });

  it('is not caught by a judging test that goes missing on it (a test that skips itself)', () => {
    expect(mutantVerdict(run(passed('adds')), judges)).toEqual({ caught: false });
  });

  it('is caught when the test file no longer loads with it, or the run hangs or crashes', () => {
    expect(mutantVerdict({ report: { files: [{ file: 'cart.test.js', error: 'TypeError: x is not a function' }], cases: [] } }, judges)).toEqual({ caught: true, by: { file: 'cart.test.js' } });
    expect(mutantVerdict({ end: 'timeout', detail: 'your tests did not finish in time' }, judges)).toEqual({ caught: true, by: { end: 'timeout', detail: 'your tests did not finish in time' } });
  });

  it('tells apart two tests of one name by their order (test.each rows with one title)', () => {
    const twice = suiteFitness([{ on: 'given', run: run(passed('row'), passed('row')) }]);
    if (!('judges' in twice)) throw new Error('unfit');
    expect(twice.judges.size).toBe(2);
    expect(mutantVerdict(run(passed('row'), failed('row')), twice.judges)).toEqual({ caught: true, by: { cases: ['row'] } });
  });
});
