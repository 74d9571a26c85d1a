import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import { LIMITS, type SandboxInput, type SandboxResult } from '@grader/contracts';
import { containerOptions, wallTimeMs } from './container-policy';
import { InfrastructureError, SandboxProtocolError } from './errors';
import { extractResult } from './result-extraction';
import { StreamCollector } from './stream-collector';
import { memoryExceededResult, wallTimeExceededResult } from './synthesized-results';

export interface SandboxLogger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

export interface SandboxRequest {
  /** The runtime's sandbox image, e.g. grader-sandbox-node. */
  image: string;
  /** Everything but the nonce, which is made here, fresh for every run. */
  input: Omit<SandboxInput, 'nonce'>;
  submissionId: string;
  logger?: SandboxLogger;
}

export interface SandboxRunResult {
  result: SandboxResult;
  /** From container start to exit (or to the kill at the deadline). */
  durationMs: number;
  containerId: string;
}

/**
 * Runs one submission in a fresh container: create with the policy, attach before start,
 * send the input on stdin and close it, wait for the exit within the wall deadline, take
 * the result from the attach stream only. The container is removed whatever happened.
 *
 * Throws InfrastructureError when the engine could not run the container (retry later),
 * SandboxProtocolError when the harness ran but left no valid result (do not retry).
 */
export async function runSandbox(docker: Dockerode, request: SandboxRequest): Promise<SandboxRunResult> {
  const input: SandboxInput = { ...request.input, nonce: randomBytes(24).toString('hex') };
  const { manifest } = input;
  const wallMs = wallTimeMs(manifest);
  const deadline = Date.now() + wallMs;
  const log = request.logger;

  let container: Dockerode.Container | undefined;
  try {
    container = await infrastructure('create the container', () =>
      docker.createContainer(containerOptions({ image: request.image, submissionId: request.submissionId, deadline, limits: manifest.limits })),
    );
    const created = container;

    // Attached before start, so that not a byte of output is missed.
    const stream = (await infrastructure('attach to the container', () =>
      created.attach({ stream: true, hijack: true, stdin: true, stdout: true, stderr: true }),
    )) as Duplex;
    const stdout = new StreamCollector(LIMITS.sandbox.streamBytes, 'tail');
    const stderr = new StreamCollector(LIMITS.worker.stderrBytes, 'head');
    docker.modem.demuxStream(stream, stdout, stderr);
    const drained = new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve());
    });

    // Registered before start: 'next-exit' cannot miss an exit that happens at once.
    const exited: Promise<{ StatusCode?: number }> = created.wait({ condition: 'next-exit' });
    exited.catch(() => undefined); // observed below; never an unhandled rejection

    const started = performance.now();
    await infrastructure('start the container', () => created.start());
    stream.end(JSON.stringify(input));

    const outcome = await untilDeadline(exited, deadline);
    const durationMs = Math.round(performance.now() - started);

    if (outcome === 'deadline') {
      await created.kill().catch(() => undefined);
      stream.destroy();
      log?.warn({ submissionId: request.submissionId, wallMs }, 'sandbox killed at its wall deadline');
      return { result: wallTimeExceededResult(manifest, wallMs), durationMs, containerId: created.id };
    }
    await withTimeout(drained, LIMITS.worker.streamDrainMs);
    stream.destroy();

    const state = await infrastructure('inspect the exited container', () => created.inspect());
    const extraction = extractResult(stdout.text(), input.nonce);
    if (extraction.ok) return { result: extraction.result, durationMs, containerId: created.id };
    if (state.State.OOMKilled) {
      log?.warn({ submissionId: request.submissionId, memoryMb: manifest.limits.memoryMb }, 'sandbox killed for memory before it reported');
      return { result: memoryExceededResult(manifest), durationMs, containerId: created.id };
    }
    const diagnostics = stderr.text().slice(-LIMITS.text.diagnosticsChars);
    log?.error(
      { submissionId: request.submissionId, exitCode: state.State.ExitCode, problem: extraction.problem, stdoutBytes: stdout.totalBytes, stderr: diagnostics },
      'sandbox harness gave no valid result',
    );
    throw new SandboxProtocolError(`the harness exited with code ${state.State.ExitCode} and ${extraction.problem}`, diagnostics);
  } finally {
    if (container) await removeContainer(container, log);
  }
}

/** Runs an engine call; any failure becomes an InfrastructureError naming the step. */
async function infrastructure<T>(step: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new InfrastructureError(`could not ${step}: ${(err as Error).message}`, { cause: err });
  }
}

async function untilDeadline<T>(exited: Promise<T>, deadline: number): Promise<T | 'deadline'> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([
      exited.catch((err: unknown) => {
        throw new InfrastructureError(`lost track of the container: ${(err as Error).message}`, { cause: err });
      }),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

async function removeContainer(container: Dockerode.Container, log?: SandboxLogger): Promise<void> {
  try {
    await container.remove({ force: true, v: true });
  } catch (err) {
    // Already gone is fine; anything else is left to the sweeper (stale-containers.ts), by its deadline label.
    if ((err as { statusCode?: number }).statusCode !== 404) {
      log?.warn({ containerId: container.id, err: (err as Error).message }, 'could not remove a sandbox container');
    }
  }
}
