import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import { warmProfileOf, type SandboxInput, type SandboxResult } from '@grader/contracts';
import { LIMITS } from '@grader/contracts';
import { containerName, containerOptions, memoryUpdate, wallTimeMs } from './container-policy';
import { InfrastructureError, SandboxProtocolError } from './errors';
import { extractResult } from './result-extraction';
import { infrastructure, removeContainer, startContainer, type SandboxLogger, type StartedContainer } from './started-container';
import { memoryExceededResult, wallTimeExceededResult } from './synthesized-results';
import type { WarmPool } from './warm-pool';

export type { SandboxLogger } from './started-container';

export interface SandboxRequest {
  /** The runtime's sandbox image, e.g. grader-sandbox-node. */
  image: string;
  /** Everything but the nonce, which is made here, fresh for every run. */
  input: Omit<SandboxInput, 'nonce'>;
  submissionId: string;
  /** The running worker's id, labelled on a container started for this run. */
  workerId?: string;
  logger?: SandboxLogger;
}

export interface SandboxRunResult {
  result: SandboxResult;
  /** From the input's delivery (a warm container) or the container's start (a cold one) to its exit or the kill at the deadline. */
  durationMs: number;
  containerId: string;
  /** Whether the container came ready from the pool. */
  warm: boolean;
  /** From the run's start to a container waiting for the input: a warm one's claim, or a cold one's create, attach and start. */
  readyMs: number;
}

/**
 * Runs one submission in a container of its own: a warm one from `pool` when one is ready,
 * else a fresh one (create, attach before start, start). Sends the input on stdin and closes
 * it, waits for the exit within the wall deadline, takes the result from the attach stream
 * only. The container is removed whatever happened: in the background through the pool when
 * there is one (its close() waits for the removals), before returning otherwise.
 *
 * Throws InfrastructureError when the engine could not run the container (retry later),
 * SandboxProtocolError when the harness ran but left no valid result (do not retry).
 */
export async function runSandbox(docker: Dockerode, request: SandboxRequest, pool?: WarmPool): Promise<SandboxRunResult> {
  const input: SandboxInput = { ...request.input, nonce: randomBytes(24).toString('hex') };
  const { manifest } = input;
  const wallMs = wallTimeMs(manifest);
  const log = request.logger;

  const asked = performance.now();
  const warm = pool ? await claimWarm(pool, request, manifest.limits.memoryMb) : undefined;
  const started =
    warm ??
    (await startContainer(
      docker,
      containerOptions({ image: request.image, submissionId: request.submissionId, deadline: Date.now() + wallMs, memoryMb: manifest.limits.memoryMb, workerId: request.workerId }),
      manifest.limits.memoryMb,
    ));
  const { container } = started;
  const deadline = Date.now() + wallMs;
  try {
    const begun = performance.now();
    const readyMs = Math.round(begun - asked);
    const reported = resultAsItArrives(started, input.nonce);
    const inputAt = Date.now();
    started.stream.end(JSON.stringify(input));

    const outcome = await untilDeadline(Promise.race([started.exited, reported]), deadline);
    const durationMs = Math.round(performance.now() - begun);
    const ran = { durationMs, containerId: container.id, warm: warm !== undefined, readyMs };
    // The harness's result is its last act: the container's exit adds nothing to it (and it is removed, running or not).
    if (outcome !== 'deadline' && 'result' in outcome) return { result: outcome.result, ...ran };

    if (outcome === 'deadline') {
      await container.kill().catch(() => undefined);
      log?.warn({ submissionId: request.submissionId, wallMs }, 'sandbox killed at its wall deadline');
      return { result: wallTimeExceededResult(manifest, wallMs), ...ran };
    }
    await withTimeout(started.drained, LIMITS.worker.streamDrainMs);

    const state = await infrastructure('inspect the exited container', () => container.inspect());
    const extraction = extractResult(started.stdout.text(), input.nonce);
    if (extraction.ok) return { result: extraction.result, ...ran };
    if (warm && diedBeforeInput(state, inputAt)) {
      // Killed while it waited, before the pool saw it go (its stream's end was still on its way):
      // nothing of the submission ran there, so it is graded in a cold container, as at a take.
      log?.warn({ submissionId: request.submissionId, containerId: container.id }, 'a warm container had died before its input; starting a cold one');
      return await runSandbox(docker, request);
    }
    if (state.State.OOMKilled) {
      log?.warn({ submissionId: request.submissionId, memoryMb: manifest.limits.memoryMb }, 'sandbox killed for memory before it reported');
      return { result: memoryExceededResult(manifest), ...ran };
    }
    const diagnostics = started.stderr.text().slice(-LIMITS.text.diagnosticsChars);
    log?.error(
      { submissionId: request.submissionId, exitCode: state.State.ExitCode, problem: extraction.problem, stdoutBytes: started.stdout.totalBytes, stderr: diagnostics },
      'sandbox harness gave no valid result',
    );
    throw new SandboxProtocolError(`the harness exited with code ${state.State.ExitCode} and ${extraction.problem}`, diagnostics);
  } finally {
    if (pool) pool.dispose(started);
    else {
      started.stream.destroy();
      await removeContainer(container, log);
    }
  }
}

/** Whether the container had exited before `inputAt` (epoch ms): no input was read there, so no student code ran. */
function diedBeforeInput(state: Dockerode.ContainerInspectInfo, inputAt: number): boolean {
  const finishedAt = Date.parse(state.State.FinishedAt);
  return Number.isFinite(finishedAt) && finishedAt > 0 && finishedAt < inputAt;
}

/**
 * Settles with the result as soon as the harness's stdout holds a complete, valid framed
 * document (a chunk ending in a newline after the frame), without waiting for the container
 * to exit: only the harness knows the nonce and it writes one frame, last. Never settles
 * otherwise; the exit then decides (extraction after the exit says what was wrong).
 */
function resultAsItArrives(started: StartedContainer, nonce: string): Promise<{ result: SandboxResult }> {
  return new Promise((resolve) => {
    started.stdout.onChunk = (chunk) => {
      if (chunk.length === 0 || chunk[chunk.length - 1] !== 0x0a) return;
      const extraction = extractResult(started.stdout.text(), nonce);
      if (!extraction.ok) return;
      started.stdout.onChunk = undefined;
      resolve({ result: extraction.result });
    };
  });
}

/**
 * A warm container made this submission's: named after it, given the exercise's memory. Any
 * trouble (the engine refused the update, the container died while it waited) costs only that
 * container: undefined, and the run starts a cold one.
 */
async function claimWarm(pool: WarmPool, request: SandboxRequest, memoryMb: number): Promise<StartedContainer | undefined> {
  const warm = pool.take(request.image, warmProfileOf(request.input.manifest), memoryMb);
  if (!warm) return undefined;
  try {
    // The name is for people and tests finding a submission's container: not worth waiting for.
    warm.container.rename({ name: containerName(request.submissionId) }).catch(() => undefined);
    const update = memoryUpdate(warm.memoryMb, memoryMb);
    // The limit is in force before the input (and so the student's code) goes in.
    if (update) await warm.container.update(update);
    if (warm.usable()) return warm;
    request.logger?.warn({ containerId: warm.container.id }, 'a warm container died while it waited; starting a cold one');
  } catch (err) {
    request.logger?.warn({ containerId: warm.container.id, err: (err as Error).message }, 'could not claim a warm container; starting a cold one');
  }
  pool.dispose(warm);
  return undefined;
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
