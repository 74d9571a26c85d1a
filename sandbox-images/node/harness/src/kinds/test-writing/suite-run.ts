import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '../../contracts';
import { CONTAINER_LAYOUT } from '../../container-layout';
import { clearStudentFilesAsStudent } from '../../common/process/clear-as-student';
import { runAsStudent, type StudentProcessOutcome } from '../../common/process/run-as-student';
import { harnessRunner, runnerPath } from '../../common/student-runner';
import { studentReadableDir } from '../../common/workspace';
import { RUNNER_MARKS, RunnerReport } from './runner-report';

/** The Jest runner (student/jest-runner.ts), bundled into the image's runner directory. */
export const JEST_RUNNER = harnessRunner('jest-runner.js', 'kinds/test-writing/student/jest-runner.ts');
/** The pytest runner (sandbox-images/python/runner/pytest_runner.py), in the python runtime's image only. */
export const PYTEST_RUNNER = path.join(CONTAINER_LAYOUT.runnerDir, 'python', 'pytest_runner.py');

export type TestLanguage = 'javascript' | 'python';

export interface SuiteRunRequest {
  language: TestLanguage;
  /** The student's files: submitted path → text. */
  submission: Readonly<Record<string, string>>;
  /** Which of them the runner collects (isTestFile). */
  testFiles: readonly string[];
  /** Where the implementation goes beside them (the manifest's testing.module). */
  module: string;
  /** The implementation's text: the correct one, an equivalent or a mutant. */
  implementation: string;
  /** The exercise's testTimeMs: every test case's own time, and the run's beside the runner's start. */
  testTimeMs: number;
}

/** How a run that gave no report ended: the student's suite did it (or, on a mutant, the mutant). */
export type RunEnd = 'timeout' | 'memory' | 'output' | 'processes' | 'exited';

/** One run of the student's tests on one implementation. */
export type SuiteRun = { report: RunnerReport } | { end: RunEnd; detail: string };

/** Output a run may print, bytes: a report of LIMITS.testWriting.casesMax cases and their messages, with room for the student's prints. */
const OUTPUT_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Runs the student's test files on one implementation, as the student: a fresh directory
 * readable by the student holds their files and the implementation at the module's name and
 * nothing else (no other implementation is ever on disk beside them); when the run is over its
 * processes are gone, the directory removed and the student's scratch files cleared, so no run
 * sees what another left.
 *
 * The implementation's text ends with a comment of random length and content, so that its
 * bytes, size and hash differ in every run: a test cannot recognise the given implementation
 * by them (what it can still read of the code, the equivalents catch: verdict.ts).
 *
 * Resolves with the runner's report, or how the run ended without one. Throws when the runner
 * could not start or did not load its framework: the grader's failure, never the student's.
 */
export async function runSuite(request: SuiteRunRequest): Promise<SuiteRun> {
  const place = studentReadableDir('tw-');
  try {
    for (const [file, text] of Object.entries(request.submission)) writeInto(place.dir, file, text);
    writeInto(place.dir, request.module, salted(request.language, request.implementation));
    place.open();
    const outcome = await runAsStudent({
      ...runnerCommand(request, place.dir),
      cwd: place.dir,
      timeoutMs: request.testTimeMs + LIMITS.testWriting.runStartMs,
      stdoutCapBytes: OUTPUT_LIMIT_BYTES,
      stderrCapBytes: 16 * 1024,
      outputLimitBytes: OUTPUT_LIMIT_BYTES,
    });
    return readRun(outcome, place.dir);
  } finally {
    place.remove();
    await clearStudentFilesAsStudent();
  }
}

function runnerCommand(request: SuiteRunRequest, dir: string): { command?: string; args: string[]; env: Record<string, string> } {
  const timeout = String(request.testTimeMs);
  if (request.language === 'python') {
    // -I: no PYTHON* variables and no user site; -B: no .pyc written into the run's directory.
    return { command: CONTAINER_LAYOUT.python, args: ['-I', '-B', PYTEST_RUNNER, dir, timeout, ...request.testFiles], env: {} };
  }
  return { args: [runnerPath(JEST_RUNNER), dir, timeout, ...request.testFiles], env: { NODE_PATH: CONTAINER_LAYOUT.nodeModulesDir } };
}

