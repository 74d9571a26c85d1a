import { LIMITS, type TestResult } from '../contracts';
import { ExerciseDefect } from '../common/exercise-defect';
import { testResultOf } from '../common/test-feedback';
import { gradeTests } from './grade-tests';
import type { Kind, KindManifest, PlannedTest } from './kind';

/** A kind whose tests say what they are told to: `pass`, `fail`, `defect` (ExerciseDefect), `decide` (fails, deciding the rest). */
interface ToyManifest extends KindManifest {
  kind: 'toy';
  tests: Array<{ name: string; points: number; visibility: 'visible'; does: 'pass' | 'fail' | 'defect' | 'decide' }>;
}
type ToyOutcome = { kind: 'passed' } | { kind: 'failed'; why: string } | { kind: 'internal'; message: string };

function toyKind(options: { common?: ToyOutcome; prepareThrows?: boolean; plan?: Array<number | number[]> } = {}) {
  const ran: Array<PlannedTest<ToyManifest>> = [];
  const grouped: Array<{ indexes: number[]; deadline: number }> = [];
  const kind: Kind<ToyManifest, 'ready', ToyOutcome> = {
    name: 'toy',
    studentRunners: [],
    prepare() {
      if (options.prepareThrows) throw new ExerciseDefect('no reference');
      return options.common ? { common: options.common } : { ready: 'ready' };
    },
    ...(options.plan && { plan: () => options.plan! }),
    async runTest(_ready, planned) {
      ran.push(planned);
      const { does } = planned.test;
      if (does === 'defect') throw new ExerciseDefect(`test ${planned.index + 1} has no dataset`);
      if (does === 'pass') return { outcome: { kind: 'passed' }, durationMs: 5 };
      return { outcome: { kind: 'failed', why: does }, durationMs: 5, decidesRest: does === 'decide' };
    },
    async runGroup(_ready, tests, clock) {
      grouped.push({ indexes: tests.map((t) => t.index), deadline: clock.deadline });
      return tests.map(() => ({ outcome: { kind: 'passed' as const } }));
    },
    resultOf: (test, outcome, durationMs): TestResult =>
      testResultOf(test, outcome.kind === 'passed' ? { status: 'passed', verdict: 'accepted', message: 'passed' } : outcome.kind === 'failed' ? { status: 'failed', verdict: 'tests_failed', message: outcome.why } : { status: 'error', verdict: 'internal_error', message: outcome.message }, durationMs),
    internal: (message) => ({ kind: 'internal', message }),
  };
  return { kind, ran, grouped };
}

function manifestOf(...does: Array<ToyManifest['tests'][number]['does']>): ToyManifest {
  return {
    kind: 'toy',
    slug: 'toy',
    limits: { testTimeMs: 1000, memoryMb: 256 },
    maxScore: does.length,
    solution: {},
    tests: does.map((d, i) => ({ name: `test ${i + 1}`, points: 1, visibility: 'visible', does: d })),
  };
}

// No submitted files: the loop writes nothing under /submission.
const input = (manifest: ToyManifest) => ({ protocol: 1 as const, nonce: 'n'.repeat(16), manifest: manifest as never, exerciseFiles: {}, submission: {} });

