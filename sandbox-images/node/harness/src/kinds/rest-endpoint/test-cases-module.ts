import path from 'node:path';
import { ExerciseDefect } from '../../common/exercise-defect';
import { writePackageFiles } from '../../common/workspace';
import type { TestKit } from './test-kit';

/**
 * The instructor's tests module (`rest.testsFile`): trusted CommonJS that exports one async
 * function per test case, `module.exports = { 'creates-book': async (t) => { ... } }`. The
 * whole exercise package is written under the harness's private directory first, so the
 * module may require helpers next to it; the student cannot read any of it.
 */
export type TestCase = (t: TestKit) => unknown;

/** The module could not be loaded, or lacks a case: the exercise's fault, for staff. */
export class TestCasesDefect extends ExerciseDefect {
  override readonly name = 'TestCasesDefect';
}

export interface TestCases {
  /** The case of this id, or a defect naming what is missing. */
  get(id: string): TestCase;
}

export function loadTestCases(testsFile: string, exerciseFiles: Record<string, string>, packageDir: string): TestCases {
  writePackageFiles(exerciseFiles, packageDir, (message) => new TestCasesDefect(message));
  if (!(testsFile in exerciseFiles)) throw new TestCasesDefect(`the exercise package has no tests module ${testsFile}`);

  let exported: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(path.join(packageDir, testsFile)) as unknown;
  } catch (err) {
    throw new TestCasesDefect(`the tests module ${testsFile} failed to load: ${(err as Error).stack ?? String(err)}`);
  }
  if ((typeof exported !== 'object' && typeof exported !== 'function') || exported === null) {
    throw new TestCasesDefect(`the tests module ${testsFile} must export an object of test cases, got ${typeof exported}`);
  }
  const cases = exported as Record<string, unknown>;
  return {
    get(id) {
      const found = Object.prototype.hasOwnProperty.call(cases, id) ? cases[id] : undefined;
      if (typeof found !== 'function') {
        throw new TestCasesDefect(`the tests module ${testsFile} has no test case ${JSON.stringify(id)} (it exports ${Object.keys(cases).map((k) => JSON.stringify(k)).join(', ') || 'nothing'})`);
      }
      return found as TestCase;
    },
  };
}
