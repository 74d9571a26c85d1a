import { z } from 'zod';
import { languageOfFile, solutionFolderFiles, type Language, type ManifestKind, type WarmProfile } from './common';
import { LIMITS } from '../limits';
import { GRAPHQL_ENDPOINT_KIND } from './graphql-endpoint';
import { INJECTION_PREVENTION_KIND } from './injection-prevention';
import { REDIS_CACHE_KIND } from './redis-cache';
import { REST_ENDPOINT_KIND } from './rest-endpoint';
import { SECURE_AUTH_KIND } from './secure-auth';
import { SQL_QUERY_KIND } from './sql-query';
import { TEST_WRITING_KIND } from './test-writing';

export * from './common';
export * from './graphql-endpoint';
export * from './injection-prevention';
export * from './redis-cache';
export * from './rest-endpoint';
export * from './secure-auth';
export * from './sql-query';
export * from './test-writing';

/**
 * The kinds an exercise may be, one line each (see "Adding a kind" in sandbox-images/node/README.md).
 * The harness grades each with the plug-in of that name (sandbox-images/node/harness/src/kinds/registry.ts).
 */
export const MANIFEST_KINDS = [SQL_QUERY_KIND, REST_ENDPOINT_KIND, INJECTION_PREVENTION_KIND, SECURE_AUTH_KIND, REDIS_CACHE_KIND, GRAPHQL_ENDPOINT_KIND, TEST_WRITING_KIND] as const;

type SchemasOf<T extends readonly ManifestKind[]> = { -readonly [I in keyof T]: T[I]['schema'] };

/** Each kind's manifest schema (ManifestCommon, its `kind`, its section and its tests). */
export const KIND_MANIFESTS = MANIFEST_KINDS.map((kind) => kind.schema) as SchemasOf<typeof MANIFEST_KINDS>;

/** The contracts' record of a kind, by name; undefined for a kind only a harness knows (a test's plug-in). */
function findManifestKind(name: string): ManifestKind | undefined {
  return MANIFEST_KINDS.find((kind) => kind.schema.shape.kind.value === name) as ManifestKind | undefined;
}

/** The contracts' record of a kind the union parsed (so one of MANIFEST_KINDS). */
function manifestKind(name: string): ManifestKind {
  const found = findManifestKind(name);
  if (!found) throw new Error(`no manifest kind ${JSON.stringify(name)}`);
  return found;
}

export const ExerciseManifest = z
  .discriminatedUnion('kind', KIND_MANIFESTS)
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
    manifestKind(m.kind).check(m, submitted, ctx);
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


/** Every package file the manifest names, whatever its kind: the loader checks that each is in the package. */
export function referencedPackageFiles(manifest: ExerciseManifest): string[] {
  const byKind = manifestKind(manifest.kind).packageFiles(manifest);
  const folders = [...(manifest.knownWrong ?? []), ...(manifest.alternatives ?? [])].flatMap((s) => Object.values(solutionFolderFiles(manifest, s.dir)));
  return [manifest.statement, ...manifest.files.map((f) => f.starter), ...Object.values(manifest.solution), ...byKind, ...folders];
}

/**
 * Wall time one test may take inside the sandbox, milliseconds: its own time plus what its kind
 * adds (a web app's start and type check, a PostgreSQL engine's start; nothing for a kind the
 * contracts do not know, such as a test's plug-in).
 */
export function testWallTimeMs(manifest: ExerciseManifest): number {
  return manifest.limits.testTimeMs + (findManifestKind(manifest.kind)?.extraTestMs(manifest) ?? 0);
}

/**
 * The time one test's slot in the sandbox holds, milliseconds: its wall time as far as a busy
 * host may stretch it (LIMITS.exercise.starvedFactor, as a charged limit does). The worker sizes
 * the container's time from it and the harness plans its tests in it, so that a search late in
 * the plan is not cut short because the tests before it waited for a CPU (a correct query's
 * generated test was a time-out under stress-ng when the harness planned in plain wall time).
 */
export function testSlotMs(manifest: ExerciseManifest): number {
  return testWallTimeMs(manifest) * LIMITS.exercise.starvedFactor;
}

/** Files the student reads but does not submit (ManifestKind.givenFiles): shown path → package path. */
export function givenFilesOf(manifest: ExerciseManifest): Record<string, string> {
  return findManifestKind(manifest.kind)?.givenFiles?.(manifest) ?? {};
}

/** The language the student writes this exercise in (ManifestKind.language, else the first file's by its name). */
export function languageOf(manifest: ExerciseManifest): Language {
  return findManifestKind(manifest.kind)?.language?.(manifest) ?? languageOfFile(manifest.files[0]!.path);
}

/** What the submission runs on, in students' words (ManifestKind.environment), e.g. `['PostgreSQL 15']` or `['Node.js 20', 'Express 5']`. */
export function environmentOf(manifest: ExerciseManifest): string[] {
  return findManifestKind(manifest.kind)?.environment(manifest) ?? [];
}

/** What a warm container for this exercise should prepare (see WARM_PROFILES), or undefined: a plain one. */
export function warmProfileOf(manifest: ExerciseManifest): WarmProfile | undefined {
  const kind = findManifestKind(manifest.kind);
  return kind?.warmProfile?.(manifest);
}
