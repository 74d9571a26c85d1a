/**
 * The catalogue's references graded in the sandbox, per exercise and per kind: with the author's
 * fixed tests only (how every exercise was graded before generated checks: the baseline) and
 * whole (fixed tests plus generated checks). The ratio is what the generated checks cost; the
 * target is at most 2×. Both are measured in this run, alternately, so the machine's load of the
 * moment weighs on both alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { SANDBOX_PROTOCOL, type ExerciseManifest } from '@grader/contracts';
import { loadExerciseFolder } from '../api/src/exercises/exercise-package';
import { runSandbox } from '../worker/src/sandbox/run-sandbox';
import { REPO_ROOT } from '../tests/support/pipeline';
import { imageOf } from './sandbox-kinds';
import { median } from './stats';

/** Gradings of each reference in each form: three gives a median without taking all afternoon. */
const SAMPLES = 3;

/** A test the grader generates inputs for, whatever its kind names the rest of its fields. */
function isGenerated(test: object): boolean {
  return 'generated' in test && (test as { generated?: unknown }).generated !== undefined;
}

/**
 * The manifest as it would be with the author's fixed tests only. Its known-wrong solutions go
 * too: their bounds were set against the whole maxScore, and grading does not use them.
 */
function fixedOnly(manifest: ExerciseManifest): ExerciseManifest {
  const tests = manifest.tests.filter((t) => !isGenerated(t));
  return { ...manifest, tests, maxScore: tests.reduce((sum, t) => sum + t.points, 0), knownWrong: [] } as ExerciseManifest;
}

async function gradeMs(docker: Docker, manifest: ExerciseManifest, files: Record<string, string>, submission: Record<string, string>): Promise<number> {
  const input = { protocol: SANDBOX_PROTOCOL, manifest, exerciseFiles: files, submission } as const;
  const started = performance.now();
  const { result } = await runSandbox(docker, { image: imageOf(manifest), input, submissionId: 'bench-catalogue' });
  // A manifest the harness refuses grades nothing, fast: a baseline that would flatter every ratio.
  if (result.tests.length !== manifest.tests.length) throw new Error(`the reference of ${manifest.slug} got ${result.tests.length} test results for ${manifest.tests.length} tests: ${result.message}`);
  if (result.score !== result.maxScore) throw new Error(`the reference of ${manifest.slug} scored ${result.score} of ${result.maxScore}: ${result.message}`);
  return performance.now() - started;
}

/** Prints a line per exercise with generated checks and one per kind; returns nothing. */
export async function benchCatalogue(docker: Docker, say: (line: string) => void): Promise<void> {
  const byKind = new Map<string, { fixed: number[]; whole: number[] }>();
  const dirs = fs.readdirSync(path.join(REPO_ROOT, 'exercises'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const dir of dirs) {
    const pkg = loadExerciseFolder(path.join(REPO_ROOT, 'exercises', dir));
    const { manifest, files } = pkg;
    const reference = Object.fromEntries(Object.entries(manifest.solution).map(([submitted, packagePath]) => [submitted, files[packagePath]!]));
    const generated = manifest.tests.filter(isGenerated).length;
    if (generated === 0) {
      say(`  ${manifest.slug.padEnd(28)} no generated checks`);
      continue;
    }
    const fixed: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      fixed.push(await gradeMs(docker, fixedOnly(manifest), files, reference));
      whole.push(await gradeMs(docker, manifest, files, reference));
    }
    const kind = manifest.kind === 'sql-query' ? `sql-query (${manifest.sql.dialect})` : manifest.kind;
    const totals = byKind.get(kind) ?? { fixed: [], whole: [] };
    totals.fixed.push(median(fixed));
    totals.whole.push(median(whole));
    byKind.set(kind, totals);
    say(`  ${manifest.slug.padEnd(28)} fixed tests ${median(fixed).toFixed(0)} ms, with ${generated} generated ${median(whole).toFixed(0)} ms: ${(median(whole) / median(fixed)).toFixed(2)}×`);
  }
  for (const [kind, { fixed, whole }] of [...byKind].sort()) {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    say(`  kind ${kind.padEnd(23)} ${(sum(whole) / sum(fixed)).toFixed(2)}× the fixed tests' time (target at most 2×), ${fixed.length} exercises`);
  }
}
