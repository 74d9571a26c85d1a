import { CappedOutput } from '../../common/process/capped-output';
import type { StudentProcessOutcome } from '../../common/process/run-as-student';
import { RUNNER_MARKS } from './runner-report';
import { readRun, salted } from './suite-run';

function ended(stdout: string, more: Partial<StudentProcessOutcome> = {}): StudentProcessOutcome {
  const out = new CappedOutput(4 << 20);
  out.push(Buffer.from(stdout));
  return { exitCode: 0, signal: null, timedOut: false, stopped: false, outputLimitExceeded: false, memoryKilled: false, processLimitHit: false, stdout: out, stderr: new CappedOutput(1024), durationMs: 5, ...more };
}
const report = (cases: unknown[]) => `${RUNNER_MARKS.report}${JSON.stringify({ files: [{ file: 'a.test.js' }], cases })}\n`;
const READY = `${RUNNER_MARKS.ready}\n`;

describe('reading a run of the student tests', () => {
  it('reads the last report printed, taking the run directory out of messages', () => {
    const fake = report([{ file: 'a.test.js', name: 'x', status: 'passed' }]);
    const real = report([{ file: 'a.test.js', name: 'x', status: 'failed', message: 'at /tmp/tw-abc/a.test.js:3' }]);
    expect(readRun(ended(`${READY}${fake}${real}`), '/tmp/tw-abc')).toEqual({ report: { files: [{ file: 'a.test.js' }], cases: [{ file: 'a.test.js', name: 'x', status: 'failed', message: 'at a.test.js:3' }] } });
  });

  it('is a run that exited when the tests ended the process before the report', () => {
    expect(readRun(ended(READY, { exitCode: 0 }), '/tmp/d')).toMatchObject({ end: 'exited' });
    expect(readRun(ended(`${READY}${RUNNER_MARKS.report}{"files":[]`), '/tmp/d')).toMatchObject({ end: 'exited' });
    expect(readRun(ended(`${READY}${RUNNER_MARKS.report}{"cases":"all passed"}\n`), '/tmp/d')).toMatchObject({ end: 'exited' });
  });

  it("is the grader's failure when the runner never loaded its framework: no student code ran", () => {
    expect(() => readRun(ended('', { exitCode: 2 }), '/tmp/d')).toThrow(/failed before any test ran/);
    expect(() => readRun(ended('', { spawnError: 'EAGAIN' }), '/tmp/d')).toThrow(/could not start/);
  });

  it("is the student's when the tests overran a limit once they ran", () => {
    expect(readRun(ended(READY, { timedOut: true, exitCode: null, signal: 'SIGKILL' }), '/tmp/d')).toMatchObject({ end: 'timeout' });
    expect(readRun(ended(READY, { memoryKilled: true }), '/tmp/d')).toMatchObject({ end: 'memory' });
    expect(readRun(ended(READY, { processLimitHit: true }), '/tmp/d')).toMatchObject({ end: 'processes' });
  });

  it('keeps a report within its bounds however many cases it claims', () => {
    const many = Array.from({ length: 2_000 }, (_, i) => ({ file: 'a.test.js', name: `case ${i}`, status: 'passed', message: 'm'.repeat(1_000) }));
    const run = readRun(ended(`${READY}${report(many)}`), '/tmp/d');
    expect('report' in run && run.report.cases.length).toBe(500);
    expect('report' in run && run.report.cases[0]!.message!.length).toBe(600);
  });
});

describe('the implementation as a run sees it', () => {
  it('ends with a comment of random length and content: no two runs see the same bytes', () => {
    const a = salted('javascript', 'module.exports = 1;\n');
    const b = salted('javascript', 'module.exports = 1;\n');
    expect(a.startsWith('module.exports = 1;\n// ')).toBe(true);
    expect(a).not.toBe(b);
    expect(salted('python', 'X = 1\n')).toMatch(/^X = 1\n# \S{8,64}\n$/);
  });
});

describe("a framework's message as the student reads it", () => {
  const messageOf = (message: string) => {
    const run = readRun(ended(`${READY}${report([{ file: 'a.test.js', name: 'x', status: 'failed', message }])}`), '/tmp/tw-abc');
    return 'report' in run ? run.report.cases[0]!.message : undefined;
  };

  it("keeps the student's own frames and drops Jest's and the runner's", () => {
    const jest = 'Error: expect(received).toBe(expected)\n\nExpected: 0\nReceived: 500\n    at Object.<anonymous> (/tmp/tw-abc/a.test.js:7:27)\n    at Promise.finally.completed (/opt/node_modules/jest-circus/build/jestAdapterInit.js:1834:28)\n    at new Promise (<anonymous>)';
    expect(messageOf(jest)).toBe('Error: expect(received).toBe(expected)\n\nExpected: 0\nReceived: 500\n    at Object.<anonymous> (a.test.js:7:27)\n    at new Promise (<anonymous>)');
    const pytest = 'test_a.py:11: in test_x\n    time.sleep(30)\n/opt/runner/python/pytest_runner.py:52: in too_long\n    raise TestTookTooLong("…")\nE   TestTookTooLong: the test took longer than 5 s';
    expect(messageOf(pytest)).toBe('test_a.py:11: in test_x\n    time.sleep(30)\nE   TestTookTooLong: the test took longer than 5 s');
  });

  it("keeps of Jest's refusal of an ES module its first paragraph", () => {
    expect(messageOf('  ● Test suite failed to run\n\n    Must use import to load ES Module: /tmp/tw-abc/a.test.js\n\n    The file contains ESM syntax…\n      - Configure a transform')).toBe('Must use import to load ES Module: a.test.js');
  });
});
