import type { ExerciseManifest, SandboxInput, SandboxResult } from '../contracts';
import { COMMON_STUDENT_RUNNERS, type StudentRunner } from '../common/student-runner';
import { gradeTests } from './grade-tests';
import { graphqlEndpoint } from './graphql-endpoint/kind';
import { injectionPrevention } from './injection-prevention/kind';
import type { Kind, KindManifest } from './kind';
import { redisCache } from './redis-cache/kind';
import { restEndpoint } from './rest-endpoint/kind';
import { secureAuth } from './secure-auth/kind';
import { sqlQuery } from './sql-query/kind';
import { testWriting } from './test-writing/kind';

/** A kind of any manifest, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = Kind<any, any, any>;

/**
 * The kinds this image grades: registering a kind is its line here (see "Adding a kind" in
 * sandbox-images/node/README.md). The `satisfies` below fails to compile while a kind of the
 * shared manifest union has no plug-in.
 */
export const STANDARD_KINDS = [
  sqlQuery,
  restEndpoint,
  injectionPrevention,
  secureAuth,
  redisCache,
  graphqlEndpoint,
  testWriting,
] as const satisfies readonly AnyKind[];

// Every kind the shared manifest knows is registered.
type Unregistered = Exclude<ExerciseManifest['kind'], (typeof STANDARD_KINDS)[number]['name']>;
const everyKindRegistered: [Unregistered] extends [never] ? true : Unregistered = true;
void everyKindRegistered;

/**
 * Grades one submission with the plug-in of its manifest's kind, through the generic test
 * loop. Throws when no kind of `kinds` grades it (main.ts reports an internal error).
 */
export function runExercise(manifest: KindManifest, input: SandboxInput, kinds: readonly AnyKind[] = STANDARD_KINDS): Promise<SandboxResult> {
  const kind = kinds.find((k) => k.name === manifest.kind);
  if (!kind) throw new Error(`no kind ${JSON.stringify(manifest.kind)} is registered in this harness`);
  return gradeTests(kind, manifest, input);
}

/**
 * Every student-side program the image holds: the common ones and each kind's, by bundle
 * name (prepare-context.ts bundles them into CONTAINER_LAYOUT.runnerDir). Two kinds naming
 * one bundle differently is an error.
 */
export function studentRunnersOf(kinds: readonly AnyKind[]): StudentRunner[] {
  const byFile = new Map<string, StudentRunner>();
  for (const runner of [...COMMON_STUDENT_RUNNERS, ...kinds.flatMap((k) => k.studentRunners)]) {
    const known = byFile.get(runner.file);
    if (known && known.source !== runner.source) throw new Error(`two student runners are called ${runner.file}: ${known.source} and ${runner.source}`);
    byFile.set(runner.file, runner);
  }
  return [...byFile.values()];
}
