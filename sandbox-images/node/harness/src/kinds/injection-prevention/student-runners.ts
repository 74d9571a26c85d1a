import path from 'node:path';
import { CONTAINER_LAYOUT } from '../../container-layout';
import { harnessRunner, runnerPath } from '../../common/student-runner';

/** Calls the student's data-access functions on the test's database (a JavaScript module). */
export const INJECTION_RUNNER = harnessRunner('injection-runner.js', 'kinds/injection-prevention/student/injection-runner.ts');

/** The Python injection runner and its SQL recorder (sandbox-images/python), in the python runtime's image only. */
export const PYTHON_INJECTION_RUNNER = path.join(CONTAINER_LAYOUT.runnerDir, 'python', 'injection_runner.py');
export const PYTHON_SQL_RECORDER = path.join(CONTAINER_LAYOUT.runnerDir, 'python', 'libgrader_sqltrace.so');

/** How an injection runner process is started: the interpreter (default Node), its arguments and environment. */
export interface InjectionLauncher {
  command?: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * The runner for a module by its language: Node's bundled runner for JavaScript; Python's, with
 * its SQL recorder preloaded (LD_PRELOAD: Python code cannot unload or bypass it), for `.py`.
 */
export function injectionLauncher(modulePath: string): InjectionLauncher {
  if (/\.py$/.test(modulePath)) return { command: CONTAINER_LAYOUT.python, args: ['-I', '-B', PYTHON_INJECTION_RUNNER], env: { LD_PRELOAD: PYTHON_SQL_RECORDER } };
  return { args: [runnerPath(INJECTION_RUNNER)], env: { NODE_PATH: CONTAINER_LAYOUT.nodeModulesDir } };
}
