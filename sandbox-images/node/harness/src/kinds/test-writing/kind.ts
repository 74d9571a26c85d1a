import { isTestFile, type ExerciseManifest } from '../../contracts';
import { ExerciseDefect } from '../../common/exercise-defect';
import { testResultOf } from '../../common/test-feedback';
import type { Kind } from '../kind';
import { mutantFeedback, type MutantOutcome } from './feedback';
import { JEST_RUNNER, runSuite, type SuiteRunRequest } from './suite-run';
import { mutantVerdict, suiteFitness, type Judges } from './verdict';

type TestWritingManifest = Extract<ExerciseManifest, { kind: 'test-writing' }>;

interface TestWritingReady {
  /** Everything a run needs but the implementation. */
  run: Omit<SuiteRunRequest, 'implementation'>;
  exerciseFiles: Readonly<Record<string, string>>;
  judges: Judges;
}

/**
 * Kind test-writing: the student writes tests (Jest in JavaScript, pytest in Python) for a
 * module they are given. Their tests run first on correct code, the given implementation and
 * the exercise's equivalents (verdict.ts: all must pass, or no mutant counts), then once on
 * each mutant, each in a run of its own (suite-run.ts: a fresh directory holding only that
 * implementation, a fresh runner process as the student). A mutant is a test: caught, it
 * earns its points; missed, the student reads the kind of bug, never its code.
 */
export const testWriting: Kind<TestWritingManifest, TestWritingReady, MutantOutcome> = {
  name: 'test-writing',
  studentRunners: [JEST_RUNNER],

  async prepare({ manifest, input }) {
    const { language, module, implementation, equivalents } = manifest.testing;
    const testFiles = Object.keys(input.submission).filter((f) => isTestFile(language, f));
    const run = { language, submission: input.submission, testFiles, module, testTimeMs: manifest.limits.testTimeMs };
    const correct = [{ on: 'given' as const, file: implementation }, ...equivalents.map((file) => ({ on: 'equivalent' as const, file }))];
    const runs = [];
    for (const { on, file } of correct) {
      const result = await runSuite({ ...run, implementation: packageFile(input.exerciseFiles, file) });
      runs.push({ on, run: result });
      // The first failure is the one shown; the runs after it would only cost time.
      if ('end' in result || result.report.cases.some((c) => c.status === 'failed') || result.report.files.some((f) => f.error !== undefined)) break;
    }
    const fitness = suiteFitness(runs);
    if ('problem' in fitness) return { common: { kind: 'unfit', problem: fitness.problem } };
    return { ready: { run, exerciseFiles: input.exerciseFiles, judges: fitness.judges } };
  },

  async runTest({ run, exerciseFiles, judges }, { test }) {
    const started = performance.now();
    const result = await runSuite({ ...run, implementation: packageFile(exerciseFiles, test.mutant) });
    return { outcome: { kind: 'judged', verdict: mutantVerdict(result, judges) }, durationMs: performance.now() - started };
  },

  resultOf: (test, outcome, durationMs) => testResultOf(test, (visibility) => mutantFeedback(outcome, test.bug, visibility), durationMs),
  internal: (message) => ({ kind: 'internal', message }),
};

function packageFile(files: Readonly<Record<string, string>>, file: string): string {
  const text = files[file];
  if (text === undefined) throw new ExerciseDefect(`the package has no file ${file}`);
  return text;
}
