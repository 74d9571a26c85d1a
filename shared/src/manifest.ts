import { z } from 'zod';
import { LIMITS } from './limits';
import { SubmittedPath } from './submitted-files';

/**
 * The exercise manifest (`exercise.yaml` in an exercise folder). A package path is
 * relative to the exercise folder; a submitted path is what the student's file is called.
 */

export const Slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'lower-case letters, digits and inner hyphens, at most 64 characters');

/**
 * - visible: name, points, message, and expected vs actual are shown to the student.
 * - name-only: name, pass or fail and points are shown; never the message or data.
 * - hidden: shown as "hidden test N" with pass or fail and points only.
 */
export const Visibility = z.enum(['visible', 'name-only', 'hidden']);
export type Visibility = z.infer<typeof Visibility>;

const PackagePath = SubmittedPath;

const TestBase = z.object({
  /** Shown to the student unless the test is hidden: say what behaviour it checks. */
  name: z.string().min(1).max(200),
  points: z.number().int().min(0).max(1000),
  visibility: Visibility.default('visible'),
});

export const Limits = z
  .object({
    /** Wall time for one test, milliseconds. */
    testTimeMs: z.number().int().min(100).max(LIMITS.exercise.testTimeMsMax).default(LIMITS.exercise.testTimeMs),
    /** Memory for the whole sandbox, MiB, without swap. */
    memoryMb: z.number().int().min(LIMITS.exercise.memoryMbMin).max(LIMITS.exercise.memoryMbMax).default(LIMITS.exercise.memoryMb),
  })
  .prefault({});
export type Limits = z.infer<typeof Limits>;

export const StudentFile = z.object({
  /** The name the student's file has, e.g. `query.sql`. */
  path: SubmittedPath,
  /** Package path of the starter content given to the student. */
  starter: PackagePath,
});

/** A folder of the package holding one file per student file, at the student's path under it. */
const SolutionDir = PackagePath;

export const KnownWrongSolution = z.object({
  dir: SolutionDir,
  /** The most this solution may score. */
  maxScore: z.number().int().min(0),
  /** The mistake it makes, for the next author: e.g. "answers 200 without Location". */
  why: z.string().min(1).max(500),
});

export const AlternativeSolution = z.object({
  dir: SolutionDir,
});

const Common = {
  slug: Slug,
  title: z.string().min(1).max(200),
  /** The sandbox image, `sandbox-images/<runtime>`. */
  runtime: z.enum(['node']).default('node'),
  /** Short tags naming what the exercise practises, e.g. `joins`. */
  skills: z.array(z.string().min(1).max(40)).max(12).default([]),
  /** Package path of the markdown statement. */
  statement: PackagePath.default('statement.md'),
  limits: Limits,
  /** Exactly the files a submission must contain: no more, no fewer. */
  files: z.array(StudentFile).min(1).max(LIMITS.submission.files),
  /** Submitted path → package path of the reference solution's file. Never shown to students. */
  solution: z.record(SubmittedPath, PackagePath),
  /** The score of a perfect solution; must equal the sum of the tests' points. */
  maxScore: z.number().int().min(1),
  /**
   * Solutions known to be wrong, each a folder holding every student file (e.g. `wrong/no-404/app.js`).
   * Grading one must score at most `maxScore`, which is below the exercise's: proof that the
   * tests catch the mistake named in `why`. Never shown to students.
   */
  knownWrong: z.array(KnownWrongSolution).max(20).optional(),
  /** Other correct solutions, written differently, each a folder holding every student file; each must score full marks. */
  alternatives: z.array(AlternativeSolution).max(20).optional(),
};

export const SqlTest = TestBase.extend({
  /** Package path of an SQL script that creates and fills the tables for this test. */
  dataset: PackagePath,
});

export const SqlQueryManifest = z.object({
  ...Common,
  kind: z.literal('sql-query'),
  sql: z
    .object({
      dialect: z.enum(['sqlite']).default('sqlite'),
      /** The submitted file holding the query. */
      queryFile: SubmittedPath.default('query.sql'),
      /** Compare rows in order only when the statement asks for an ORDER BY. */
      orderMatters: z.boolean().default(false),
      /** Compare column names only when the statement names them. */
      checkColumnNames: z.boolean().default(false),
      /** Absolute tolerance for comparing numbers. */
      numericTolerance: z.number().min(0).default(1e-9),
    })
    .prefault({}),
  tests: z.array(SqlTest).min(1).max(50),
});

export const RestTest = TestBase.extend({
  /** The id of a test case exported by the tests module (`rest.testsFile`). */
  case: z.string().min(1).max(200),
});

