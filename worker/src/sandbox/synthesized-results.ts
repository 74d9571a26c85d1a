import { SANDBOX_PROTOCOL, type ExerciseManifest, type SandboxResult, type Verdict } from '@grader/contracts';

/**
 * Results the worker writes itself when the container was stopped from outside (the wall
 * deadline) or killed by the kernel (out of memory) before the harness could report.
 * Every test is an error with no points: nothing was proven.
 */
export function synthesizedResult(manifest: ExerciseManifest, verdict: Verdict, message: string): SandboxResult {
  return {
    protocol: SANDBOX_PROTOCOL,
    verdict,
    score: 0,
    maxScore: manifest.maxScore,
    message,
    tests: manifest.tests.map((test) => ({
      name: test.name,
      visibility: test.visibility,
      status: 'error',
      verdict,
      score: 0,
      maxScore: test.points,
      message,
    })),
  };
}

export function wallTimeExceededResult(manifest: ExerciseManifest, wallMs: number): SandboxResult {
  return synthesizedResult(
    manifest,
    'time_limit_exceeded',
    `grading took longer than ${Math.round(wallMs / 1000)} s in all and was stopped: look for a query or loop that never ends`,
  );
}

export function memoryExceededResult(manifest: ExerciseManifest): SandboxResult {
  return synthesizedResult(
    manifest,
    'memory_limit_exceeded',
    `the sandbox ran out of its ${manifest.limits.memoryMb} MiB of memory before the tests could finish`,
  );
}
