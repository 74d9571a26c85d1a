import { ExerciseManifest, referencedPackageFiles, testWallTimeMs, warmProfileOf } from './manifest';
import { LIMITS } from './limits';
import { sampleManifestInput } from './testing/sample-manifest';

const valid = sampleManifestInput();

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
    expect(messages({ ...rest, tests: [{ name: 'a', points: 3 }] })).toContain('a test needs a case, or generated for a generated check');
    const reused = { ...rest, tests: [rest.tests[0], { ...rest.tests[1], case: 'lists' }] };
    expect(messages(reused)).toContain('test case "lists" is used by two tests');
  });

  it('takes a filter drawing from a field sent before (`from`), and refuses a `from` that names no field', () => {
    const model = (from: string) => ({
      extras: ['id', 'role'],
      operations: {
        create: { request: 'POST /products', body: { priceCents: 'integer', tags: { arrayOf: 'text' } } },
        list: { request: 'GET /products', query: { minPrice: { integer: { min: 0, from } }, tag: { oneOf: ['a'], from: 'tags' } } },
      },
    });
    expect(messages({ ...rest, rest: { ...rest.rest, model: model('priceCents') } })).toEqual([]);
    expect(messages({ ...rest, rest: { ...rest.rest, model: model('price') } })).toContain('from: price is no body or query field of any operation');
  });

  it('takes generated checks drawing on the operations of rest.model, with its defaults filled in', () => {
    const model = {
      operations: {
        create: { request: 'POST /books', body: { title: { text: { examples: ['Dune'] } }, year: 'integer' }, extras: ['id'] },
        show: { request: 'GET /books/:id' },
      },
    };
    const generated = { name: 'answers as the reference does', points: 3, generated: { operations: ['create', 'show'], runs: 30 } };
    const m = ExerciseManifest.parse({ ...rest, maxScore: 6, rest: { ...rest.rest, model }, tests: [...rest.tests, generated] });
    expect(m.kind === 'rest-endpoint' && m.rest.model).toMatchObject({ ids: ['id'], unknownIds: ['424242'], headers: [], errorBody: {}, either: [] });
    expect(m.tests[2]).toMatchObject({ generated: { operations: ['create', 'show'], runs: 30, length: 8 } });
    const withModel = { ...rest, maxScore: 6, rest: { ...rest.rest, model } };
    expect(messages({ ...withModel, tests: [...rest.tests, { ...generated, generated: { operations: ['remove'] } }] })).toContain('remove is not an operation of rest.model (it has create, show)');
    expect(messages({ ...rest, maxScore: 6, tests: [...rest.tests, generated] })).toContain('a generated check needs rest.model');
    expect(messages({ ...withModel, tests: [...rest.tests, { ...generated, case: 'lists' }] })).toContain('a generated check has no case of its own');
    expect(messages({ ...withModel, rest: { ...rest.rest, model: { operations: { show: { request: 'GET /books/:id', body: { x: 'text' } } } } } })).toContain('GET requests carry no body');
    expect(messages({ ...withModel, rest: { ...rest.rest, model: { operations: { x: { request: 'FETCH /books' } } } } }).length).toBeGreaterThan(0);
    expect(messages({ ...withModel, rest: { ...rest.rest, model: { operations: { x: { request: 'GET /books', query: { q: 'colour' } } } } } }).length).toBeGreaterThan(0);
    expect(messages({ ...withModel, tests: [...rest.tests, { ...generated, generated: { operations: ['create'], runs: 1_000_000 } }] }).length).toBeGreaterThan(0);
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

describe('the postgres dialect', () => {
  const pg = { ...valid, sql: { dialect: 'postgres' }, limits: { memoryMb: 768 } };

  it('is a dialect of sql-query', () => {
    const m = ExerciseManifest.parse(pg);
    expect(m.kind === 'sql-query' && m.sql.dialect).toBe('postgres');
  });

  it('needs the memory of a PostgreSQL engine', () => {
    expect(messages({ ...pg, limits: { memoryMb: 256 } }).join()).toMatch(/at least 512/);
  });

  it("gives each test the engine's start-up time on top of the test's own", () => {
    expect(testWallTimeMs(ExerciseManifest.parse(pg))).toBe(2000 + LIMITS.exercise.postgresStartupMs);
  });

  it('asks for warm containers of the postgres profile, which start both engines ahead; SQLite for plain ones', () => {
    expect(warmProfileOf(ExerciseManifest.parse(pg))).toBe('postgres');
    expect(warmProfileOf(ExerciseManifest.parse({ ...pg, sql: { dialect: 'sqlite' } }))).toBeUndefined();
  });

  it('refuses an unknown dialect', () => {
    expect(messages({ ...valid, sql: { dialect: 'mysql' } }).length).toBeGreaterThan(0);
  });
});

describe('rest-endpoint in TypeScript', () => {
  const ts = { ...rest, files: [{ path: 'app.ts', starter: 'starter/app.ts' }], solution: { 'app.ts': 'solution/app.ts' }, rest: { testsFile: 'tests/cases.js', entry: 'app.ts', language: 'typescript' }, knownWrong: [], alternatives: [] };

  it('takes a .ts entry', () => {
    expect(messages(ts)).toEqual([]);
    expect(testWallTimeMs(ExerciseManifest.parse(ts))).toBe(2000 + 3000 + 10_000);
  });

  it('gives a Python app the time its imports take again in every generated sequence', () => {
    const py = { ...ts, runtime: 'python', files: [{ path: 'app.py', starter: 'starter/app.py' }], solution: { 'app.py': 'solution/app.py' }, rest: { ...ts.rest, entry: 'app.py', language: 'python' } };
    expect(messages(py)).toEqual([]);
    expect(testWallTimeMs(ExerciseManifest.parse(py))).toBe(2000 + 3000 + LIMITS.exercise.pythonAppTestMs);
  });

  it('refuses a .js entry for TypeScript', () => {
    expect(messages({ ...ts, files: [{ path: 'app.js', starter: 's.js' }], solution: { 'app.js': 'x.js' }, rest: { ...ts.rest, entry: 'app.js' } })).toContain('app.js is not a TypeScript file (.ts or .cts)');
  });
});

const injection = {
  slug: 'inject-example',
  title: 'Example repository',
  kind: 'injection-prevention',
  files: [{ path: 'repository.js', starter: 'starter/repository.js' }],
  solution: { 'repository.js': 'solution/repository.js' },
  injection: { database: 'datasets/shop.sql', functions: { findUser: ['username', 'password'], listProducts: ['sortColumn', 'direction'] }, secrets: ['hash-of-alice'] },
  maxScore: 3,
  tests: [
    { name: 'finds alice', points: 1, calls: [{ fn: 'findUser', args: { username: 'alice', password: 'pw' } }] },
    { name: 'a tautology', points: 2, payload: { class: 'tautology', in: 'username' }, calls: [{ fn: 'findUser', args: { username: "' OR '1'='1", password: 'x' } }], visibility: 'hidden' },
  ],
};

describe('the injection-prevention manifest', () => {
  it('fills in the module name and the secrets', () => {
    const m = ExerciseManifest.parse(injection);
    expect(m.kind === 'injection-prevention' && m.injection.module).toBe('repository.js');
    expect(referencedPackageFiles(m)).toContain('datasets/shop.sql');
  });

  it('requires every call to name a declared function and its parameters', () => {
    const unknown = { ...injection, tests: [{ name: 'x', points: 3, calls: [{ fn: 'dropAll' }] }] };
    expect(messages(unknown)).toContain('dropAll is not declared in injection.functions');
    const badArg = { ...injection, tests: [{ name: 'x', points: 3, calls: [{ fn: 'findUser', args: { user: 'a' } }] }] };
    expect(messages(badArg)).toContain('findUser has no parameter user (it has username, password)');
  });

  it('requires the payload to go in a parameter of the calls, or in a field (table.column) the setup stores it in', () => {
    const t = { ...injection.tests[1], payload: { class: 'tautology', in: 'sortColumn' }, points: 3 };
    expect(messages({ ...injection, tests: [t] })).toContain('the payload goes in sortColumn, which no call of this test has as a parameter (or a stored field, table.column, that its setup writes)');
    const stored = { ...injection.tests[1], payload: { class: 'second-order', in: 'users.username' }, points: 3 };
    expect(messages({ ...injection, tests: [stored] })).toContain('the payload is stored in users.username, but the test has no setup to store it');
    expect(messages({ ...injection, tests: [{ ...stored, setup: "INSERT INTO users (username) VALUES ('x'' OR 1=1 --')" }] })).toEqual([]);
  });

  it('takes a generated check instead of calls, its attack naming declared functions and parameters, its budgets within LIMITS', () => {
    const generated = { name: 'resists generated attacks', points: 3, generated: { attack: { findUser: ['username'] }, runs: 50, timeMs: 4000 } };
    const m = ExerciseManifest.parse({ ...injection, tests: [generated] });
    expect(m.tests[0]).toMatchObject({ generated: { attack: { findUser: ['username'] }, runs: 50 } });
    expect(messages({ ...injection, tests: [{ ...generated, generated: { attack: { dropAll: ['x'] } } }] })).toContain('dropAll is not declared in injection.functions');
    expect(messages({ ...injection, tests: [{ ...generated, generated: { attack: { findUser: ['user'] } } }] })).toContain('findUser has no parameter user (it has username, password)');
    expect(messages({ ...injection, tests: [{ ...generated, generated: { values: { colour: ['red'] } } }] })).toContain('no declared function has a parameter colour');
    expect(messages({ ...injection, tests: [{ ...generated, generated: { runs: 1_000_000 } }] }).length).toBeGreaterThan(0);
    expect(messages({ ...injection, tests: [{ ...generated, calls: [{ fn: 'findUser' }] }] })).toContain('a generated check has no calls, setup or payload of its own');
    expect(messages({ ...injection, tests: [{ name: 'x', points: 3 }] })).toContain('a test needs calls, or generated for a generated check');
  });

  it('refuses an unknown payload class and a module that is not a student file', () => {
    const t = { ...injection.tests[1], payload: { class: 'xss', in: 'username' }, points: 3 };
    expect(messages({ ...injection, tests: [t] }).length).toBeGreaterThan(0);
    expect(messages({ ...injection, injection: { ...injection.injection, module: 'repo.js' } })).toContain("repo.js is not one of the student's files");
  });

  it('takes a Python module in the python runtime only, and gives its tests the time a Python runner needs', () => {
    const python = { ...injection, runtime: 'python', files: [{ path: 'repository.py', starter: 'starter/repository.py' }], solution: { 'repository.py': 'solution/repository.py' }, injection: { ...injection.injection, module: 'repository.py' } };
    expect(messages(python)).toEqual([]);
    expect(testWallTimeMs(ExerciseManifest.parse(python))).toBe(2000 + LIMITS.exercise.pythonInjectionTestMs);
    expect(testWallTimeMs(ExerciseManifest.parse(injection))).toBe(2000);
    expect(messages({ ...python, runtime: 'node' })).toContain('a Python module runs in the python runtime: set runtime: python');
    const ruby = { ...python, files: [{ path: 'repository.rb', starter: 's.rb' }], solution: { 'repository.rb': 'x.rb' }, injection: { ...python.injection, module: 'repository.rb' } };
    expect(messages(ruby)).toContain('repository.rb is not a JavaScript file (.js or .cjs) or a Python one (.py)');
  });
});
