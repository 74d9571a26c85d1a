/**
 * The harness: PID 2 of a sandbox container (docker-init is PID 1), root, trusted.
 * Reads one SandboxInput on stdin, grades it with the runner of the exercise's kind and
 * writes the framed SandboxResult as its last output. Exit code 0 whatever the tests
 * did; a non-zero exit means the harness itself could not even report.
 */
import { log } from './log';
import { parseInput, readStdin } from './read-input';
import { internalErrorResult } from './result-summary';
import { writeResult } from './result-writer';
import { runExercise } from './runners/registry';

async function main(): Promise<void> {
  const reading = parseInput(await readStdin(process.stdin));
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
    result = await runExercise(input.manifest, input);
  } catch (err) {
    log(`grading failed: ${(err as Error).stack ?? String(err)}`);
    result = internalErrorResult((err as Error).message ?? String(err), input.manifest.maxScore);
  }
  await writeResult(input.nonce, result);
}

main().catch((err: unknown) => {
  log(`fatal: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 70;
});
