import net from 'node:net';

/**
 * Waits until something accepts TCP connections on 127.0.0.1:port, the process that should
 * listen is gone, or the time is up: whichever comes first. Connecting is the only sign of
 * readiness that the student's code cannot fake or forget, and needs nothing from it.
 */
export type ListeningState = 'listening' | 'exited' | 'timeout';

const RETRY_MS = 20;

/** A loopback port, or a Unix socket's path (the reference app of generated checks). */
export type ListenAddress = number | { socketPath: string };

export async function waitForListening(address: ListenAddress, timeoutMs: number, exited: Promise<unknown>): Promise<ListeningState> {
  const deadline = performance.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone) {
    const left = deadline - performance.now();
    if (left <= 0) return 'timeout';
    if (await accepts(address, left)) return 'listening';
    await Promise.race([exited, sleep(Math.min(RETRY_MS, Math.max(0, deadline - performance.now())))]);
  }
  return 'exited';
}

function accepts(address: ListenAddress, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = typeof address === 'number' ? net.connect({ host: '127.0.0.1', port: address }) : net.connect({ path: address.socketPath });
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
