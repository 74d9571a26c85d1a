import { LIMITS, type ExerciseManifest } from '../../contracts';
import { PROCESS_LIMIT_MESSAGE } from '../../common/process/pids-usage';
import type { StudentProcessOutcome } from '../../common/process/run-as-student';
import type { RunnerReport } from './call-outcome';
import type { Judgement } from './judge';
import { parseReport } from './runner-report';
import { INJECTION_LOADED_MARKER, INJECTION_REPORT_MARKER, runnerCrashed, tokensIn } from './runner-protocol';

type InjectionPreventionManifest = Extract<ExerciseManifest, { kind: 'injection-prevention' }>;

/**
 * What the injection runner's process says about a test before any call is judged: a limit
 * it went over, a module that never loaded, a report or its absence. The runner
 * (kind.ts, fixed-test.ts) judges the calls only when this leaves them to judge.
 */
export type RunnerVerdict = { judgement: Judgement; loadFailed: boolean } | { report: Extract<RunnerReport, { kind: 'calls' }> };

export function interpretRunner(child: StudentProcessOutcome, nonce: string, manifest: InjectionPreventionManifest): RunnerVerdict {
  const { module } = manifest.injection;
  const loaded = child.stdout.text().includes(`${INJECTION_LOADED_MARKER}${nonce}\n`);
  // A fork bomb also starves the module's loading past the time limit: the process limit decides first.
  if (child.processLimitHit) return { judgement: everywhere('runtime_error', PROCESS_LIMIT_MESSAGE), loadFailed: !loaded };
  if (child.timedOut && !loaded) {
    // Still loading the module when time ran out: it would in every test, so say it once.
    const message = `${module} did not finish loading within ${seconds(manifest.limits.testTimeMs)}: look for a loop or a long computation at the top level of the module`;
    return { judgement: everywhere('time_limit_exceeded', message), loadFailed: true };
  }
  const limit = limitOverrun(child, manifest);
  if (limit) return { judgement: limit, loadFailed: false };
  const report = readReport(child, nonce);
  if (!report) return { judgement: noReport(child, runnerCrashed(child.exitCode, tokensIn(child.stdout.text(), nonce))), loadFailed: false };
  if (report.kind === 'load-error') return { judgement: everywhere('runtime_error', `${module} failed to load: ${report.message}`), loadFailed: true };
  return { report };
}

function limitOverrun(child: StudentProcessOutcome, manifest: InjectionPreventionManifest): Judgement | undefined {
  if (child.spawnError) return everywhere('internal_error', `the grader failed: the runner could not start: ${child.spawnError}`);
  if (child.timedOut) return everywhere('time_limit_exceeded', `your functions did not finish within ${seconds(manifest.limits.testTimeMs)}: look for a loop that never ends or a promise that never settles`);
  if (child.memoryKilled) return everywhere('memory_limit_exceeded', `your functions needed more than the ${manifest.limits.memoryMb} MiB memory limit`);
  if (child.outputLimitExceeded) return everywhere('output_limit_exceeded', `your functions printed more than ${Math.round(LIMITS.exercise.outputBytes / 1024)} KiB (console.log and errors together): print less`);
  return undefined;
}

function readReport(child: StudentProcessOutcome, nonce: string): RunnerReport | undefined {
  const text = child.stdout.text();
  const marker = `${INJECTION_REPORT_MARKER}${nonce}\n`;
  const at = text.lastIndexOf(marker);
  if (at < 0) return undefined;
  return parseReport(text.slice(at + marker.length).split('\n', 1)[0] ?? '');
}

function noReport(child: StudentProcessOutcome, crashed: boolean): Judgement {
  const stderr = child.stderr.text().trim().split('\n').slice(-12).join('\n').slice(-1500);
  const how = child.signal ? `signal ${child.signal}` : `exit code ${child.exitCode}`;
  if (crashed) return everywhere('internal_error', `the grader failed: the injection runner crashed: ${stderr}`);
  const visible = stderr ? `your code ended the process before the calls were done (${how}): ${stderr}` : `your code ended the process before the calls were done (${how}): do not end the process yourself (process.exit() in JavaScript, sys.exit() or os._exit() in Python)`;
  return { ...everywhere('runtime_error', 'your code ended the process before the calls were done'), visible, nameOnly: visible.slice(0, 300) };
}

/** The same words for every visibility: for failures that do not depend on a test's data. */
export function everywhere(verdict: Judgement['verdict'], message: string): Judgement {
  return { status: verdict === 'tests_failed' ? 'failed' : 'error', verdict, visible: message, nameOnly: message, hidden: message };
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
