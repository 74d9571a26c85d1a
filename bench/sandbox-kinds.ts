/**
 * One grading per kind in the sandbox, three ways, in one run: the harness's own time (it
 * reports it: SandboxResult.durationMs, the floor), a run in a warm container from the pool,
 * and a run in a container started for it (cold). Also the pairs issue 13 compares: the same
 * SQL query and datasets on PostgreSQL and on SQLite, and the same REST app in TypeScript and
 * in JavaScript (the reference transpiled by esbuild, types stripped, graded by the same tests).
 */
import path from 'node:path';
import type Docker from 'dockerode';
import { transformSync } from 'esbuild';
import { SANDBOX_PROTOCOL, warmProfileOf, type ExerciseManifest } from '@grader/contracts';
import { loadExerciseFolder } from '../api/src/exercises/exercise-package';
import { runSandbox } from '../worker/src/sandbox/run-sandbox';
import { WarmPool } from '../worker/src/sandbox/warm-pool';
import { REPO_ROOT } from '../tests/support/pipeline';
import { until } from '../tests/support/wait';
import { median } from './stats';

const PREFIX = process.env.GRADER_SANDBOX_IMAGE_PREFIX ?? 'grader-sandbox-';
/** The node runtime's image: the same name as the tests use (GRADER_SANDBOX_IMAGE_PREFIX, for a second checkout beside this one). */
export const IMAGE = `${PREFIX}node`;
/** The image of an exercise's runtime (`grader-sandbox-python` for a Python app). */
export const imageOf = (manifest: ExerciseManifest): string => `${PREFIX}${manifest.runtime}`;

export interface GradingCase {
  label: string;
  manifest: ExerciseManifest;
  files: Record<string, string>;
  submission: Record<string, string>;
}

export interface KindFigures {
  /** Medians, milliseconds. */
  harnessMs: number;
  warmMs: number;
  coldMs: number;
  /** The median of each warm sample's time beyond its own harness's (not of two medians of different samples), milliseconds. */
  overheadMs: number;
}

/** An exercise of the catalogue with its reference solution as the submission. */
export function catalogueCase(slug: string, label = slug): GradingCase {
  const { manifest, files } = loadExerciseFolder(path.join(REPO_ROOT, 'exercises', slug));
  const submission = Object.fromEntries(Object.entries(manifest.solution).map(([submitted, packagePath]) => [submitted, files[packagePath]!]));
  return { label, manifest, files, submission };
}

