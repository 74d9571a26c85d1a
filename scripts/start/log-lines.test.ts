import { describeEvent } from './log-lines';

describe('describeEvent', () => {
  it('names the child, how it ended, how long it ran and when it restarts', () => {
    expect(describeEvent({ type: 'exited', name: 'worker', code: 1, signal: null, uptimeMs: 3200, delayMs: 2000 })).toBe(
      '✗ worker exited with code 1 after 3.2 s; restarting in 2.0 s',
    );
    expect(describeEvent({ type: 'exited', name: 'API', code: null, signal: 'SIGKILL', uptimeMs: 90_000, delayMs: 1000 })).toBe(
      '✗ API was killed by SIGKILL after 90 s; restarting in 1.0 s',
    );
  });
  it('says a restart happened, with the new pid', () => {
    expect(describeEvent({ type: 'started', name: 'worker', pid: 42, run: 2 })).toBe('↻ worker restarted (pid 42)');
  });
  it('says why it gives up and that everything stops', () => {
    const line = describeEvent({ type: 'gave-up', name: 'API', code: 1, signal: null, uptimeMs: 900, failures: 3, startupWindowMs: 10_000 });
    expect(line).toMatch(/^✗ API exited with code 1: its start failed 3 times in a row, never staying up 10 s\./);
    expect(line).toMatch(/start-up failure .*stopping everything$/);
  });
  it('says when a child had to be killed', () => {
    expect(describeEvent({ type: 'killed', name: 'worker', pid: 7, graceMs: 30_000 })).toBe('✗ worker did not stop within 30 s of SIGTERM; killed');
  });
  it('stays quiet about first starts and the stops of a shutdown', () => {
    expect(describeEvent({ type: 'started', name: 'API', pid: 1, run: 1 })).toBeUndefined();
    expect(describeEvent({ type: 'stopping', name: 'API', pid: 1 })).toBeUndefined();
    expect(describeEvent({ type: 'stopped', name: 'API', code: 0, signal: null })).toBeUndefined();
  });
});
