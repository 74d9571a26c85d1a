import { randomInt } from 'node:crypto';
import { isTestFile, LIMITS, type ExerciseManifest } from '../../contracts';
import { ExerciseDefect } from '../../common/exercise-defect';
import { testResultOf } from '../../common/test-feedback';
import type { Kind } from '../kind';
import { copiedShare } from './copied-code';
import { missedBugsNote, mutantFeedback, type MutantOutcome } from './feedback';
import { JEST_RUNNER, runSuite, type SuiteRun } from './suite-run';
import { mutantVerdict, suiteFitness, type SuiteProblem } from './verdict';

type TestWritingManifest = Extract<ExerciseManifest, { kind: 'test-writing' }>;

/** Each mutant's verdict by its test's index, with its run's time. */
type TestWritingReady = Map<number, { outcome: MutantOutcome; durationMs: number }>;

/**
 * Kind test-writing: the student writes tests (Jest in JavaScript, pytest in Python) for a
 * module they are given. Their tests run on the given implementation first, then on each
 * equivalent and each mutant in an order drawn afresh for every submission, each in a run of
 * its own (suite-run.ts: a fresh directory holding only that implementation, a fresh runner
 * process as the student, nothing left behind). The order hides which run is which: tests that
 * count their runs (through a file, shared memory, anything that outlives a process) cannot
 * tell a mutant's from an equivalent's. The tests must pass on all correct code (verdict.ts),
 * or no mutant counts; then each mutant is a test: caught, it earns its points; missed, the
 * student reads the kind of bug, never its code.
 */
export const testWriting: Kind<TestWritingManifest, TestWritingReady, MutantOutcome> = {
  name: 'test-writing',
  studentRunners: [JEST_RUNNER],

  async prepare({ manifest, input }) {
    const { language, module, implementation, equivalents } = manifest.testing;
    const testFiles = Object.keys(input.submission).filter((f) => isTestFile(language, f));
    const run = (file: string) => runSuite({ language, submission: input.submission, testFiles, module, testTimeMs: manifest.limits.testTimeMs, implementation: packageFile(input.exerciseFiles, file) });

    const copied = copiedShare(packageFile(input.exerciseFiles, implementation), Object.values(input.submission));
    if (copied.share >= LIMITS.testWriting.copiedShareMax) return { common: { kind: 'unfit', problem: { on: 'given', what: { kind: 'copied', lines: copied.lines } } } };

    // The given implementation first: a suite that fails there (the usual mistake) costs one run.
    const correct: Array<{ on: 'given' | 'equivalent'; run: SuiteRun }> = [{ on: 'given', run: await run(implementation) }];
    const unfit = (): SuiteProblem | undefined => {
      const fitness = suiteFitness(correct);
      return 'problem' in fitness ? fitness.problem : undefined;
    };
    let problem = unfit();
    if (problem) return { common: { kind: 'unfit', problem } };

    const mutantRuns = new Map<number, { run: SuiteRun; durationMs: number }>();
    const rest = shuffled<{ file: string; index?: number }>([...equivalents.map((file) => ({ file })), ...manifest.tests.map((t, index) => ({ file: t.mutant, index }))]);
    for (const next of rest) {
      const started = performance.now();
      const result = await run(next.file);
      if (next.index !== undefined) {
        mutantRuns.set(next.index, { run: result, durationMs: performance.now() - started });
        continue;
      }
      correct.push({ on: 'equivalent', run: result });
      problem = unfit();
      if (problem) return { common: { kind: 'unfit', problem } };
    }
    const fitness = suiteFitness(correct);
    if ('problem' in fitness) return { common: { kind: 'unfit', problem: fitness.problem } };
    const verdicts: TestWritingReady = new Map();
    for (const [index, { run: result, durationMs }] of mutantRuns) verdicts.set(index, { outcome: { kind: 'judged', verdict: mutantVerdict(result, fitness.judges) }, durationMs });
    return { ready: verdicts };
  },

  runTest(verdicts, { index }) {
    const judged = verdicts.get(index);
    if (!judged) throw new Error(`test-writing: mutant ${index + 1} was not run`);
    return Promise.resolve({ outcome: judged.outcome, durationMs: judged.durationMs });
  },

  resultOf: (test, outcome, durationMs) => testResultOf(test, (visibility) => mutantFeedback(outcome, test.bug, visibility), durationMs),
  summaryNote: (manifest, results) => missedBugsNote(manifest.tests, results),
  internal: (message) => ({ kind: 'internal', message }),
};

/** A uniformly random order (Fisher and Yates), from the crypto generator: nothing the student can seed. */
function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function packageFile(files: Readonly<Record<string, string>>, file: string): string {
  const text = files[file];
  if (text === undefined) throw new ExerciseDefect(`the package has no file ${file}`);
  return text;
}
