import type { ExerciseManifest } from '../../contracts';
import { CappedOutput } from '../../common/process/capped-output';
import type { StudentProcessOutcome } from '../../common/process/run-as-student';
import { interpretRunner } from './runner-outcome';
import { INJECTION_CRASH_MARKER, INJECTION_LOADED_MARKER, INJECTION_READ_MARKER, INJECTION_REPORT_MARKER } from './runner-protocol';

const MANIFEST = { injection: { module: 'repository.js' }, limits: { testTimeMs: 2000, memoryMb: 256 } } as Extract<ExerciseManifest, { kind: 'injection-prevention' }>;
const NONCE = 'n0nce';

function runner(stdout: string, overrides: Partial<StudentProcessOutcome> = {}): StudentProcessOutcome {
  const out = new CappedOutput(1 << 20);
  out.push(Buffer.from(stdout));
  return { exitCode: 0, signal: null, timedOut: false, stopped: false, outputLimitExceeded: false, memoryKilled: false, processLimitHit: false, stdout: out, stderr: new CappedOutput(0), durationMs: 1, ...overrides };
}

describe("interpretRunner: what the injection runner's process says before any call is judged", () => {
  it('makes hitting the process limit a runtime error ahead of a time-out while loading, and says it once when the module never loaded', () => {
    const read = interpretRunner(runner('', { timedOut: true, processLimitHit: true, memoryKilled: true }), NONCE, MANIFEST);
    expect(read).toMatchObject({ loadFailed: true, judgement: { verdict: 'runtime_error', hidden: expect.stringMatching(/^your code started more processes than the sandbox allows/) } });
  });

  it('judges only the test when the module had loaded', () => {
    const read = interpretRunner(runner(`${INJECTION_LOADED_MARKER}${NONCE}\n`, { processLimitHit: true }), NONCE, MANIFEST);
    expect(read).toMatchObject({ loadFailed: false, judgement: { verdict: 'runtime_error' } });
  });

  it('still calls a module that never finished loading a time-out, said once', () => {
    expect(interpretRunner(runner('', { timedOut: true }), NONCE, MANIFEST)).toMatchObject({ loadFailed: true, judgement: { verdict: 'time_limit_exceeded' } });
  });

  it("hands a well-formed report's outcomes on to be judged", () => {
    const report = { kind: 'calls', outcomes: [{ kind: 'returned', value: 1 }] };
    const read = interpretRunner(runner(`${INJECTION_LOADED_MARKER}${NONCE}\n${INJECTION_REPORT_MARKER}${NONCE}\n${JSON.stringify(report)}\n`), NONCE, MANIFEST);
    expect(read).toEqual({ report });
  });

  it("takes exit code 70 for the runner's own failure only before the request was read or with the crash token: the student's process.exit(70) is the student's", () => {
    const read = `${INJECTION_READ_MARKER}${NONCE}\n`;
    const verdictOf = (stdout: string) => (interpretRunner(runner(stdout, { exitCode: 70 }), NONCE, MANIFEST) as { judgement: { verdict: string } }).judgement.verdict;
    expect(verdictOf('')).toBe('internal_error');
    expect(verdictOf(`${read}${INJECTION_LOADED_MARKER}${NONCE}\n`)).toBe('runtime_error');
    expect(verdictOf(`${read}${INJECTION_CRASH_MARKER}${NONCE}\n`)).toBe('internal_error');
    // A token with another nonce is the student's forgery.
    expect(verdictOf(`${read}${INJECTION_CRASH_MARKER}guessed\n`)).toBe('runtime_error');
  });
});
