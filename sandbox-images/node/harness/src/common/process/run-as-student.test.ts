import { runAsStudent } from './run-as-student';

describe('runAsStudent', () => {
  it('turns a spawn that Node throws at once (rather than emits) into an outcome, never a rejection', async () => {
    // A NUL byte in an argument is one such error; ENOMEM from fork() in a full container is another.
    const outcome = await runAsStudent({ args: ['bad\u0000argument'], cwd: '/', timeoutMs: 1000, stdoutCapBytes: 0, stderrCapBytes: 0, trusted: true });
    expect(outcome).toMatchObject({ exitCode: null, memoryKilled: false, processLimitHit: false, spawnError: expect.stringContaining('null bytes') });
  });
});