describe('the generic test loop', () => {
  it('runs every test in manifest order and sums the points of those that passed', async () => {
    const { kind, ran } = toyKind();
    const manifest = manifestOf('pass', 'fail', 'pass');
    const result = await gradeTests(kind, manifest, input(manifest));
    expect(ran.map((t) => t.index)).toEqual([0, 1, 2]);
    expect(result).toMatchObject({ verdict: 'tests_failed', score: 2, maxScore: 3, message: '2 of 3 tests passed' });
    expect(result.tests.map((t) => [t.name, t.status, t.durationMs])).toEqual([
      ['test 1', 'passed', 5],
      ['test 2', 'failed', 5],
      ['test 3', 'passed', 5],
    ]);
  });

  it("gives every test the precheck's common outcome without running one", async () => {
    const { kind, ran } = toyKind({ common: { kind: 'failed', why: 'no file query.sql' } });
    const manifest = manifestOf('pass', 'pass');
    const result = await gradeTests(kind, manifest, input(manifest));
    expect(ran).toEqual([]);
    expect(result.tests.map((t) => t.message)).toEqual(['no file query.sql', 'no file query.sql']);
    expect(result.tests.every((t) => t.durationMs === undefined)).toBe(true);
  });

  it('gives the tests after a deciding one its outcome, unrun', async () => {
    const { kind, ran } = toyKind();
    const manifest = manifestOf('pass', 'decide', 'pass', 'pass');
    const result = await gradeTests(kind, manifest, input(manifest));
    expect(ran.map((t) => t.index)).toEqual([0, 1]);
    expect(result.tests.map((t) => t.message)).toEqual(['passed', 'decide', 'decide', 'decide']);
  });

  it("leaves each later test its own slot, its wall time as far as a busy host may stretch it: deadlines one slot apart, the last at the end of the sandbox's time", async () => {
    const { kind, ran } = toyKind();
    const manifest = manifestOf('pass', 'pass', 'pass');
    const before = performance.now();
    await gradeTests(kind, manifest, input(manifest));
    const [first, second, third] = ran.map((t) => t.deadline);
    const slotMs = 1000 * LIMITS.exercise.starvedFactor;
    expect(second! - first!).toBeCloseTo(slotMs, 6);
    expect(third! - second!).toBeCloseTo(slotMs, 6);
    expect(third!).toBeGreaterThanOrEqual(before + 3 * slotMs);
  });

  it("makes an ExerciseDefect the kind's internal outcome: of that test when running, of every test when preparing", async () => {
    const running = toyKind();
    const manifest = manifestOf('pass', 'defect', 'pass');
    const result = await gradeTests(running.kind, manifest, input(manifest));
    expect(result.tests.map((t) => t.verdict)).toEqual(['accepted', 'internal_error', 'accepted']);
    expect(result.tests[1]!.message).toBe('the exercise is broken: test 2 has no dataset');

    const preparing = toyKind({ prepareThrows: true });
    const all = await gradeTests(preparing.kind, manifest, input(manifest));
    expect(preparing.ran).toEqual([]);
    expect(all.tests.map((t) => t.message)).toEqual(Array(3).fill('the exercise is broken: no reference'));
  });

  it("runs the tests a plan puts together through runGroup, after those it plans alone, and reports them in manifest order", async () => {
    const { kind, ran, grouped } = toyKind({ plan: [1, [0, 2]] });
    const manifest = manifestOf('fail', 'fail', 'fail');
    const result = await gradeTests(kind, manifest, input(manifest));
    expect(ran.map((t) => t.index)).toEqual([1]);
    expect(grouped.map((g) => g.indexes)).toEqual([[0, 2]]);
    expect(result.tests.map((t) => t.status)).toEqual(['passed', 'failed', 'passed']);
  });

  it('refuses a plan that leaves a test out', async () => {
    const { kind } = toyKind({ plan: [0] });
    const manifest = manifestOf('pass', 'pass');
    await expect(gradeTests(kind, manifest, input(manifest))).rejects.toThrow('the toy plan left test 2 out');
  });

  it("calls the kind's finish once, after the last test, also when the loop fails, and never without a ready preparation", async () => {
    const finished: string[] = [];
    const withFinish = (options: Parameters<typeof toyKind>[0]) => {
      const { kind, ran } = toyKind(options);
      return { kind: { ...kind, finish: async (ready: 'ready') => void finished.push(`${ready} after ${ran.length} tests`) }, ran };
    };
    const manifest = manifestOf('pass', 'fail', 'pass');
    await gradeTests(withFinish({}).kind, manifest, input(manifest));
    expect(finished).toEqual(['ready after 3 tests']);

    await expect(gradeTests(withFinish({ plan: [0] }).kind, manifestOf('pass', 'pass'), input(manifestOf('pass', 'pass')))).rejects.toThrow('left test 2 out');
    expect(finished).toEqual(['ready after 3 tests', 'ready after 1 tests']);

    await gradeTests(withFinish({ common: { kind: 'failed', why: 'syntax' } }).kind, manifest, input(manifest));
    await gradeTests(withFinish({ prepareThrows: true }).kind, manifest, input(manifest));
    expect(finished).toHaveLength(2);
  });
});
