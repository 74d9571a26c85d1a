import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LIMITS, pathProblem, type ExerciseManifest, type RestGenerated, type TestResult } from '../../../contracts';
import { CONTAINER_LAYOUT, STUDENT_APP_PORT } from '../../../container-layout';
import { seedOf } from '../../../common/generated/search';
import { log } from '../../../log';
import { clearStudentFilesAsStudent } from '../../../common/process/clear-as-student';
import { testResultOf } from '../../../common/test-feedback';
import { restFeedback } from '../feedback';
import { limitOverrun } from '../run-rest-test';
import { compiledName, transpileTypeScript } from '../typescript-compile';
import type { AppLauncher } from '../app-launcher';
import { AppProcess } from './app-process';
import { runGeneratedCheck } from './check';
import { generatedFeedback } from './feedback';

type RestEndpointManifest = Extract<ExerciseManifest, { kind: 'rest-endpoint' }>;
type GeneratedTest = RestEndpointManifest['tests'][number] & { generated: RestGenerated };

/**
 * The generated checks of one submission, after its fixed tests (whose fresh processes would
 * kill a long-lived one of the student's): the reference app in a process of the harness's
 * own user on a Unix socket in /grader, which the student's code can neither read nor reach
 * (it cannot ask the reference for answers), and the student's app in one process as uid
 * 1001, reset between sequences and stopped after each check, so that a limit it went over
 * (processes, memory, output) is that check's verdict.
 */
export interface GeneratedSessionRequest {
  manifest: RestEndpointManifest;
  /** The exercise package (the reference solution's files among them). */
  exerciseFiles: Record<string, string>;
  /** The student's entry module, compiled. */
  entryPath: string;
  /** The entry as the student wrote it, for messages. */
  entryName?: string;
  /** How each app's runner is started (appLauncher of the exercise's language). */
  launcher: AppLauncher;
  /**
   * performance.now() by which every generated check must be done: the part of the sandbox's
   * time the runner has left (each test's wall time, less what the fixed tests took).
   */
  deadline: number;
}

/**
 * Output a student's process may print over one generated check: the check sends a few hundred
 * requests where a test sends a few, so an app that logs each one may print that much more.
 */
export const GENERATED_OUTPUT_BYTES = 16 * LIMITS.exercise.outputBytes;

export async function runGeneratedTests(request: GeneratedSessionRequest, tests: GeneratedTest[]): Promise<Map<GeneratedTest, TestResult>> {
  const { manifest } = request;
  const results = new Map<GeneratedTest, TestResult>();
  const startupMs = manifest.rest.startupTimeMs;
  const referenceDir = path.join(CONTAINER_LAYOUT.graderDir, 'reference');
  const referenceEntry = writeReference(manifest, request.exerciseFiles, referenceDir);
  const common = { startupTimeMs: startupMs, testTimeMs: manifest.limits.testTimeMs, memoryMb: manifest.limits.memoryMb, launcher: request.launcher };
  const reference = new AppProcess({
    ...common,
    entryPath: referenceEntry,
    address: { socketPath: path.join(referenceDir, 'app.sock') },
    trusted: true,
    cwd: referenceDir,
    // The reference is trusted: its output is of no interest, only its answers.
    outputLimitBytes: GENERATED_OUTPUT_BYTES,
    lifetimeMs: Math.max(0, request.deadline - performance.now()) + startupMs,
  });
  const student = new AppProcess({
    ...common,
    entryPath: request.entryPath,
    ...(request.entryName && { entryName: request.entryName }),
    address: { port: STUDENT_APP_PORT },
    trusted: false,
    cwd: CONTAINER_LAYOUT.studentHome,
    outputLimitBytes: GENERATED_OUTPUT_BYTES,
    lifetimeMs: 0,
    beforeRestart: clearStudentFilesAsStudent,
  });
  try {
    const started = await reference.reset({ fresh: true });
    if (started) throw new Error(`the reference app did not start: ${JSON.stringify(started)}`);
    for (const [index, test] of tests.entries()) {
      const began = performance.now();
      const timeMs = checkTimeMs(request.deadline - began, tests.length - index, startupMs);
      // The student's process lives as long as its check may search, and a start and a sequence more.
      student.lifetimeMs = timeMs + startupMs + manifest.limits.testTimeMs;
      let result: TestResult;
      try {
        const outcome = await runGeneratedCheck({
          model: manifest.rest.model!,
          check: test.generated,
          seed: seedOf(manifest.slug, test.name),
          runs: test.generated.runs ?? LIMITS.generated.runs,
          timeMs,
          sequenceTimeMs: manifest.limits.testTimeMs,
          language: manifest.rest.language,
          reference,
          student,
        });
        const ended = await student.stop();
        const limit = ended && limitOverrun(ended, manifest.limits);
        result = testResultOf(test, (visibility) => (limit ? restFeedback(limit, visibility) : generatedFeedback(outcome, visibility, manifest.rest.model!.errorBody)), Math.round(performance.now() - began));
      } catch (err) {
        await student.stop();
        log(`generated check ${JSON.stringify(test.name)} failed: ${(err as Error).stack ?? String(err)}`);
        result = testResultOf(test, restFeedback({ kind: 'internal', message: `the generated check failed: ${(err as Error).message}` }, test.visibility));
      }
      results.set(test, result);
    }
  } catch (err) {
    log(`generated checks could not run: ${(err as Error).stack ?? String(err)}`);
    for (const test of tests) {
      if (!results.has(test)) results.set(test, testResultOf(test, restFeedback({ kind: 'internal', message: `the generated checks could not run: ${(err as Error).message}` }, test.visibility)));
    }
  } finally {
    await student.stop();
    await reference.stop();
    await clearStudentFilesAsStudent();
  }
  return results;
}

/**
 * The search time of one generated check, milliseconds: its share of the time left (`leftMs`,
 * over `checks` checks still to run, each needing a start of the apps), at most
 * LIMITS.generated.timeMsMax. The share is generous on purpose: on an idle machine a check
 * makes all its runs in a small part of it, so the time only cuts a search short on a machine
 * many times busier, or for an app so slow that its own answers take it. A search cut short
 * keeps what it found; one that found nothing passes with the runs it made.
 */
export function checkTimeMs(leftMs: number, checks: number, startupMs: number): number {
  const share = Math.max(0, leftMs) / Math.max(1, checks) - startupMs;
  return Math.round(Math.max(LIMITS.generated.timeMsMin, Math.min(LIMITS.generated.timeMsMax, share)));
}

/**
 * The reference solution's files under a private directory of the harness, each at its
 * student path, TypeScript compiled to CommonJS beside it; returns the entry module's path.
 */
function writeReference(manifest: RestEndpointManifest, exerciseFiles: Record<string, string>, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [studentPath, packagePath] of Object.entries(manifest.solution)) {
    const problem = pathProblem(studentPath);
    if (problem) throw new Error(`the solution's file name ${JSON.stringify(studentPath)} ${problem}`);
    const text = exerciseFiles[packagePath];
    if (text === undefined) throw new Error(`the exercise package has no ${packagePath}`);
    const target = path.join(dir, studentPath);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, text, { mode: 0o600 });
    if (manifest.rest.language === 'typescript' && /\.c?ts$/.test(studentPath) && !/\.d\.c?ts$/.test(studentPath)) {
      writeFileSync(path.join(dir, compiledName(studentPath)), transpileTypeScript(text, studentPath), { mode: 0o600 });
    }
  }
  const entry = manifest.rest.language === 'typescript' ? compiledName(manifest.rest.entry) : manifest.rest.entry;
  return path.join(dir, entry);
}
