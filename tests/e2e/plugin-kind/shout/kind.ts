import { CONTAINER_LAYOUT } from '../../../../sandbox-images/node/harness/src/container-layout';
import { runAsStudent } from '../../../../sandbox-images/node/harness/src/common/process/run-as-student';
import { runnerPath, type StudentRunner } from '../../../../sandbox-images/node/harness/src/common/student-runner';
import { testResultOf } from '../../../../sandbox-images/node/harness/src/common/test-feedback';
import type { Kind } from '../../../../sandbox-images/node/harness/src/kinds/kind';
import { ShoutManifest } from './manifest';

const SHOUT_RUNNER: StudentRunner = { file: 'shout-runner.js', source: 'tests/e2e/plugin-kind/shout/student/shout-runner.ts' };

/** A test's outcome: the answer was right, wrong (with it), or the module failed. */
type ShoutOutcome = { kind: 'passed' } | { kind: 'wrong'; expected: string; actual: string } | { kind: 'error'; message: string } | { kind: 'internal'; message: string };

/**
 * Kind `shout`, a plug-in that lives only under the tests: each test runs the student's
 * function in a process of the student's uid (its runner, shout-runner.js) and compares the
 * answer with the manifest's. Everything else (writing the files, deadlines, the summary)
 * is the generic test loop's.
 */
export const shout: Kind<ShoutManifest, { modulePath: string }, ShoutOutcome> = {
  name: 'shout',
  manifest: ShoutManifest,
  studentRunners: [SHOUT_RUNNER],

  prepare({ manifest, written }) {
    const modulePath = written.get(manifest.shout.module);
    if (modulePath === undefined) return { common: { kind: 'error', message: `your submission has no file ${manifest.shout.module}` } };
    return { ready: { modulePath } };
  },

  async runTest({ modulePath }, { test }) {
    const child = await runAsStudent({
      args: [runnerPath(SHOUT_RUNNER), modulePath],
      cwd: CONTAINER_LAYOUT.studentHome,
      timeoutMs: 5_000,
      stdoutCapBytes: 4096,
      stderrCapBytes: 4096,
      stdin: 'pipe',
      onSpawn: (spawned) => spawned.stdin?.end(test.input),
    });
    const line = child.stdout.text().trim();
    if (!line) return { outcome: { kind: 'internal', message: `the shout runner said nothing (exit ${child.exitCode ?? child.signal})` } };
    const said = JSON.parse(line) as { answer?: string; error?: string };
    if (said.error !== undefined) return { outcome: { kind: 'error', message: said.error } };
    return { outcome: said.answer === test.expected ? { kind: 'passed' } : { kind: 'wrong', expected: test.expected, actual: said.answer ?? '' } };
  },

  resultOf: (test, outcome) =>
    testResultOf(test, (visibility) => {
      switch (outcome.kind) {
        case 'passed':
          return { status: 'passed', verdict: 'accepted', message: 'passed' };
        case 'wrong':
          return { status: 'failed', verdict: 'tests_failed', message: 'wrong answer', ...(visibility === 'visible' && { expected: outcome.expected, actual: outcome.actual }) };
        case 'error':
          return { status: 'error', verdict: 'runtime_error', message: outcome.message };
        case 'internal':
          return { status: 'error', verdict: 'internal_error', message: outcome.message };
      }
    }),
  internal: (message) => ({ kind: 'internal', message }),
};
