import { ExerciseManifest } from './manifest';

const valid = {
  slug: 'sql-example',
  title: 'Example',
  kind: 'sql-query',
  files: [{ path: 'query.sql', starter: 'starter/query.sql' }],
  solution: { 'query.sql': 'solution/query.sql' },
  maxScore: 3,
  tests: [
    { name: 'a', points: 1, dataset: 'datasets/a.sql' },
    { name: 'b', points: 2, dataset: 'datasets/b.sql', visibility: 'hidden' },
  ],
};

const messages = (input: unknown) => {
  const parsed = ExerciseManifest.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('the exercise manifest', () => {
  it('fills in defaults for limits, runtime, visibility and SQL options', () => {
    const m = ExerciseManifest.parse(valid);
    expect(m.limits).toEqual({ testTimeMs: 2000, memoryMb: 256 });
    expect(m.runtime).toBe('node');
    expect(m.tests[0]!.visibility).toBe('visible');
    expect(m.kind === 'sql-query' && m.sql).toEqual({ dialect: 'sqlite', queryFile: 'query.sql', orderMatters: false, checkColumnNames: false, numericTolerance: 1e-9 });
  });

  it('requires maxScore to equal the sum of the points', () => {
    expect(messages({ ...valid, maxScore: 4 })).toContain("maxScore is 4 but the tests' points add up to 3");
  });

  it('refuses two tests with the same name', () => {
    expect(messages({ ...valid, tests: [valid.tests[0], { ...valid.tests[1], name: 'a' }] })).toContain('duplicate test name "a"');
  });

  it('requires the solution to cover exactly the student files', () => {
    expect(messages({ ...valid, solution: {} })).toContain('the solution has no query.sql');
    expect(messages({ ...valid, solution: { 'query.sql': 's.sql', 'x.sql': 'x.sql' } })).toContain("the solution names x.sql, which is not one of the student's files");
  });

  it('refuses unsafe package paths and slugs', () => {
    expect(messages({ ...valid, slug: 'Bad Slug' }).length).toBeGreaterThan(0);
    expect(messages({ ...valid, tests: [{ ...valid.tests[0], dataset: '../../etc/passwd', points: 3 }] }).join()).toMatch(/goes up/);
  });

  it('refuses limits outside the product’s bounds', () => {
    expect(messages({ ...valid, limits: { testTimeMs: 10 } }).length).toBeGreaterThan(0);
    expect(messages({ ...valid, limits: { memoryMb: 100_000 } }).length).toBeGreaterThan(0);
  });

  it('refuses an unknown kind', () => {
    expect(messages({ ...valid, kind: 'cobol' }).length).toBeGreaterThan(0);
  });
});