export const RestEndpointManifest = z.object({
  ...Common,
  kind: z.literal('rest-endpoint'),
  rest: z
    .object({
      /** The language of the student's module; only CommonJS JavaScript so far (TypeScript will be another value). */
      language: z.enum(['javascript']).default('javascript'),
      /** The submitted module that exports createApp() (or the app itself). */
      entry: SubmittedPath.default('app.js'),
      /**
       * Package path of the instructor's CommonJS module: `module.exports = { '<case id>': async (t) => { ... } }`,
       * run inside the trusted harness against the student's app.
       */
      testsFile: PackagePath,
      /** Milliseconds from starting the student's app to its listening, on top of each test's own time. */
      startupTimeMs: z.number().int().min(100).max(LIMITS.exercise.startupTimeMsMax).default(LIMITS.exercise.startupTimeMs),
    }),
  tests: z.array(RestTest).min(1).max(50),
});

export const ExerciseManifest = z
  .discriminatedUnion('kind', [SqlQueryManifest, RestEndpointManifest])
  .superRefine((m, ctx) => {
    const sum = m.tests.reduce((total, t) => total + t.points, 0);
    if (sum !== m.maxScore) {
      ctx.addIssue({ code: 'custom', path: ['maxScore'], message: `maxScore is ${m.maxScore} but the tests' points add up to ${sum}` });
    }
    const names = new Set<string>();
    m.tests.forEach((t, i) => {
      if (names.has(t.name)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'name'], message: `duplicate test name ${JSON.stringify(t.name)}` });
      names.add(t.name);
    });
    const submitted = new Set(m.files.map((f) => f.path));
    for (const p of Object.keys(m.solution)) {
      if (!submitted.has(p)) ctx.addIssue({ code: 'custom', path: ['solution', p], message: `the solution names ${p}, which is not one of the student's files` });
    }
    for (const p of submitted) {
      if (!(p in m.solution)) ctx.addIssue({ code: 'custom', path: ['solution'], message: `the solution has no ${p}` });
    }
    if (m.kind === 'sql-query' && !submitted.has(m.sql.queryFile)) {
      ctx.addIssue({ code: 'custom', path: ['sql', 'queryFile'], message: `${m.sql.queryFile} is not one of the student's files` });
    }
    if (m.kind === 'rest-endpoint') {
      if (!submitted.has(m.rest.entry)) {
        ctx.addIssue({ code: 'custom', path: ['rest', 'entry'], message: `${m.rest.entry} is not one of the student's files` });
      }
      if (!/\.c?js$/.test(m.rest.entry)) {
        ctx.addIssue({ code: 'custom', path: ['rest', 'entry'], message: `${m.rest.entry} is not a JavaScript file (.js or .cjs)` });
      }
      const cases = new Set<string>();
      m.tests.forEach((t, i) => {
        if (cases.has(t.case)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'case'], message: `test case ${JSON.stringify(t.case)} is used by two tests` });
        cases.add(t.case);
      });
    }
    m.knownWrong?.forEach((w, i) => {
      if (w.maxScore >= m.maxScore) {
        ctx.addIssue({ code: 'custom', path: ['knownWrong', i, 'maxScore'], message: `a known-wrong solution must score below the exercise's maxScore (${m.maxScore}), not up to ${w.maxScore}` });
      }
    });
    const dirs = new Set<string>();
    [...(m.knownWrong ?? []), ...(m.alternatives ?? [])].forEach((s) => {
      if (dirs.has(s.dir)) ctx.addIssue({ code: 'custom', path: ['knownWrong'], message: `the solution folder ${s.dir} is listed twice` });
      dirs.add(s.dir);
    });
  });
export type ExerciseManifest = z.infer<typeof ExerciseManifest>;
export type ExerciseKind = ExerciseManifest['kind'];

/**
 * The submission a solution folder stands for: each student file read from `<dir>/<path>`.
 * Used for known-wrong and alternative solutions.
 */
export function solutionFolderFiles(manifest: ExerciseManifest, dir: string): Record<string, string> {
  return Object.fromEntries(manifest.files.map((f) => [f.path, `${dir}/${f.path}`]));
}

/** Every package file the manifest names, whatever its kind: the loader checks that each is in the package. */
export function referencedPackageFiles(manifest: ExerciseManifest): string[] {
  const byKind = manifest.kind === 'sql-query' ? manifest.tests.map((t) => t.dataset) : [manifest.rest.testsFile];
  const folders = [...(manifest.knownWrong ?? []), ...(manifest.alternatives ?? [])].flatMap((s) => Object.values(solutionFolderFiles(manifest, s.dir)));
  return [manifest.statement, ...manifest.files.map((f) => f.starter), ...Object.values(manifest.solution), ...byKind, ...folders];
}

/**
 * Wall time one test may take inside the sandbox, milliseconds: its own time, and for a web
 * app also the time the app gets to start listening (a fresh process per test).
 */
export function testWallTimeMs(manifest: ExerciseManifest): number {
  return manifest.limits.testTimeMs + (manifest.kind === 'rest-endpoint' ? manifest.rest.startupTimeMs : 0);
}
