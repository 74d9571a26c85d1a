import { z } from 'zod';
import { LIMITS } from '../limits';
import { SubmittedPath } from '../submitted-files';

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

/** A path inside the exercise package: the same rules as a submitted path. */
export const PackagePath = SubmittedPath;

export const TestBase = z.object({
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

/** The fields every kind's manifest has, beside its `kind`, its own section and its tests. */
export const ManifestCommon = {
  slug: Slug,
  title: z.string().min(1).max(200),
  /**
   * The sandbox image, `sandbox-images/<runtime>`: `node`, or `python` (the node image with
   * Python 3.11, Flask, FastAPI and SQLAlchemy added, so every kind grades there too).
   */
  runtime: z.enum(['node', 'python']).default('node'),
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

/**
 * The submission a solution folder stands for: each student file read from `<dir>/<path>`.
 * Used for known-wrong and alternative solutions.
 */
export function solutionFolderFiles(manifest: { files: ReadonlyArray<{ path: string }> }, dir: string): Record<string, string> {
  return Object.fromEntries(manifest.files.map((f) => [f.path, `${dir}/${f.path}`]));
}


/**
 * What the contracts know of one exercise kind: its manifest schema and what the union needs
 * from it. A kind's file exports one of these; `MANIFEST_KINDS` in index.ts lists them, one line
 * each.
 */
export interface ManifestKind<S extends z.ZodObject = z.ZodObject> {
  schema: S;
  /** Checks across fields that the schema alone cannot make (`submitted`: the student's file paths). */
  check(manifest: z.infer<S>, submitted: Set<string>, ctx: z.RefinementCtx): void;
  /** Package files the kind's own section names (datasets, a tests module, a database script). */
  packageFiles(manifest: z.infer<S>): string[];
  /** Wall time a test takes beyond its `testTimeMs` inside the sandbox, milliseconds (an app's start, an engine's). */
  extraTestMs(manifest: z.infer<S>): number;
  /**
   * What a warm sandbox container should prepare for this exercise before its submission
   * arrives (WARM_PROFILES), or undefined for nothing beyond the harness itself.
   */
  warmProfile?(manifest: z.infer<S>): WarmProfile | undefined;
  /**
   * What the submission runs on, as students name it (STACK's words), shown on the exercise's
   * card and above its editor: which SQL dialect, which runtime and framework.
   */
  environment(manifest: z.infer<S>): string[];
  /** The language the student writes in, shown beside the exercise; by the first file's name when absent. */
  language?(manifest: z.infer<S>): Language;
  /**
   * Files the student reads but does not submit, shown beside the statement: path as the
   * student sees it → package path (test-writing's module under test). None when absent.
   */
  givenFiles?(manifest: z.infer<S>): Record<string, string>;
}

/**
 * The parts of a submission's stack in the words students know, with the versions the sandbox
 * images install (sandbox-images/<runtime>/runtime.json and Dockerfile): a query written for
 * PostgreSQL 15 may not run on SQLite, and a student should know which before writing it.
 */
export const STACK = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL 15',
  node: 'Node.js 20',
  express: 'Express 5',
  typescript: 'TypeScript 5.9',
  python: 'Python 3.11',
  pythonWeb: 'Flask 2.2 or FastAPI 0.92',
  redis: 'Redis 7',
  graphqlJs: 'graphql-js 16',
  graphene: 'Graphene 2',
  jest: 'Jest',
  pytest: 'pytest',
} as const;

/** A web app's stack (rest-endpoint, secure-auth, redis-cache): Express on Node, or Flask/FastAPI on Python. */
export function webAppStack(language: Language): string[] {
  if (language === 'python') return [STACK.python, STACK.pythonWeb];
  return language === 'typescript' ? [STACK.typescript, STACK.node, STACK.express] : [STACK.node, STACK.express];
}

/** The languages student files are written in, as the exercise list and the editor name them. */
export const LANGUAGES = ['sql', 'javascript', 'typescript', 'python', 'text'] as const;
export type Language = (typeof LANGUAGES)[number];
/** How people name each language. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { sql: 'SQL', javascript: 'JavaScript', typescript: 'TypeScript', python: 'Python', text: 'Text' };

/** A file's language by its name's extension (`text` for any other). */
export function languageOfFile(file: string): Language {
  if (/\.sql$/i.test(file)) return 'sql';
  if (/\.[cm]?ts$/i.test(file)) return 'typescript';
  if (/\.[cm]?js$/i.test(file)) return 'javascript';
  if (/\.py$/i.test(file)) return 'python';
  return 'text';
}

/**
 * What a warm sandbox container's harness prepares while it waits (GRADER_WARM_PROFILE in its environment):
 * `typescript` loads the compiler and parses the declarations a TypeScript app is checked
 * against; `postgres` starts the student's and the reference's PostgreSQL engines. A profile
 * is worth a pool of its own only where the preparation is large and the kind frequent;
 * every other exercise takes a plain warm container.
 */
export const WARM_PROFILES = ['typescript', 'postgres'] as const;
export type WarmProfile = (typeof WARM_PROFILES)[number];
