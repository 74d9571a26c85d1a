import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LIMITS, pathProblem, testWallTimeMs, type ExerciseManifest, type RestGenerated, type TestResult } from '../../contracts';
import { CONTAINER_LAYOUT, STUDENT_APP_PORT } from '../../container-layout';
import { seedOf } from '../../generated/search';
import { log } from '../../log';
import { clearStudentFilesAsStudent } from '../../process/clear-as-student';
import { testResultOf } from '../../test-feedback';
import { restFeedback } from '../feedback';
import { limitOverrun } from '../run-rest-test';
import { compiledName, transpileTypeScript } from '../typescript-compile';
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
  nodeArgs?: string[];
}

/**
 * Output a student's process may print over one generated check: the check sends a few hundred
 * requests where a test sends a few, so an app that logs each one may print that much more.
 */
export const GENERATED_OUTPUT_BYTES = 16 * LIMITS.exercise.outputBytes;

export async function runGeneratedTests(request: GeneratedSessionRequest, tests: GeneratedTest[]): Promise<Map<GeneratedTest, TestResult>> {
  const { manifest } = request;
  const results = new Map<GeneratedTest, TestResult>();
  const budgetMs = testWallTimeMs(manifest);
  const referenceDir = path.join(CONTAINER_LAYOUT.graderDir, 'reference');
  const referenceEntry = writeReference(manifest, request.exerciseFiles, referenceDir);
  const common = { startupTimeMs: manifest.rest.startupTimeMs, testTimeMs: manifest.limits.testTimeMs, memoryMb: manifest.limits.memoryMb, lifetimeMs: budgetMs + manifest.rest.startupTimeMs };
  const reference = new AppProcess({
    ...common,
    entryPath: referenceEntry,
    address: { socketPath: path.join(referenceDir, 'app.sock') },
    trusted: true,
    cwd: referenceDir,
    // The reference is trusted: its output is of no interest, only its answers.
    outputLimitBytes: GENERATED_OUTPUT_BYTES,
    lifetimeMs: tests.length * (budgetMs + manifest.rest.startupTimeMs),
  });
  const student = new AppProcess({
    ...common,
    entryPath: request.entryPath,
    ...(request.nodeArgs && { nodeArgs: request.nodeArgs }),
    address: { port: STUDENT_APP_PORT },
    trusted: false,
    cwd: CONTAINER_LAYOUT.studentHome,
    outputLimitBytes: GENERATED_OUTPUT_BYTES,
    beforeRestart: clearStudentFilesAsStudent,
  });
  try {
    const started = await reference.reset({ fresh: true });
    if (started) throw new Error(`the reference app did not start: ${JSON.stringify(started)}`);
    for (const test of tests) {
      const began = performance.now();
      let result: TestResult;
      try {
        const outcome = await runGeneratedCheck({
          model: manifest.rest.model!,
          check: test.generated,
          seed: seedOf(manifest.slug, test.name),
          runs: test.generated.runs ?? LIMITS.generated.runs,
          timeMs: Math.min(LIMITS.generated.timeMs, budgetMs),
          sequenceTimeMs: manifest.limits.testTimeMs,
          reference,
          student,
        });
        const ended = await student.stop();
        const limit = ended && limitOverrun(ended, manifest.limits);
        result = testResultOf(test, (visibility) => (limit ? restFeedback(limit, visibility) : generatedFeedback(outcome, visibility)), Math.round(performance.now() - began));
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
