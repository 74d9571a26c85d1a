import { CappedOutput } from '../../common/process/capped-output';
import type { StudentProcessOutcome } from '../../common/process/run-as-student';
import { limitOverrun } from './run-rest-test';

function ended(overrides: Partial<StudentProcessOutcome>): StudentProcessOutcome {
  return {
    exitCode: null,
    signal: 'SIGKILL',
    timedOut: false,
    stopped: false,
    outputLimitExceeded: false,
    memoryKilled: false,
    processLimitHit: false,
    stdout: new CappedOutput(0),
    stderr: new CappedOutput(0),
    durationMs: 1,
    ...overrides,
  };
}

describe('limitOverrun: the limits that decide a rest-endpoint test whatever else happened', () => {
  it('puts the process limit ahead of memory, output and a spawn that failed at the limit', () => {
    const all = ended({ processLimitHit: true, memoryKilled: true, outputLimitExceeded: true, spawnError: 'spawn EAGAIN' });
    expect(limitOverrun(all, { memoryMb: 256 })).toEqual({ kind: 'processes' });
  });

  it('then memory, then output; nothing for an app that stayed within its limits', () => {
    expect(limitOverrun(ended({ memoryKilled: true, outputLimitExceeded: true }), { memoryMb: 256 })).toEqual({ kind: 'memory', limitMb: 256 });
    expect(limitOverrun(ended({ outputLimitExceeded: true }), { memoryMb: 256 })).toMatchObject({ kind: 'output' });
    expect(limitOverrun(ended({ stopped: true }), { memoryMb: 256 })).toBeUndefined();
  });
});