/** Functions of SQLite's dialect a catalogue dataset may use that PostgreSQL lacks. */
const SQLITE_ONLY = /\b(printf|randomblob|julianday|strftime|zeroblob)\s*\(/i;

/**
 * The same query and datasets on SQLite and on PostgreSQL: the SQLite case's tests
 * whose datasets both engines load (a dataset generating rows with printf, say, is SQLite's
 * alone), then the dialect changed. Both graded by the same tests, so the ratio is the engines'.
 */
export function onBothEngines(sqlite: GradingCase): { sqlite: GradingCase; postgres: GradingCase } {
  const manifest = sqlite.manifest as Extract<ExerciseManifest, { kind: 'sql-query' }>;
  const tests = manifest.tests.filter((t) => !('dataset' in t && t.dataset && SQLITE_ONLY.test(sqlite.files[t.dataset] ?? '')));
  const shared = { ...manifest, tests, maxScore: tests.reduce((sum, t) => sum + t.points, 0), knownWrong: [] };
  return {
    sqlite: { ...sqlite, label: `${sqlite.label}, datasets both engines load`, manifest: shared as ExerciseManifest },
    postgres: {
      ...sqlite,
      label: `${sqlite.label} on PostgreSQL`,
      manifest: { ...shared, sql: { ...manifest.sql, dialect: 'postgres' }, limits: { ...manifest.limits, memoryMb: 640 } } as ExerciseManifest,
    },
  };
}

/** The same REST app in JavaScript: each .ts file of the reference transpiled, the manifest pointing at the .js files. */
export function inJavaScript(typescript: GradingCase): GradingCase {
  const manifest = typescript.manifest as Extract<ExerciseManifest, { kind: 'rest-endpoint' }>;
  const js = (file: string) => file.replace(/\.ts$/, '.js');
  const transpile = (source: string) => transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20' }).code;
  const files = { ...typescript.files };
  for (const packagePath of Object.values(manifest.solution)) files[js(packagePath)] = transpile(typescript.files[packagePath]!);
  for (const file of manifest.files) files[js(file.starter)] = transpile(typescript.files[file.starter]!);
  return {
    label: `${typescript.label}, as JavaScript`,
    manifest: {
      ...manifest,
      files: manifest.files.map((f) => ({ ...f, path: js(f.path), starter: js(f.starter) })),
      solution: Object.fromEntries(Object.entries(manifest.solution).map(([submitted, packagePath]) => [js(submitted), js(packagePath)])),
      rest: { ...manifest.rest, language: 'javascript', entry: js(manifest.rest.entry) },
    } as ExerciseManifest,
    files,
    submission: Object.fromEntries(Object.entries(typescript.submission).map(([submitted, source]) => [js(submitted), transpile(source)])),
  };
}

/** Grades `c` once; throws unless the reference got full marks (a refused manifest grades fast and flatters every ratio). */
async function gradeOnce(docker: Docker, c: GradingCase, pool?: WarmPool): Promise<{ totalMs: number; harnessMs: number; warm: boolean }> {
  const input = { protocol: SANDBOX_PROTOCOL, manifest: c.manifest, exerciseFiles: c.files, submission: c.submission } as const;
  const started = performance.now();
  const run = await runSandbox(docker, { image: imageOf(c.manifest), input, submissionId: 'bench-kinds' }, pool);
  const totalMs = performance.now() - started;
  const { result } = run;
  if (result.score !== result.maxScore || result.tests.length !== c.manifest.tests.length) {
    throw new Error(`${c.label}: the reference scored ${result.score} of ${result.maxScore} (${result.verdict}): ${result.message}`);
  }
  return { totalMs, harnessMs: result.durationMs ?? NaN, warm: run.warm };
}

/**
 * Medians of `samples` gradings of each case of `group`, warm and cold alternately, the cases
 * taking turns sample by sample: the two sides of a ratio (PostgreSQL ÷ SQLite, TypeScript ÷
 * JavaScript) are then measured in the same minutes, and the machine's drift over a block of
 * one case's samples does not go into it (a run that measured them one after the other gave
 * PostgreSQL ÷ SQLite 1.99 on a machine slowing down, 1.26 in the run before). Before each warm
 * grading the pool is given time to have a container whose harness waits for its input with
 * its profile prepared (WarmPool.preparedIds: the postgres profile's two engines started, the
 * typescript profile's declarations parsed): the pool's refill is off the critical path, and a
 * container that waited for its submission has done both, which is what the figure is about.
 */
export async function measureCases(docker: Docker, pool: WarmPool, group: readonly GradingCase[], samples: number): Promise<KindFigures[]> {
  const runs = group.map(() => ({ warm: [] as number[], cold: [] as number[], harness: [] as number[] }));
  for (const c of group) {
    // At the exercise's memory, as the pool's replacements are once one such submission took a container.
    pool.keepWarm(imageOf(c.manifest), warmProfileOf(c.manifest), c.manifest.limits.memoryMb);
    await gradeOnce(docker, c); // the first run of a kind loads files into the page cache
  }
  for (let i = 0; i < samples; i++) {
    for (const [k, c] of group.entries()) {
      const profile = warmProfileOf(c.manifest);
      // A full pool, as a submission that comes after a pause finds it (the replacement of the one
      // taken then starts after its run: warm-pool.ts).
      await until(async () => pool.preparedIds(imageOf(c.manifest), profile).length >= pool.size, 60_000, 'a full pool of warm containers, prepared');
      const w = await gradeOnce(docker, c, pool);
      if (!w.warm) throw new Error(`${c.label}: the pool had no container ready`);
      runs[k]!.warm.push(w.totalMs);
      runs[k]!.harness.push(w.harnessMs);
      runs[k]!.cold.push((await gradeOnce(docker, c)).totalMs);
    }
  }
  return runs.map(({ warm, cold, harness }) => ({
    harnessMs: median(harness),
    warmMs: median(warm),
    coldMs: median(cold),
    overheadMs: median(warm.map((w, i) => w - harness[i]!)),
  }));
}