function writeInto(dir: string, file: string, text: string): void {
  const target = path.join(dir, file);
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
  writeFileSync(target, text, { mode: 0o644, flag: 'wx' });
}

/** The implementation with a trailing comment of 8 to 64 random characters. */
export function salted(language: TestLanguage, text: string): string {
  const salt = randomBytes(48).toString('base64url').slice(0, randomInt(8, 65));
  return `${text.replace(/\n*$/, '\n')}${language === 'python' ? '#' : '//'} ${salt}\n`;
}

/** The report the run printed last, or how it ended without one. */
export function readRun(outcome: StudentProcessOutcome, dir: string): SuiteRun {
  if (outcome.spawnError) throw new Error(`the test runner could not start: ${outcome.spawnError}`);
  const stdout = outcome.stdout.text();
  if (outcome.processLimitHit) return { end: 'processes', detail: 'your tests started more processes than the sandbox allows' };
  if (outcome.memoryKilled) return { end: 'memory', detail: 'your tests ran out of memory' };
  if (outcome.outputLimitExceeded) return { end: 'output', detail: `your tests printed more than ${OUTPUT_LIMIT_BYTES / (1024 * 1024)} MiB` };
  if (!stdout.includes(RUNNER_MARKS.ready)) {
    if (outcome.timedOut) throw new Error('the test runner did not load its framework within the run\'s time');
    throw new Error(`the test runner failed before any test ran (${outcome.signal ?? `exit ${outcome.exitCode}`}): ${outcome.stderr.text().slice(-1_000)}`);
  }
  if (outcome.timedOut) return { end: 'timeout', detail: 'your tests did not finish in time' };
  const at = stdout.lastIndexOf(RUNNER_MARKS.report);
  if (at < 0) return { end: 'exited', detail: `your tests ended the test run before it could report (${outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`}): does a test call process.exit, sys.exit or os._exit?` };
  const line = stdout.slice(at + RUNNER_MARKS.report.length).split('\n', 1)[0]!;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { end: 'exited', detail: 'the test run\'s report was cut short: did a test print over it or end the process?' };
  }
  const report = RunnerReport.safeParse(parsed);
  if (!report.success) return { end: 'exited', detail: 'the test run\'s report was not one the runner writes: did a test print one of its own?' };
  return { report: tidyReport(report.data, dir) };
}

/** The report held to its bounds, with the run's directory taken out of every message. */
function tidyReport(report: RunnerReport, dir: string): RunnerReport {
  const { casesMax, messageChars } = LIMITS.testWriting;
  const tidy = (message: string) => condensed(message.split(`${dir}/`).join('').split(dir).join('.')).slice(0, messageChars);
  return {
    files: report.files.slice(0, casesMax).map((f) => ({ file: f.file.slice(0, 200), ...(f.error !== undefined && { error: tidy(f.error) }) })),
    cases: report.cases.slice(0, casesMax).map((c) => ({ file: c.file.slice(0, 200), name: c.name.slice(0, 300), status: c.status, ...(c.message !== undefined && { message: tidy(c.message) }) })),
  };
}

/**
 * A framework's message without what only the framework needs: Jest's header and advice on
 * configuring Babel before the actual error ("Details:", or the first paragraph of an ES module
 * refusal), and the frames of the framework and of our runner (Jest's stack lines under
 * /opt/node_modules, pytest's under /opt/runner with the code line after each).
 */
function condensed(message: string): string {
  let kept = message.replace(/^\s*● Test suite failed to run\s*\n/, '');
  const details = kept.indexOf('Details:');
  if (details >= 0) kept = kept.slice(details + 'Details:'.length);
  if (/Must use import to load ES Module/.test(kept)) kept = kept.trim().split(/\n\s*\n/)[0]!;
  const lines = kept.split('\n');
  const own: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s+at .*\/opt\/(?:node_modules|runner)\//.test(line)) continue;
    if (/^\/opt\/runner\/.*: in /.test(line)) {
      while (i + 1 < lines.length && /^\s/.test(lines[i + 1]!)) i++;
      continue;
    }
    own.push(line);
  }
  return own.join('\n').replace(/^\s*\n/, '').trimEnd();
}
