import { CONTAINER_LAYOUT, STUDENT_APP_PORT } from '../../container-layout';
import { appSyntaxError } from '../../common/app-syntax';
import { testResultOf } from '../../common/test-feedback';
import { graderWorkDir, writeSubmission } from '../../common/workspace';
import type { Kind } from '../kind';
import { appLauncher, type AppLauncher } from './app-launcher';
import { restFeedback } from './feedback';
import { runGeneratedTests } from './model/session';
import type { RestTestOutcome } from './rest-outcome';
import { runRestTest } from './run-rest-test';
import { REST_RUNNER } from './student-runners';
import { loadTestCases, type TestCases } from './test-cases-module';
import { compiledName, compileTypeScript, prepareTypeScript } from './typescript-compile';
import type { ExerciseManifest, SandboxInput } from '../../contracts';

type RestEndpointManifest = Extract<ExerciseManifest, { kind: 'rest-endpoint' }>;
type GeneratedTest = RestEndpointManifest['tests'][number] & { generated: NonNullable<RestEndpointManifest['tests'][number]['generated']> };

/** What every test of a submission needs: the compiled entry, the instructor's test cases. */
interface RestReady {
  manifest: RestEndpointManifest;
  input: SandboxInput;
  entryPath: string;
  cases: TestCases;
  launcher: AppLauncher;
}

/**
 * Kind rest-endpoint: the student's web app (Express in JavaScript or TypeScript; Flask, FastAPI
 * or any WSGI or ASGI app in Python), served by a fresh process as the student's
 * uid for each test; the instructor's test cases (trusted, in this process) send it real
 * HTTP requests over loopback. Before anything runs, every submitted .js (or .py) file is compiled
 * (not run) here: a syntax error is the whole submission's compile error.
 */
export const restEndpoint: Kind<RestEndpointManifest, RestReady, RestTestOutcome> = {
  name: 'rest-endpoint',
  studentRunners: [REST_RUNNER],

  warmUp(profile) {
    if (profile === 'typescript') prepareTypeScript(CONTAINER_LAYOUT.nodeModulesDir);
  },

  async prepare({ manifest, input, written }) {
    const { entry, testsFile, language } = manifest.rest;
    let entryPath = written.get(entry);
    if (entryPath === undefined) return { common: { kind: 'compile', message: `your submission has no file ${entry}` } };
    const syntaxError = await appSyntaxError(language, input.submission);
    if (syntaxError !== undefined) return { common: { kind: 'compile', message: syntaxError } };
    if (language === 'typescript') {
      const compiled = compileSubmission(input.submission);
      if (!compiled.ok) return { common: { kind: 'compile', message: compiled.message } };
      entryPath = compiled.entryOf(entry);
    }
    const cases = loadTestCases(testsFile, input.exerciseFiles, graderWorkDir('package'));
    return { ready: { manifest, input, entryPath, cases, launcher: appLauncher(language) } };
  },

  // The fixed tests first, each in a fresh process; then the generated checks together, whose
  // long-lived processes the fixed tests' start (which kills every process of the student's) would end.
  plan(manifest) {
    const indexes = manifest.tests.map((_, index) => index);
    const generated = indexes.filter((i) => manifest.tests[i]!.generated !== undefined);
    return [...indexes.filter((i) => manifest.tests[i]!.generated === undefined), ...(generated.length > 0 ? [generated] : [])];
  },

  async runTest({ manifest, entryPath, cases, launcher }, { test }) {
    const caseId = test.case ?? '';
    // A case the tests module lacks throws ExerciseDefect: the test's internal error.
    const run = await runRestTest({
      testCase: cases.get(caseId),
      caseId,
      entryPath,
      entryName: manifest.rest.entry,
      launcher,
      port: STUDENT_APP_PORT,
      startupTimeMs: manifest.rest.startupTimeMs,
      testTimeMs: manifest.limits.testTimeMs,
      memoryMb: manifest.limits.memoryMb,
    });
    // An app that never listened would not in the next test either (nothing differs before the
    // first request), and each try would cost up to startupTimeMs of the sandbox's wall time.
    return { outcome: run.outcome, ...(run.durationMs !== undefined && { durationMs: run.durationMs }), decidesRest: !run.listened && run.outcome.kind !== 'internal' };
  },

  async runGroup({ manifest, input, entryPath, launcher }, tests, clock) {
    const generated = tests.map(({ test }) => test as GeneratedTest);
    const ran = await runGeneratedTests(
      { manifest, exerciseFiles: input.exerciseFiles, entryPath, entryName: manifest.rest.entry, deadline: clock.deadline, launcher },
      generated,
    );
    return generated.map((test) => ({ result: ran.get(test)! }));
  },

  resultOf: (test, outcome, durationMs) => testResultOf(test, (visibility) => restFeedback(outcome, visibility), durationMs),
  internal: (message) => ({ kind: 'internal', message }),
};

/**
 * A TypeScript submission type-checked and compiled by the harness (nothing of the student's
 * runs): the .js files written next to the .ts ones under /submission, root's and read-only
 * for the student, as the .ts files are.
 */
function compileSubmission(files: Record<string, string>): { ok: true; entryOf(entry: string): string } | { ok: false; message: string } {
  const sources = Object.keys(files).filter((f) => /\.c?ts$/.test(f) && !/\.d\.c?ts$/.test(f)).sort();
  const outcome = compileTypeScript(sources, { rootDir: CONTAINER_LAYOUT.submissionDir, nodeModulesDir: CONTAINER_LAYOUT.nodeModulesDir });
  if (!outcome.ok) return outcome;
  const compiled: Record<string, string> = {};
  for (const [file, text] of outcome.outputs) compiled[file] = text;
  const written = writeSubmission(compiled);
  return {
    ok: true,
    entryOf: (entry) => {
      const path = written.get(compiledName(entry));
      if (path === undefined) throw new Error(`the compiler wrote no ${compiledName(entry)}`);
      return path;
    },
  };
}
