import path from 'node:path';
import { LIMITS } from '../../contracts';
import { CONTAINER_LAYOUT } from '../../container-layout';
import { runAsStudent } from '../process/run-as-student';
import type { SyntaxProblem } from '../source-check';

/** The Python syntax check (sandbox-images/python/runner/syntax_check.py), in the python runtime's image only. */
export const PYTHON_SYNTAX_CHECK = path.join(CONTAINER_LAYOUT.runnerDir, 'python', 'syntax_check.py');
/** Compiling a few files takes some 50 ms; more is a pathological source, reported as such. */
const CHECK_TIMEOUT_MS = 10_000;

export type PythonCheck = { kind: 'checked'; problems: SyntaxProblem[] } | { kind: 'failed'; message: string };

/**
 * Every syntax error of the submitted .py files, in path order, found by Python's own compiler
 * (compile(), nothing executed) in a process of the student's: the source is hostile, and a
 * compiler can be made to exhaust memory or time. `failed` when the check itself did not finish
 * (the student's source made it run out of time or memory: their compile error).
 */
export async function findPythonSyntaxErrors(files: Record<string, string>): Promise<PythonCheck> {
  const names = Object.keys(files).filter((f) => f.endsWith('.py')).sort();
  if (names.length === 0) return { kind: 'checked', problems: [] };
  const run = await runAsStudent({
    command: CONTAINER_LAYOUT.python,
    args: ['-I', '-B', PYTHON_SYNTAX_CHECK, ...names],
    cwd: CONTAINER_LAYOUT.submissionDir,
    timeoutMs: CHECK_TIMEOUT_MS,
    stdoutCapBytes: LIMITS.exercise.outputBytes,
    stderrCapBytes: LIMITS.exercise.outputBytes,
  });
  if (run.spawnError) throw new Error(`the Python syntax check could not start: ${run.spawnError}`);
  if (run.timedOut || run.memoryKilled || run.exitCode !== 0) {
    return { kind: 'failed', message: `Python could not compile your files (${run.timedOut ? 'it ran out of time' : run.memoryKilled ? 'it ran out of memory' : `exit code ${run.exitCode}`}): look for an expression nested very deeply` };
  }
  const problems = run.stdout
    .text()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SyntaxProblem);
  return { kind: 'checked', problems };
}
