import path from 'node:path';
import { describeSyntaxErrors, findSyntaxErrors } from '../../common/source-check';
import { buildDatabase } from '../../common/sqlite-dataset';
import { ExerciseDefect } from '../../common/exercise-defect';
import { graderWorkDir } from '../../common/workspace';
import type { Kind } from '../kind';
import { injectionNote, injectionTestResult } from './feedback';
import { runFixedTest, type FixedTest, type TestSetup } from './fixed-test';
import { runGeneratedTest, type GeneratedTest } from './generated/run-generated';
import type { Judgement } from './judge';
import { everywhere } from './runner-outcome';
import { findPythonSyntaxErrors } from '../../common/python/syntax-check';
import { loadReference } from './reference';
import { INJECTION_RUNNER } from './student-runners';
import type { InjectionPreventionManifest } from './types';

/**
 * Kind injection-prevention: the student's data-access module (CommonJS, functions taking a
 * better-sqlite3 Database first) is judged by what it does, never by its text. For each test
 * (fixed-test.ts): a fresh database, the reference's calls here and the student's in a
 * runner process as uid 1001, then judge.ts compares outcomes and databases. A generated
 * check (a test with `generated`) runs many inputs instead (generated/run-generated.ts).
 */
export const injectionPrevention: Kind<InjectionPreventionManifest, TestSetup, Judgement> = {
  name: 'injection-prevention',
  studentRunners: [INJECTION_RUNNER],

  async prepare({ manifest, input, written }) {
    const { module, database } = manifest.injection;
    const modulePath = written.get(module);
    if (modulePath === undefined) return { common: everywhere('compile_error', `your submission has no file ${module}`) };
    const python = /\.py$/.test(module);
    const checked = python ? await findPythonSyntaxErrors(input.submission) : { kind: 'checked' as const, problems: findSyntaxErrors(input.submission) };
    if (checked.kind === 'failed') return { common: everywhere('compile_error', checked.message) };
    if (checked.problems.length > 0) return { common: everywhere('compile_error', describeSyntaxErrors(checked.problems)) };
    const reference = loadReference(manifest, input.exerciseFiles, manifest.limits.testTimeMs);
    const baseDatabase = path.join(graderWorkDir('database'), 'base.sqlite');
    const script = input.exerciseFiles[database];
    if (script === undefined) throw new ExerciseDefect(`the exercise package has no database script ${database}`);
    buildDatabase(baseDatabase, script, database);
    return { ready: { manifest, modulePath, reference, baseDatabase } };
  },

  // A module that fails to load fails the same way in every test: said once, no more time spent.
  async runTest(ready, { test, index, deadline }) {
    const run = isGenerated(test) ? await runGeneratedTest(ready, test, index, deadline) : await runFixedTest(ready, test as FixedTest, index);
    return { outcome: run.judgement, ...(run.durationMs !== undefined && { durationMs: run.durationMs }), decidesRest: run.loadFailed === true };
  },

  finish: (ready) => ready.reference.close(),

  resultOf: injectionTestResult,
  summaryNote: (_manifest, _results, outcomes) => injectionNote(outcomes),
  internal: (message) => everywhere('internal_error', message),
};

function isGenerated(test: InjectionPreventionManifest['tests'][number]): test is GeneratedTest {
  return test.generated !== undefined;
}
