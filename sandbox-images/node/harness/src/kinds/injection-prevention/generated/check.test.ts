/**
 * The generated checks of the catalogue's injection exercises, run in this process: the
 * reference against itself, every alternative and every known-wrong solution, with the
 * student's side calling the module here instead of in a sandboxed runner (the runner's own
 * protocol has its tests in student/injection-runner.test.ts). What the sandbox adds (a process
 * per submission, the student's uid, limits) does not change what is compared.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ExerciseManifest } from '../../../contracts';
import { loadExerciseFolder } from '../../../../../../../api/src/exercises/exercise-package';
import { buildDatabase } from '../../../common/sqlite-dataset';
import { boundSqlTexts, callOutcome, markDatabaseErrorText, type CallOutcome } from '../call-outcome';
import type { InjectionCase } from '../runner-protocol';
import { installSqlTracer, type SqlTracer } from '../sql-trace';
import { runGeneratedCheck, type CheckOutcome, type GeneratedCheck } from './check';
import { markerOf, prepareContext } from './context';
import { PASSED } from '../judge';
import { JavaScriptReference } from '../reference';
import { resetDatabase, type StudentRun, type StudentSide } from './student-side';

type InjectionManifest = Extract<ExerciseManifest, { kind: 'injection-prevention' }>;

const EXERCISES = path.resolve(__dirname, '../../../../../../../exercises');

let tracer: SqlTracer;
let work: string;

beforeAll(() => {
  const db = new Database(':memory:');
  tracer = installSqlTracer(db, Database.SqliteError);
  db.close();
  // A tmpfs where there is one, as in the sandbox: a database copied per case costs microseconds there.
  work = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'generated-check-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The student's module, called in this process on one Database object reset between cases, as the runner's session does. */
class InProcessStudent implements StudentSide {
  private db: Database.Database | undefined;
  constructor(
    private readonly exported: Record<string, unknown>,
    private readonly functions: Record<string, string[]>,
    private readonly file: string,
  ) {}

  private cases = 0;

  async run(initial: string, next: InjectionCase): Promise<StudentRun> {
    resetDatabase(initial, this.file, ++this.cases);
    this.db ??= new Database(this.file, { fileMustExist: true });
    this.db.defaultSafeIntegers(false);
    const outcomes: CallOutcome[] = [];
    const sql: string[][] = [];
    for (const call of next.calls) {
      tracer.begin();
      const outcome = await callOutcome(this.exported[call.fn], [this.db, ...call.args.map((a) => ('value' in a ? a.value : undefined))], 256 * 1024, (err) => tracer.isDatabaseError(err));
      const trace = tracer.end();
      outcomes.push(markDatabaseErrorText(outcome, trace.engineErrors));
      sql.push(boundSqlTexts(trace.sql, next.markers));
    }
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    void this.functions;
    return { kind: 'report', outcomes, sql, database: this.file };
  }

  async close(): Promise<void> {
    this.db?.close();
  }
}

const packages = new Map<string, ReturnType<typeof loadExerciseFolder>>();
function exercise(slug: string): { manifest: InjectionManifest; dir: string; base: string } {
  const dir = path.join(EXERCISES, slug);
  if (!packages.has(slug)) packages.set(slug, loadExerciseFolder(dir));
  const manifest = packages.get(slug)!.manifest as InjectionManifest;
  const base = path.join(work, `${slug}.sqlite`);
  if (!existsSync(base)) buildDatabase(base, packages.get(slug)!.files[manifest.injection.database]!, manifest.injection.database);
  return { manifest, dir, base };
}

