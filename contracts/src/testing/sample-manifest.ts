import { ExerciseManifest } from '../manifest';

/**
 * A small sql-query manifest for unit tests, as an author writes it (before defaults):
 * query.sql with a starter and a reference, one visible test of 1 point and one hidden of 2.
 * Each test overrides only what it is about. Not exported by the package's index: it is for
 * tests only.
 */
export function sampleManifestInput(overrides: Record<string, unknown> = {}) {
  return {
    slug: 'demo',
    title: 'Demo',
    kind: 'sql-query',
    files: [{ path: 'query.sql', starter: 'starter.sql' }],
    solution: { 'query.sql': 'solution.sql' },
    maxScore: 3,
    tests: [
      { name: 'a', points: 1, dataset: 'a.sql' },
      { name: 'b', points: 2, dataset: 'b.sql', visibility: 'hidden' },
    ],
    ...overrides,
  };
}

/** The same, parsed: defaults applied. */
export function sampleManifest(overrides: Record<string, unknown> = {}): ExerciseManifest {
  return ExerciseManifest.parse(sampleManifestInput(overrides));
}

/** One visible test of 1 point, for tests about a single test's outcome. */
export const ONE_TEST = { maxScore: 1, tests: [{ name: 'one', points: 1, dataset: 'data.sql' }] };
