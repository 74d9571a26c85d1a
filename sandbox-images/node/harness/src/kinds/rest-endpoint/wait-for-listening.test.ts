import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { waitForListening } from './wait-for-listening';

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const never = new Promise<never>(() => undefined);

/**
 * A port nothing listens on, for as long as the test needs: port 1 (tcpmux), which no test or
 * service here opens. A free port found by probing can be taken by another suite running
 * beside this one before the wait ends (a full run saw "listening" there).
 */
const NOBODY_LISTENS = 1;

describe('waitForListening', () => {
  it('answers listening once a server comes up on the port', async () => {
    const port = await freePort();
    const server = net.createServer((socket) => socket.destroy());
    setTimeout(() => server.listen(port, '127.0.0.1'), 100);
    await expect(waitForListening(port, 2_000, never)).resolves.toBe('listening');
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers timeout when nothing listens in time', async () => {
    await expect(waitForListening(NOBODY_LISTENS, 200, never)).resolves.toBe('timeout');
  });

  it('answers exited as soon as the process is gone, without waiting out its budget', async () => {
    const exited = new Promise((resolve) => setTimeout(resolve, 50));
    // A budget far beyond the test's own time-out: waiting it out would fail the test, however fast the machine.
    await expect(waitForListening(NOBODY_LISTENS, 60 * 60_000, exited)).resolves.toBe('exited');
  });

  describe('with a process that may be starved', () => {
    it('waits past the time for a process that has not had that time of the CPU (a busy host), and sees it listen', async () => {
      const port = await freePort();
      const server = net.createServer((socket) => socket.destroy());
      setTimeout(() => server.listen(port, '127.0.0.1'), 300);
      // 100 ms of time, no CPU used: it is waited for up to a minute, and listens at 300 ms.
      await expect(waitForListening(port, 100, never, { cpuMs: () => 0, wallLimitMs: 60_000 })).resolves.toBe('listening');
      await new Promise((resolve) => server.close(resolve));
    });

    it('stops at the time for a process that used it all in CPU (an app computing at start)', async () => {
      const port = await freePort();
      const server = net.createServer((socket) => socket.destroy());
      // Comes up long after the 100 ms; waiting on would see it.
      const late = setTimeout(() => server.listen(port, '127.0.0.1'), 1_500);
      await expect(waitForListening(port, 100, never, { cpuMs: () => 100, wallLimitMs: 60_000 })).resolves.toBe('timeout');
      clearTimeout(late);
    });

    it('stops at the wall bound whatever the CPU (an app waiting for what never comes)', async () => {
      let asked = 0;
      const state = await waitForListening(NOBODY_LISTENS, 100, never, { cpuMs: () => (asked++, 0), wallLimitMs: 600 });
      expect(state).toBe('timeout');
      expect(asked).toBeGreaterThan(0);
    });
  });
});
