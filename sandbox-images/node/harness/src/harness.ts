/**
 * The harness: PID 2 of a sandbox container (docker-init is PID 1), root, trusted.
 * Reads one SandboxInput on stdin, grades it with the plug-in of the exercise's kind and
 * writes the framed SandboxResult as its last output. Exit code 0 whatever the tests
 * did; a non-zero exit means the harness itself could not even report.
 */
import { internalErrorResult } from './common/result-summary';
import { HARNESS_READY_LINE, WARM_PROFILE_ENV } from './container-layout';
import { WARM_PROFILES, type WarmProfile } from './contracts';
import { runExercise, type AnyKind } from './kinds/registry';
import { log } from './log';
import { parseInput, readStdin } from './read-input';
import { writeResult } from './result-writer';

/** Runs the harness with these kinds (main.ts: the standard ones); resolves once the result is written. */
export async function runHarness(kinds: readonly AnyKind[]): Promise<void> {
  const ownSchemas = new Map(kinds.flatMap((k) => (k.manifest ? [[k.name, k.manifest] as const] : [])));
  const text = await readStdin(process.stdin);
  const began = performance.now();
  const reading = parseInput(text, ownSchemas);
  if (!reading.ok) {
    log(reading.problem);
    if (reading.nonce === undefined) {
      process.exitCode = 2;
      return;
    }
    await writeResult(reading.nonce, internalErrorResult(reading.problem));
    return;
  }
  const { input } = reading;
  let result;
  try {
    result = await runExercise(input.manifest, input, kinds);
  } catch (err) {
    log(`grading failed: ${(err as Error).stack ?? String(err)}`);
    result = internalErrorResult((err as Error).message ?? String(err), input.manifest.maxScore);
  }
  await writeResult(input.nonce, { ...result, durationMs: Math.round(performance.now() - began) });
}

/**
 * A warm container's preparation (WARM_PROFILE_ENV in the harness's environment): each kind
 * prepares what it needs for that profile, before the input is read. A failure only costs the
 * head start. Resolves when every preparation is over, with whether all of it succeeded.
 */
export function warmUp(kinds: readonly AnyKind[], env: NodeJS.ProcessEnv): Promise<boolean> {
  const profile = env[WARM_PROFILE_ENV];
  if (!profile) return Promise.resolve(true);
  if (!(WARM_PROFILES as readonly string[]).includes(profile)) {
    log(`unknown warm profile ${profile}: nothing prepared`);
    return Promise.resolve(false);
  }
  const failed = (kind: AnyKind) => (err: unknown) => {
    log(`warming up ${kind.name} for ${profile} failed: ${(err as Error).stack ?? String(err)}`);
    return false;
  };
  const preparations = kinds.map((kind) => {
    try {
      return Promise.resolve(kind.warmUp?.(profile as WarmProfile)).then(() => true, failed(kind));
    } catch (err) {
      return Promise.resolve(failed(kind)(err));
    }
  });
  return Promise.all(preparations).then((done) => done.every(Boolean));
}

/** Runs the harness as a process's whole work: a failure to report is exit code 70. */
export function startHarness(kinds: readonly AnyKind[]): void {
  void warmUp(kinds, process.env).then((prepared) => process.stderr.write(prepared ? HARNESS_READY_LINE.prepared : HARNESS_READY_LINE.unprepared));
  runHarness(kinds).catch((err: unknown) => {
    log(`fatal: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 70;
  });
}
