import path from 'node:path';
import { CONTAINER_LAYOUT } from '../../container-layout';
import { runnerPath } from '../../common/student-runner';
import { REST_RUNNER } from './student-runners';
import { JAVASCRIPT_JSON_HINT } from './test-kit';

/** The languages a rest-endpoint app may be written in (the manifest's `rest.language`). */
export type AppLanguage = 'javascript' | 'typescript' | 'python';

/**
 * How the process that hosts one app (the student's or the reference's) is started: the
 * interpreter, its arguments (the language's app runner last), and what the app's code needs in
 * its environment. Both runners speak the same protocol (student/rest-runner.ts): GRADER_APP_ENTRY,
 * PORT or GRADER_APP_SOCKET, GRADER_RESET_TOKEN.
 */
export interface AppLauncher {
  command: string;
  args: string[];
  env: Record<string, string>;
  /**
   * The exit code with which the runner says that the student's module could not be imported
   * (a module that does not exist, a name it lacks), before the app listened: the submission's
   * compile error rather than a crash. The student's own code can exit with it too, and gains
   * nothing by it: either way no test passes.
   */
  importErrorExitCode?: number;
  /** How an app of this language answers JSON, for a message about a body that is not JSON. */
  jsonHint: string;
}

/** rest_runner.py's exit code for an ImportError while the student's module is imported. */
export const PYTHON_IMPORT_ERROR_EXIT = 3;

/** The Python app runner (sandbox-images/python/runner/rest_runner.py), in the python runtime's image only. */
export const PYTHON_REST_RUNNER = path.join(CONTAINER_LAYOUT.runnerDir, 'python', 'rest_runner.py');

export function appLauncher(language: AppLanguage): AppLauncher {
  if (language === 'python') {
    // -I: no PYTHON* variables, no user site-packages, not the script's folder on sys.path;
    // -B: no .pyc files written (the student's folder is read-only to them anyway).
    return {
      command: CONTAINER_LAYOUT.python,
      args: ['-I', '-B', PYTHON_REST_RUNNER],
      env: {},
      importErrorExitCode: PYTHON_IMPORT_ERROR_EXIT,
      jsonHint: 'return a dict or a list (Flask, FastAPI), or jsonify(...)',
    };
  }
  return {
    command: CONTAINER_LAYOUT.node,
    // Stack traces of compiled TypeScript name the .ts lines.
    args: [...(language === 'typescript' ? ['--enable-source-maps'] : []), runnerPath(REST_RUNNER)],
    // express, zod and better-sqlite3 for the student's require().
    env: { NODE_PATH: CONTAINER_LAYOUT.nodeModulesDir },
    jsonHint: JAVASCRIPT_JSON_HINT,
  };
}
