import { z } from 'zod';
import { LIMITS } from '../limits';
import { solutionFolderFiles } from './common';
import { checkInjection, InjectionPreventionManifest } from './injection-prevention';
import { checkRestEndpoint, RestEndpointManifest } from './rest-endpoint';
import { checkSqlQuery, SqlQueryManifest } from './sql-query';

export * from './common';
export * from './injection-prevention';
export * from './rest-endpoint';
export * from './sql-query';

/**
 * Each kind's manifest schema (ManifestCommon, its `kind`, its section and its tests): the
 * kinds an exercise may be. The harness grades each with the plug-in of that name
 * (sandbox-images/node/harness/src/kinds/registry.ts).
 */
export const KIND_MANIFESTS = [SqlQueryManifest, RestEndpointManifest, InjectionPreventionManifest] as const;

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
    if (m.kind === 'sql-query') checkSqlQuery(m, submitted, ctx);
    if (m.kind === 'rest-endpoint') checkRestEndpoint(m, submitted, ctx);
    if (m.kind === 'injection-prevention') checkInjection(m, submitted, ctx);
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
  const byKind =
    manifest.kind === 'sql-query' ? manifest.tests.flatMap((t) => [t.dataset ?? [], t.generated?.schema ?? []].flat()) : manifest.kind === 'rest-endpoint' ? [manifest.rest.testsFile] : [manifest.injection.database];
  const folders = [...(manifest.knownWrong ?? []), ...(manifest.alternatives ?? [])].flatMap((s) => Object.values(solutionFolderFiles(manifest, s.dir)));
  return [manifest.statement, ...manifest.files.map((f) => f.starter), ...Object.values(manifest.solution), ...byKind, ...folders];
}

/**
 * Wall time one test may take inside the sandbox, milliseconds: its own time, for a web app
 * also the time the app gets to start listening (a fresh process per test), for PostgreSQL
 * the time a database engine takes to start (a query that ran out of time takes its engine
 * with it, so the next test may start another), and for TypeScript the type check, counted
 * per test so that the total stays a plain product.
 */
export function testWallTimeMs(manifest: ExerciseManifest): number {
  let ms = manifest.limits.testTimeMs;
  if (manifest.kind === 'rest-endpoint') ms += manifest.rest.startupTimeMs;
  if (manifest.kind === 'rest-endpoint' && manifest.rest.language === 'typescript') ms += LIMITS.exercise.typeCheckMs;
  if (manifest.kind === 'sql-query' && manifest.sql.dialect === 'postgres') ms += LIMITS.exercise.postgresStartupMs;
  return ms;
}
