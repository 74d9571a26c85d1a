import net from 'node:net';
import { processCpuMs } from '../../common/process/cpu-time';

/** What a start came to. */
export type ListeningState = 'listening' | 'exited' | 'timeout';

const RETRY_MS = 20;

/** A loopback port, or a Unix socket's path (the reference app of generated checks). */
export type ListenAddress = number | { socketPath: string };

/**
 * For a process that may be starved rather than slow (the student's app): its CPU time so far,
 * and the wall time after which it is not waited for any longer whatever its CPU
 * (LIMITS.exercise.starvedFactor).
 */
export interface StarvedStart {
  cpuMs: () => number | undefined;
  wallLimitMs: number;
}

/** A start past its time is waited for while the process has not had that time of the CPU (a busy host), up to `wallLimitMs`. */
export function starvedStart(pid: () => number | undefined, wallLimitMs: number): StarvedStart {
  return {
    cpuMs: () => {
      const id = pid();
      return id === undefined ? undefined : processCpuMs(id);
    },
    wallLimitMs,
  };
}

/** How often a start past its time is looked at again while its process has not used that time in CPU. */
const STARVED_RECHECK_MS = 250;

/**
 * Waits until something accepts TCP connections on 127.0.0.1:port, the process that should
 * listen is gone, or the time is up: whichever comes first. Connecting is the only sign of
 * readiness that the student's code cannot fake or forget, and needs nothing from it. With
 * `starved`, the time is CPU time as long as the wall time stays within its bound: what a
 * process did not get of the CPU on a busy host is not counted against it.
 */
export async function waitForListening(address: ListenAddress, timeoutMs: number, exited: Promise<unknown>, starved?: StarvedStart): Promise<ListeningState> {
  const started = performance.now();
  let deadline = started + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone) {
    let left = deadline - performance.now();
    if (left <= 0 && starved && performance.now() - started < starved.wallLimitMs && (starved.cpuMs() ?? Number.POSITIVE_INFINITY) < timeoutMs) {
      deadline = Math.min(started + starved.wallLimitMs, performance.now() + STARVED_RECHECK_MS);
      left = deadline - performance.now();
    }
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
