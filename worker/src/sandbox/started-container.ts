import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import { LIMITS } from '@grader/contracts';
import { HARNESS_READY_LINE } from '@grader/harness';
import { InfrastructureError } from './errors';
import { StreamCollector } from './stream-collector';

export interface SandboxLogger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

/**
 * A sandbox container created, attached and started, its harness waiting for the one input
 * document on stdin. Made for one submission at once (cold) or ahead of time (warm-pool.ts);
 * either way it serves exactly one submission and is then removed.
 */
export interface StartedContainer {
  container: Dockerode.Container;
  /** The attach stream: stdin in, stdout and stderr (multiplexed) out. */
  stream: Duplex;
  /** Everything the container printed since its start, bounded (the result is the tail of stdout). */
  stdout: StreamCollector;
  stderr: StreamCollector;
  /** Settles when the attach stream ends after the container exited. */
  drained: Promise<void>;
  /** The container's exit, registered before its start so that no exit is missed; rejects when the engine loses it. */
  exited: Promise<{ StatusCode?: number }>;
  /** The memory the container was created with, MiB (a warm one gets the exercise's at claim). */
  memoryMb: number;
  /** Epoch milliseconds of its start. */
  startedAt: number;
  /** False once it exited or its stream closed: a warm container in that state is never handed out. */
  usable(): boolean;
  /**
   * True once its harness waits for the input with its warm profile prepared (HARNESS_READY_LINE
   * on stderr): for figures and tests. A submission takes a warm container without waiting for it.
   */
  prepared(): boolean;
  /** True once its harness said its warm profile could not be prepared (HARNESS_READY_LINE.unprepared): the pool replaces it. */
  unprepared(): boolean;
}

/** Runs an engine call; any failure becomes an InfrastructureError naming the step. */
export async function infrastructure<T>(step: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new InfrastructureError(`could not ${step}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Creates a container with `options` (container-policy.ts), attaches to it before its start
 * (not a byte of output is missed), registers the wait for its exit, and starts it. A
 * container created but not started is removed before the error is thrown.
 *
 * Throws InfrastructureError when the engine could not do any of it.
 */
export async function startContainer(
  docker: Dockerode,
  options: Dockerode.ContainerCreateOptions,
  memoryMb: number,
  /** Told of the container as soon as it exists (the pool removes those whose start never ends). */
  onCreated?: (container: Dockerode.Container) => void,
): Promise<StartedContainer> {
  const container = await infrastructure('create the container', () => docker.createContainer(options));
  onCreated?.(container);
  try {
    const stream = (await infrastructure('attach to the container', () =>
      container.attach({ stream: true, hijack: true, stdin: true, stdout: true, stderr: true }),
    )) as Duplex;
    const stdout = new StreamCollector(LIMITS.sandbox.streamBytes, 'tail');
    const stderr = new StreamCollector(LIMITS.worker.stderrBytes, 'head');
    docker.modem.demuxStream(stream, stdout, stderr);
    let open = true;
    const drained = new Promise<void>((resolve) => {
      const closed = () => {
        open = false;
        resolve();
      };
      stream.once('end', closed);
      stream.once('close', closed);
      stream.once('error', closed);
    });
    let running = true;
    const exited: Promise<{ StatusCode?: number }> = container.wait({ condition: 'next-exit' });
    exited.then(
      () => (running = false),
      () => (running = false),
    ); // observed by the run; never an unhandled rejection
    await infrastructure('start the container', () => container.start());
    const prepared = () => stderr.text().includes(HARNESS_READY_LINE.prepared);
    const unprepared = () => stderr.text().includes(HARNESS_READY_LINE.unprepared);
    return { container, stream, stdout, stderr, drained, exited, memoryMb, startedAt: Date.now(), usable: () => running && open, prepared, unprepared };
  } catch (err) {
    await container.remove({ force: true, v: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * Removes a container whatever its state. Already gone is fine; anything else is logged and
 * left to the sweeper (stale-containers.ts), which finds it by its deadline label.
 */
export async function removeContainer(container: Dockerode.Container, log?: SandboxLogger): Promise<void> {
  try {
    await container.remove({ force: true, v: true });
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    if (status !== 404 && status !== 409) log?.warn({ containerId: container.id, err: (err as Error).message }, 'could not remove a sandbox container');
  }
}
