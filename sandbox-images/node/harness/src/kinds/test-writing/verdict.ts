import type { ReportedCase, RunnerReport } from './runner-report';
import type { RunEnd, SuiteRun } from './suite-run';

/**
 * Whether the student's tests are fit to judge mutants, and which mutants they catch: the
 * "wheats and chaffs" of Examplar (Wrenn and Krishnamurthi, "Executable Examples for
 * Programming Problem Comprehension", ICER 2019). Correct implementations (the given one and
 * the exercise's equivalents, the wheats) must pass every test: a test that fails on correct
 * code is wrong, and one that fails only on code written differently checks the code's text
 * or what the statement leaves open. Only then does a test failing on a mutant (a chaff)
 * count as catching its bug.
 */

/** Why the student's tests cannot judge mutants: shown to the student with every mutant's test. */
export interface SuiteProblem {
  /** On which correct code: the one given to the student, or one written differently (never shown). */
  on: 'given' | 'equivalent';
  /** What went wrong, in the student's terms (their file and test names, the framework's message). */
  what: SuiteFailure;
}

export type SuiteFailure =
  | { kind: 'run'; end: RunEnd; detail: string }
  | { kind: 'file'; file: string; error: string }
  | { kind: 'no-tests' }
  /** The tests carry `lines` of the given implementation's own lines: they recompute answers with a copy of the code (copied-code.ts). */
  | { kind: 'copied'; lines: number }
  /** `unnamed`: failing tests not named, whose names were not theirs on the given implementation. */
  | { kind: 'failed'; cases: Array<{ name: string; message?: string }>; unnamed?: number };

/** The student's tests that passed on every correct implementation, by case key (caseKeys). */
export type Judges = ReadonlySet<string>;

export type Fitness = { judges: Judges } | { problem: SuiteProblem };

/**
 * Judges the student's suite on the correct runs, the given implementation's first. A failing
 * test's message is kept only on the given implementation, whose code the student has: on an
 * equivalent it could show code the student is not given.
 */
export function suiteFitness(runs: ReadonlyArray<{ on: 'given' | 'equivalent'; run: SuiteRun }>): Fitness {
  let judges: Set<string> | undefined;
  for (const { on, run } of runs) {
    const failure = failureOf(run, on === 'given', judges);
    if (failure) return { problem: { on, what: failure } };
    const report = (run as { report: RunnerReport }).report;
    const passed = new Set(caseKeys(report.cases).filter(({ c }) => c.status === 'passed').map(({ key }) => key));
    judges = judges ? new Set([...judges].filter((k) => passed.has(k))) : passed;
  }
  if (!judges || judges.size === 0) return { problem: { on: 'given', what: { kind: 'no-tests' } } };
  return { judges };
}

/**
 * What went wrong in one run on correct code. On an equivalent (`known`: the keys that passed
 * before, on the given implementation) a failing test is named only if it had that name there
 * too: a name made from the module's text (test.each over its lines) would show code the
 * student is not given. Others are counted.
 */
function failureOf(run: SuiteRun, withMessages: boolean, known?: ReadonlySet<string>): SuiteFailure | undefined {
  if ('end' in run) return { kind: 'run', end: run.end, detail: run.detail };
  const broken = run.report.files.find((f) => f.error !== undefined);
  if (broken) return { kind: 'file', file: broken.file, error: withMessages ? broken.error! : '' };
  const failed = caseKeys(run.report.cases).filter(({ c }) => c.status === 'failed');
  if (failed.length > 0) {
    const shown = failed.filter(({ key }) => known === undefined || known.has(key));
    const unnamed = failed.length - shown.length;
    return {
      kind: 'failed',
      cases: shown.map(({ c }) => ({ name: c.name, ...(withMessages && c.message !== undefined && { message: c.message }) })),
      ...(unnamed > 0 && { unnamed }),
    };
  }
  if (!run.report.cases.some((c) => c.status === 'passed')) return { kind: 'no-tests' };
  return undefined;
}

/** What a mutant's run says of the student's suite. */
export type MutantVerdict =
  | { caught: true; by: { cases: string[] } | { file: string } | { end: RunEnd; detail: string } }
  | { caught: false };

/**
 * A mutant is caught when a judging test fails on it, when a test file no longer loads with it
 * (the module throws as it is required), or when the run ends without a report (the bug hangs
 * or crashes the tests). A test that did not judge (it failed or was skipped on correct code)
 * catches nothing.
 */
export function mutantVerdict(run: SuiteRun, judges: Judges): MutantVerdict {
  if ('end' in run) return { caught: true, by: { end: run.end, detail: run.detail } };
  const broken = run.report.files.find((f) => f.error !== undefined);
  if (broken) return { caught: true, by: { file: broken.file } };
  const failing = caseKeys(run.report.cases).filter(({ key, c }) => c.status === 'failed' && judges.has(key));
  if (failing.length > 0) return { caught: true, by: { cases: failing.map(({ c }) => c.name) } };
  return { caught: false };
}

/**
 * Each case with a key that names it across runs: file and name, numbered when a name repeats
 * in a file (test.each rows with one title, a parametrised test's ids are already distinct).
 */
export function caseKeys(cases: readonly ReportedCase[]): Array<{ key: string; c: ReportedCase }> {
  const seen = new Map<string, number>();
  return cases.map((c) => {
    const base = `${c.file}\u0000${c.name}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { key: `${base}\u0000${n}`, c };
  });
}
