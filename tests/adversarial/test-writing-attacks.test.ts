import fs from 'node:fs';
import path from 'node:path';
import { startPipeline, type Pipeline } from '../support/pipeline';

/**
 * Hostile test suites for a test-writing exercise (tests-order-pricing), through the real
 * pipeline: suites that cannot fail, read the module's text to tell the given implementation
 * from the others, end the process early or forge the runner's report, look for the mutants on
 * disk or for traces of an earlier run (files, System V shared memory), or never finish. Each is graded (its own failure, never
 * the grader's), earns nothing, and no result holds a line of any mutant or equivalent.
 */
const EXERCISE = 'tests-order-pricing';
const PACKAGE = path.join(__dirname, '../../exercises', EXERCISE);
const HOSTILE = path.join(__dirname, 'test-writing');
const GIVEN = fs.readFileSync(path.join(PACKAGE, 'implementation/pricing.js'), 'utf8');

/** Lines of each hidden implementation that the given one does not have: none may reach a result. */
const HIDDEN_LINES = ['mutants', 'equivalents'].flatMap((dir) =>
  fs.readdirSync(path.join(PACKAGE, dir)).flatMap((file) =>
    fs
      .readFileSync(path.join(PACKAGE, dir, file), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 20 && !GIVEN.includes(line)),
  ),
);

const suite = (file: string) =>
  fs
    .readFileSync(path.join(HOSTILE, file), 'utf8')
    .replace('= GIVEN_TEXT;', () => `= ${JSON.stringify(GIVEN)};`)
    .replace('/* GIVEN_CODE */', () => GIVEN);

const ATTACKS: Array<{ threat: string; file: string; verdict: string; message: RegExp; score?: number }> = [
  { threat: 'tests that always pass', file: 'always-passes.js', verdict: 'tests_failed', message: /^Not caught: / },
  { threat: "tests that recognise the given module by its text and its functions' source", file: 'reads-source.js', verdict: 'tests_failed', message: /another correct implementation of the module, written differently/ },
  { threat: "a test that fails when the module's text differs a little from the given one (a mutant's one line) but passes when it differs a lot", file: 'diff-classifier.js', verdict: 'tests_failed', message: /another correct implementation of the module, written differently/ },
  { threat: 'a test that pastes the module in and checks the module against its copy on random inputs', file: 'oracle-copy.js', verdict: 'tests_failed', message: /your tests carry \d+ lines of the module's own code/ },
  { threat: "tests named after the module's lines the given one does not have, to read the equivalents' code in the feedback", file: 'leak-names.js', verdict: 'tests_failed', message: /3 tests whose names depend on the code/ },
  { threat: 'tests that leave a directory tree deeper than a path may be long, for the cleaner to choke on', file: 'deep-tree.js', verdict: 'tests_failed', message: /^Not caught: /, score: 3 },
  { threat: 'a test that closes its home to the harness (chmod 0700) and stamps its times for the next run', file: 'locks-home.js', verdict: 'tests_failed', message: /^Not caught: / },
  { threat: 'a test that prints a report of its own and ends the process before the failures', file: 'exits-early.js', verdict: 'runtime_error', message: /ended the test run before it could report/ },
  { threat: 'a test that forges a failing report and ends the process', file: 'forged-failure.js', verdict: 'runtime_error', message: /ended the test run before it could report/ },
  { threat: 'tests that look for the mutants on disk and for traces of an earlier run', file: 'hunts-mutants.js', verdict: 'tests_failed', message: /^Not caught: / },
  { threat: 'a test that never finishes', file: 'hangs.js', verdict: 'time_limit_exceeded', message: /did not finish in time/ },
];

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
}, 180_000);
afterAll(async () => {
  await pipeline?.close();
});

describe('hostile test-writing suites earn nothing and see nothing hidden', () => {
  it.each(ATTACKS)('$threat', async ({ file, verdict, message, score = 0 }) => {
    const graded = await pipeline.student.submitAndWait(EXERCISE, { 'pricing.test.js': suite(file) });
    expect({ status: graded.status, graderError: graded.status === 'error' ? pipeline.graderErrorOf(graded.id) : undefined }).toEqual({ status: 'graded', graderError: undefined });
    // Only what its honest tests catch (deep-tree.js's SAVE10 check catches the rounding mutant).
    expect({ score: graded.score, verdict: graded.verdict }).toEqual({ score, verdict });
    expect(graded.tests[0].message).toMatch(message);
    const result = JSON.stringify(graded);
    for (const line of HIDDEN_LINES) expect(result).not.toContain(line);
  }, 240_000);

  it('shows the student the module under test beside the statement, and nothing of the mutants or equivalents', async () => {
    const { status, body } = await pipeline.student.request('GET', `/api/exercises/${EXERCISE}`);
    expect(status).toBe(200);
    expect(body.givenFiles).toEqual({ 'pricing.js': GIVEN });
    expect(Object.keys(body.starterFiles)).toEqual(['pricing.test.js']);
    const shown = JSON.stringify(body);
    for (const line of HIDDEN_LINES) expect(shown).not.toContain(line);
  });

  it('a pytest suite that counts its runs in System V shared memory finds every run the first (nothing outlives a run)', async () => {
    const graded = await pipeline.student.submitAndWait('py-tests-rate-limiter', { 'test_rate_limiter.py': fs.readFileSync(path.join(HOSTILE, 'py-counts-runs.py'), 'utf8') });
    expect({ status: graded.status, score: graded.score, verdict: graded.verdict }).toEqual({ status: 'graded', score: 0, verdict: 'tests_failed' });
    // Not "Not graded": the counter never passed 1, so the suite passed on every correct implementation.
    expect(graded.tests[0].message).toMatch(/^Not caught: /);
  }, 240_000);

  it('leaves the sandbox fit for a correct suite, which catches every mutant', async () => {
    const graded = await pipeline.student.submitAndWait(EXERCISE, { 'pricing.test.js': fs.readFileSync(path.join(PACKAGE, 'solution/pricing.test.js'), 'utf8') });
    expect({ score: graded.score, verdict: graded.verdict }).toEqual({ score: 20, verdict: 'accepted' });
    expect(graded.tests[0].message).toMatch(/^Caught: your test ".+" fails on this bug/);
  }, 240_000);
});