async function check(slug: string, testName: string, solutionDir: string): Promise<CheckOutcome> {
  const { manifest, dir, base } = exercise(slug);
  const test = manifest.tests.find((t) => t.name === testName);
  if (!test?.generated) throw new Error(`${slug} has no generated check ${testName}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reference = require(path.join(dir, manifest.solution[manifest.injection.module]!)) as Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const submitted = require(path.join(dir, solutionDir, manifest.injection.module)) as Record<string, unknown>;
  const caseDir = mkdtempSync(path.join(work, 'case-'));
  const student = new InProcessStudent(submitted, manifest.injection.functions, path.join(caseDir, 'case.sqlite'));
  try {
    return await runGeneratedCheck({ slug, test: test as typeof test & { generated: NonNullable<typeof test.generated> }, manifest, reference: new JavaScriptReference(reference), baseDatabase: base, workDir: caseDir, student, budgetMs: 60_000 });
  } finally {
    await student.close();
  }
}

function generatedTests(slug: string): string[] {
  return exercise(slug).manifest.tests.filter((t) => t.generated).map((t) => t.name);
}

const SLUGS = ['inject-login-lookup', 'inject-product-search', 'inject-sortable-listing', 'inject-second-order'];

describe.each(SLUGS)('the generated checks of %s', (slug) => {
  it('has some', () => {
    expect(generatedTests(slug).length).toBeGreaterThan(0);
  });

  it('find no difference between the reference and itself, nor any alternative', async () => {
    const { manifest } = exercise(slug);
    const solutions = [path.dirname(manifest.solution[manifest.injection.module]!), ...(manifest.alternatives ?? []).map((a) => a.dir)];
    for (const name of generatedTests(slug)) {
      for (const dir of solutions) {
        const outcome = await check(slug, name, dir);
        expect({ dir, name, status: outcome.judgement.status, message: outcome.judgement.visible }).toEqual({ dir, name, status: 'passed', message: 'passed' });
        expect(outcome.runs).toBeGreaterThan(0);
      }
    }
  }, 120_000);
});

describe('known-wrong solutions the fixed tests let through', () => {
  it.each([
    ['inject-login-lookup', 'wrong/role-like', /usersWithRole\("[^"]*[%_][^"]*"\)/, /a LIKE wildcard \(% or _\) in role returned rows it should not/],
    ['inject-login-lookup', 'wrong/keyword-blacklist', /changeEmail\(.*\) put the value of userId into the SQL text of a statement \(UPDATE users SET email = \? WHERE id = /, /in userId: your code put it into the SQL text of a statement/],
    ['inject-product-search', 'wrong/escape-first-only', /searchProducts\("[^"]*([%_\\])[^"]*\1[^"]*"\)|productsStartingWith\("[^"]*([%_\\])[^"]*\2[^"]*"\)/, /a LIKE wildcard \(% or _\) in (term|prefix) .*escape every %, _ and the escape character itself/],
    ['inject-sortable-listing', 'wrong/plain-object-lookup', /listProducts\("kitchen", "constructor", "DESC"\)/, /inherits .* in sortColumn broke your SQL.*Map or a Set, or check it with Object\.hasOwn/],
    ['inject-product-search', 'wrong/js-unicode-fold', /searchProducts\("éclair"\)/, /another letter case.* in term returned rows it should not; .*toLowerCase\(\)/],
    ['inject-product-search', 'wrong/escape-char-not-escaped', /searchProducts\("\\\\\\\\"\)/, /a quote or a backslash, doubled or alone .* in term .*escape the backslash itself too/],
    ['inject-second-order', 'wrong/nocase-match', /renameCustomer\(1, "bEA"\), then ordersOfCustomer\(1\).*changed the database: rows of the table orders were changed; compare text/, /another letter case.* in newName changed the database; .*COLLATE NOCASE/],
    ['inject-login-lookup', 'wrong/full-quote-escaping', /findUser\(.*\) put the value of username into the SQL text .*not even quoted or escaped/, /in username: your code put it into the SQL text of a statement; .*OWASP/],
    ['inject-login-lookup', 'wrong/hostile-dump-secrets-nopatch', /findUser\(.*\): .*(secret|should be|returned)/, /in username/],
    ['inject-login-lookup', 'wrong/hex-literal-paste', /findUser\(.*\) put the value of username into the SQL text of a statement \(.*CAST\(X'/, /in username: your code put it into the SQL text of a statement/],
    ['inject-sortable-listing', 'wrong/column-substring-check', /listProducts\("kitchen", "[^"]*", "DESC"\)/, /cut short, empty or joined .* in sortColumn/],
    ['inject-sortable-listing', 'wrong/empty-direction-asc', /listProducts\("kitchen", "price_cents", ""\) returned .*it should refuse this input/, /in direction.*only a missing argument \(undefined\) takes a default/],
    ['inject-product-search', 'wrong/empty-term-nothing', /searchProducts\(""\)/, /in term.*only a missing argument \(undefined\) takes a default/],
    // Ties ordered the wrong way differ on every input: the feedback shows the mistake with ordinary values, naming no attack as its cause.
    ['inject-sortable-listing', 'wrong/id-tiebreak-follows-dir', /^listProducts\("kitchen", "[a-z_]+", "(ASC|DESC)"\): the result\[\d+\]\.id should be \d+, got \d+\nThis mistake was found while trying .* in \w+, but it shows with ordinary values too: fix it first; the attack is not its cause/m, /^your function's result differs from the expected one \[a generated input\]; found while trying .*, but it shows with ordinary values too: fix what your other failing tests show first/m],
    ['inject-second-order', 'wrong/id-pasted', /renameCustomer\(.*\) put the value of customerId into the SQL text of a statement \(UPDATE customers SET name = \? WHERE id = /, /in customerId: your code put it into the SQL text of a statement/],
    // Values that cannot attack as written, pasted all the same: the statement forbids it, and taint shows it.
    ['inject-login-lookup', 'wrong/digits-then-pasted-id', /changeEmail\(.*\) put the value of userId into the SQL text of a statement \(UPDATE users SET email = \? WHERE id = 9\d{8}\)/, /in userId: your code put it into the SQL text of a statement/],
    ['inject-second-order', 'wrong/number-pasted-id', /renameCustomer\(9\d{8}, .*\) put the value of customerId into the SQL text of a statement \(UPDATE customers SET name = \? WHERE id = 9\d{8}\)/, /in customerId: your code put it into the SQL text of a statement/],
    ['inject-login-lookup', 'wrong/hash-pasted', /findUser\(.*\) put the SHA-256 hash of the value of password into the SQL text of a statement \(.*password_hash = '[0-9a-f]{64}'/, /in password \(its SHA-256 hash\): your code put it into the SQL text of a statement/],
    // wrong/hostile-dump-secrets patches better-sqlite3's prototype, which in this process is the
    // harness's own: it is judged in the sandbox (validate), where that is the student's process only.
  ])('%s %s is caught with a message naming the mistake', async (slug, dir, visible, nameOnly) => {
    // One at a time: the tracer records one call at a time.
    const outcomes: CheckOutcome[] = [];
    for (const name of generatedTests(slug)) outcomes.push(await check(slug, name, dir));
    const caught = outcomes.filter((o) => o.judgement.status !== 'passed');
    expect(caught.length).toBeGreaterThan(0);
    expect(caught.map((o) => o.judgement.visible).join('\n')).toMatch(visible);
    expect(caught.map((o) => o.judgement.nameOnly).join('\n')).toMatch(nameOnly);
    for (const o of caught) {
      // Name-only feedback names the class and the parameter, never the data.
      expect(o.judgement.nameOnly).not.toContain(markerOf(slug, 'x').slice(0, 2) + markerOf(slug, 'x').slice(2));
      expect(o.judgement.hidden).not.toMatch(/role|term|prefix|userId|customerId|zq/);
    }
  }, 120_000);

  it('gives the same counterexample and message every time', async () => {
    const name = generatedTests('inject-product-search')[0]!;
    const once = await check('inject-product-search', name, 'wrong/escape-first-only');
    const again = await check('inject-product-search', name, 'wrong/escape-first-only');
    expect(again).toEqual(once);
  }, 120_000);
});

describe('an input that runs out of time', () => {
  it('is reported as it was first met, not shrunk, and the search stops there', async () => {
    const slug = 'inject-product-search';
    const { manifest, dir, base } = exercise(slug);
    const test = manifest.tests.find((t) => t.generated && t.generated.attack?.searchProducts)!;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const reference = require(path.join(dir, manifest.solution['repository.js']!)) as Record<string, unknown>;
    const caseDir = mkdtempSync(path.join(work, 'case-'));
    const seen: string[] = [];
    const student: StudentSide = {
      run: async (_initial, next) => {
        const term = String((next.calls[0]!.args[0] as { value: unknown }).value);
        seen.push(term);
        if (term.includes('%')) return { kind: 'failed', judgement: { status: 'error', verdict: 'time_limit_exceeded', visible: 'did not return within 2 s', nameOnly: 'did not return', hidden: 'did not return' } };
        return new InProcessStudent(reference, manifest.injection.functions, path.join(caseDir, 'case.sqlite')).run(_initial, next);
      },
      close: async () => undefined,
    };
    const outcome = await runGeneratedCheck({ slug, test: test as typeof test & { generated: NonNullable<typeof test.generated> }, manifest, reference: new JavaScriptReference(reference), baseDatabase: base, workDir: caseDir, student, budgetMs: 60_000 });
    expect(outcome.judgement).toMatchObject({ verdict: 'time_limit_exceeded', visible: expect.stringMatching(/^searchProducts\(".*%.*"\): did not return within 2 s \[a generated input; not shrunk/) });
    // Nothing ran after the input that ran out of time.
    expect(seen[seen.length - 1]).toContain('%');
    expect(seen.filter((t) => t.includes('%'))).toHaveLength(1);
  }, 60_000);
});

describe('what counts as an injection', () => {
  it('is not a mistake with every value bound, though an attack found it: select * leaking the hash, a LIKE letting a wildcard through', async () => {
    for (const dir of ['wrong/select-star', 'wrong/role-like']) {
      for (const name of generatedTests('inject-login-lookup')) {
        const { judgement } = await check('inject-login-lookup', name, dir);
        expect({ dir, name, injection: judgement.injection }).toEqual({ dir, name, injection: undefined });
      }
    }
  }, 120_000);

  it('is an attack that got through or an input in the SQL text', async () => {
    // One at a time: the tracer records one call at a time.
    const outcomes: CheckOutcome[] = [];
    for (const name of generatedTests('inject-login-lookup')) outcomes.push(await check('inject-login-lookup', name, 'wrong/keyword-blacklist'));
    expect(outcomes.filter((o) => o.judgement.injection === true).length).toBeGreaterThan(0);
  }, 120_000);
});

describe('ordinary values', () => {
  it("come only from tests the student sees at least as much of as the check: a hidden test's values stay out of a visible check's feedback", async () => {
    const { manifest, dir, base } = exercise('inject-login-lookup');
    // The role test made hidden: its values (customer, nobody) are the hidden test's data.
    const tests = manifest.tests.map((t) => (t.name === 'lists the users of a role' ? { ...t, visibility: 'hidden' as const } : t));
    const altered = { ...manifest, tests };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const reference = new JavaScriptReference(require(path.join(dir, manifest.solution[manifest.injection.module]!)) as Record<string, unknown>);
    const contextOf = async (visibility: 'visible' | 'hidden') => {
      const test = { ...tests.find((t) => t.generated)!, visibility } as GeneratedCheck['test'];
      const student = { run: async () => ({ kind: 'failed' as const, judgement: PASSED }), close: async () => undefined };
      return prepareContext({ slug: 'inject-login-lookup', test, manifest: altered, reference, baseDatabase: base, workDir: mkdtempSync(path.join(work, 'context-')), student, budgetMs: 1000 });
    };
    expect((await contextOf('visible')).ordinary.role).toBeUndefined();
    expect((await contextOf('visible')).ordinary.username).toContain('alice');
    expect((await contextOf('hidden')).ordinary.role).toEqual(expect.arrayContaining(['customer', 'nobody']));
  });
});

if (process.env.SHOW_COUNTEREXAMPLES) {
  it('prints the counterexamples of every known-wrong solution', async () => {
    for (const slug of SLUGS) {
      const { manifest } = exercise(slug);
      for (const w of manifest.knownWrong ?? []) {
        // It patches better-sqlite3's prototype, which in this process is the harness's own (see above).
        if (w.dir === 'wrong/hostile-dump-secrets') continue;
        // SHOW_COUNTEREXAMPLES=digits shows the known-wrongs whose folder holds "digits"; 1 shows all.
        const only = process.env.SHOW_COUNTEREXAMPLES!;
        if (only !== '1' && !w.dir.includes(only)) continue;
        for (const name of generatedTests(slug)) {
          const o = await check(slug, name, w.dir);
          // eslint-disable-next-line no-console
          console.log(`${slug} ${w.dir} | ${name} | ${o.runs} runs\n  visible: ${o.judgement.visible}\n  name-only: ${o.judgement.nameOnly}\n  hidden: ${o.judgement.hidden}`);
        }
      }
    }
  }, 600_000);
}
