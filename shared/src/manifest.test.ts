import { ExerciseManifest, referencedPackageFiles, testWallTimeMs } from './manifest';

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

  it('keeps a manifest without knownWrong or alternatives as it was (its bundle hash does not move)', () => {
    const m = ExerciseManifest.parse(valid);
    expect(m).not.toHaveProperty('knownWrong');
    expect(m).not.toHaveProperty('alternatives');
  });

  it('requires a known-wrong solution to score below the maximum', () => {
    const wrong = (maxScore: number) => ({ ...valid, knownWrong: [{ dir: 'wrong/off-by-one', maxScore, why: 'uses > instead of >=' }] });
    expect(messages(wrong(2))).toEqual([]);
    expect(messages(wrong(3))).toContain("a known-wrong solution must score below the exercise's maxScore (3), not up to 3");
  });

  it('refuses a solution folder listed twice', () => {
    const twice = { ...valid, knownWrong: [{ dir: 'x', maxScore: 1, why: 'y' }], alternatives: [{ dir: 'x' }] };
    expect(messages(twice)).toContain('the solution folder x is listed twice');
  });
});

const rest = {
  slug: 'rest-example',
  title: 'Example API',
  kind: 'rest-endpoint',
  files: [{ path: 'app.js', starter: 'starter/app.js' }],
  solution: { 'app.js': 'solution/app.js' },
  rest: { testsFile: 'tests/cases.js' },
  maxScore: 3,
  tests: [
    { name: 'lists', points: 1, case: 'lists' },
    { name: 'creates', points: 2, case: 'creates', visibility: 'hidden' },
  ],
  knownWrong: [{ dir: 'wrong/no-201', maxScore: 1, why: 'answers 200' }],
  alternatives: [{ dir: 'alternatives/router' }],
};

describe('the rest-endpoint manifest', () => {
  it('fills in the entry, the language and the startup time', () => {
    const m = ExerciseManifest.parse(rest);
    expect(m.kind === 'rest-endpoint' && m.rest).toEqual({ language: 'javascript', entry: 'app.js', testsFile: 'tests/cases.js', startupTimeMs: 3000 });
  });

  it("requires the entry to be one of the student's JavaScript files", () => {
    expect(messages({ ...rest, rest: { testsFile: 'tests/cases.js', entry: 'server.js' } })).toContain("server.js is not one of the student's files");
    const ts = { ...rest, files: [{ path: 'app.ts', starter: 's.ts' }], solution: { 'app.ts': 'x.ts' }, rest: { testsFile: 't.js', entry: 'app.ts' } };
    expect(messages(ts)).toContain('app.ts is not a JavaScript file (.js or .cjs)');
  });

  it('requires a test case id for every test, each used once', () => {
    expect(messages({ ...rest, tests: [{ name: 'a', points: 3 }] }).length).toBeGreaterThan(0);
    const reused = { ...rest, tests: [rest.tests[0], { ...rest.tests[1], case: 'lists' }] };
    expect(messages(reused)).toContain('test case "lists" is used by two tests');
  });

  it('names every package file it needs, solution folders included', () => {
    expect(referencedPackageFiles(ExerciseManifest.parse(rest)).sort()).toEqual(
      ['alternatives/router/app.js', 'solution/app.js', 'starter/app.js', 'statement.md', 'tests/cases.js', 'wrong/no-201/app.js'].sort(),
    );
  });

  it("gives each test its startup time on top of the test's own", () => {
    expect(testWallTimeMs(ExerciseManifest.parse(rest))).toBe(5000);
    expect(testWallTimeMs(ExerciseManifest.parse(valid))).toBe(2000);
  });
});
