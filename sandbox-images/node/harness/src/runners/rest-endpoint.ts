import { testWallTimeMs, type ExerciseManifest, type TestResult } from '../contracts';
import { CONTAINER_LAYOUT, STUDENT_APP_PORT } from '../container-layout';
import { log } from '../log';
import { summarize } from '../result-summary';
import { restFeedback } from '../rest/feedback';
import type { RestTestOutcome } from '../rest/rest-outcome';
import { runGeneratedTests } from '../rest/model/session';
import { runRestTest } from '../rest/run-rest-test';
import { describeSyntaxErrors, findSyntaxErrors } from '../rest/source-check';
import { loadTestCases, TestCasesDefect, type TestCases } from '../rest/test-cases-module';
import { compiledName, compileTypeScript } from '../rest/typescript-compile';
import { graderWorkDir, writeSubmission } from '../workspace';
import { testResultOf } from '../test-feedback';
import type { KindRunner } from './kind-runner';

type RestEndpointManifest = Extract<ExerciseManifest, { kind: 'rest-endpoint' }>;

/**
 * Kind rest-endpoint: the student's Express app, served by a fresh process as the student's
 * uid for each test; the instructor's test cases (trusted, in this process) send it real
 * HTTP requests over loopback. Before anything runs, every submitted .js file is compiled
 * (not run) here: a syntax error is the whole submission's compile error.
 */
export const runRestEndpoint: KindRunner<RestEndpointManifest> = async (manifest, input) => {
  const { entry, testsFile, startupTimeMs, language } = manifest.rest;
  // Each test's share of the sandbox's time, as the worker sizes its wall-time limit.
  const deadline = performance.now() + manifest.tests.length * testWallTimeMs(manifest);
  const written = writeSubmission(input.submission);
  let entryPath = written.get(entry);

  // An outcome for every test, when one reason decides them all.
  let common: RestTestOutcome | undefined;
  let cases: TestCases | undefined;
  const syntaxErrors = findSyntaxErrors(input.submission);
  if (entryPath === undefined) common = { kind: 'compile', message: `your submission has no file ${entry}` };
  else if (syntaxErrors.length > 0) common = { kind: 'compile', message: describeSyntaxErrors(syntaxErrors) };
  else if (language === 'typescript') {
    const compiled = compileSubmission(input.submission);
    if (compiled.ok) entryPath = compiled.entryOf(entry);
    else common = { kind: 'compile', message: compiled.message };
  }
  if (!common) {
    try {
      cases = loadTestCases(testsFile, input.exerciseFiles, graderWorkDir('package'));
    } catch (err) {
      if (!(err instanceof TestCasesDefect)) throw err;
      log(`exercise defect: ${err.message}`);
      common = { kind: 'internal', message: `the exercise is broken: ${err.message}` };
    }
  }

  // Stack traces of compiled TypeScript name the .ts lines.
  const nodeArgs = language === 'typescript' ? ['--enable-source-maps'] : undefined;
  const results = new Map<RestEndpointManifest['tests'][number], TestResult>();
  // An app that never listened would not in the next test either (nothing differs before the
  // first request), and each try would cost up to startupTimeMs of the sandbox's wall time.
  let startFailure: RestTestOutcome | undefined;
  // The fixed tests first, each in a fresh process; then the generated checks, whose long-lived
  // processes the fixed tests' start (which kills every process of the student's) would end.
  const generated = manifest.tests.filter((t): t is GeneratedTest => t.generated !== undefined);
  for (const test of manifest.tests) {
    if (test.generated) continue;
    let outcome: RestTestOutcome;
    let durationMs: number | undefined;
    if (common) outcome = common;
    else if (startFailure) outcome = startFailure;
    else {
      const run = await runOne(cases!, test.case ?? '', {
        entryPath: entryPath!,
        ...(nodeArgs && { nodeArgs }),
        port: STUDENT_APP_PORT,
        startupTimeMs,
        testTimeMs: manifest.limits.testTimeMs,
        memoryMb: manifest.limits.memoryMb,
      });
      outcome = run.outcome;
      durationMs = run.durationMs;
      if (!run.listened && outcome.kind !== 'internal') startFailure = outcome;
    }
    results.set(test, testResultOf(test, (visibility) => restFeedback(outcome, visibility), durationMs));
  }
  if (generated.length > 0) {
    const decided = common ?? startFailure;
    if (decided) for (const test of generated) results.set(test, testResultOf(test, (visibility) => restFeedback(decided, visibility)));
    else {
      const ran = await runGeneratedTests({ manifest, exerciseFiles: input.exerciseFiles, entryPath: entryPath!, deadline, ...(nodeArgs && { nodeArgs }) }, generated);
      for (const [test, result] of ran) results.set(test, result);
    }
  }
  return summarize(
    manifest.tests.map((t) => results.get(t)!),
    manifest.maxScore,
  );
};

type GeneratedTest = RestEndpointManifest['tests'][number] & { generated: NonNullable<RestEndpointManifest['tests'][number]['generated']> };

async function runOne(
  cases: TestCases,
  caseId: string,
  app: { entryPath: string; nodeArgs?: string[]; port: number; startupTimeMs: number; testTimeMs: number; memoryMb: number },
): Promise<{ outcome: RestTestOutcome; listened: boolean; durationMs?: number }> {
  let testCase;
  try {
    testCase = cases.get(caseId);
  } catch (err) {
    if (!(err instanceof TestCasesDefect)) throw err;
    log(`exercise defect: ${err.message}`);
    return { outcome: { kind: 'internal', message: `the exercise is broken: ${err.message}` }, listened: false };
  }
  return runRestTest({ ...app, testCase, caseId });
}

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
