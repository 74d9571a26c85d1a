import { spawn, type ChildProcess } from 'node:child_process';
import { killProcessesOfUid, processesOfUid } from './kill-student-processes';

/**
 * The uid-wide kill, on processes of a uid nobody else on the machine uses (never the
 * sandbox's 1001: this machine's own sandboxes may be running beside the test).
 */
const UID = 54_321;

function sleeper(): ChildProcess {
  return spawn('sleep', ['30'], { uid: UID, gid: UID, stdio: 'ignore' });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('killing every process of a uid', () => {
  it('kills them all, and spares only the pids it is told to (a generated check keeps its app process)', async () => {
    const kept = sleeper();
    const left = [sleeper(), sleeper()];
    // spawn() returns once the child has exec'd (libuv waits for it), as the uid it was given.
    expect(processesOfUid(UID)).toEqual(expect.arrayContaining([kept.pid, ...left.map((c) => c.pid)]));

    killProcessesOfUid(UID, 3_000, new Set([kept.pid!]));
    await Promise.all(left.map(exited));
    expect(processesOfUid(UID)).toEqual([kept.pid]);

    killProcessesOfUid(UID);
    await exited(kept);
    expect(processesOfUid(UID)).toEqual([]);
  });
});
