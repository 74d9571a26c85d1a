import path from 'node:path';
import { CONTAINER_LAYOUT } from '../container-layout';

/**
 * A student-side program: code the harness starts as the student's uid (a query runner, a
 * web app's host, a module's caller). prepare-context.ts bundles each kind's runners
 * (Kind.studentRunners) and the common ones into the image's runner directory.
 */
export interface StudentRunner {
  /** The bundle's name in CONTAINER_LAYOUT.runnerDir, e.g. `sql-runner.js`. */
  file: string;
  /** Its entry's source, relative to the repository's root. */
  source: string;
}

/** Where a runner's bundle is inside the container. */
export function runnerPath(runner: StudentRunner): string {
  return path.join(CONTAINER_LAYOUT.runnerDir, runner.file);
}

/** The source of a runner of the harness, given relative to the harness's src directory. */
export function harnessRunner(file: string, sourceUnderSrc: string): StudentRunner {
  return { file, source: `sandbox-images/node/harness/src/${sourceUnderSrc}` };
}

/** Removes the student's files between two tests, as the student (any kind whose student code writes files). */
export const CLEAR_FILES_RUNNER = harnessRunner('clear-files-runner.js', 'common/process/clear-files-runner.ts');

/** The runners no single kind owns. */
export const COMMON_STUDENT_RUNNERS: readonly StudentRunner[] = [CLEAR_FILES_RUNNER];
