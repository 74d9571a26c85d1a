/**
 * The student-side Jest runner: runs the student's test files on the one implementation in
 * their directory, as the student, and prints what each test case did.
 *
 * Usage: node jest-runner.js <dir> <testTimeoutMs> <test file>...   (paths relative to <dir>)
 *
 * Prints RUNNER_MARKS.ready once Jest is loaded, before any student code runs (a run without it
 * is the grader's failure), and the report as the last line, RUNNER_MARKS.report + JSON
 * (RunnerReport). Everything here runs in the student's process: the harness trusts the report
 * no more than the student's code (see ../suite-run.ts).
 */
import path from 'node:path';
import { RUNNER_MARKS, type RunnerReport, type ReportedCase } from '../runner-report';

interface JestAssertion {
  ancestorTitles: string[];
  title: string;
  status: string;
  failureMessages: string[];
}
interface JestFileResult {
  testFilePath: string;
  testExecError?: { message?: string } | null;
  failureMessage?: string | null;
  testResults: JestAssertion[];
}

/** What the report keeps of a failure's message (the harness keeps less): a report of many failures stays far below the run's output limit. */
const MESSAGE_CHARS = 2_000;

async function main(): Promise<void> {
  const [dir, timeoutMs, ...files] = process.argv.slice(2);
  if (!dir || !timeoutMs || files.length === 0) throw new Error('usage: jest-runner.js <dir> <testTimeoutMs> <test file>...');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCLI } = require('jest') as { runCLI: (argv: Record<string, unknown>, projects: string[]) => Promise<{ results: { testResults: JestFileResult[] } }> };
  process.stdout.write(`${RUNNER_MARKS.ready}\n`);
  const config = {
    rootDir: dir,
    roots: [dir],
    // CommonJS as written: no Babel, so no transform and nothing cached between runs.
    transform: {},
    testEnvironment: 'node',
    testMatch: files.map((f) => path.join(dir, f)),
    testTimeout: Number(timeoutMs),
    modulePaths: process.env.NODE_PATH ? [process.env.NODE_PATH] : [],
    cacheDirectory: path.join(process.env.TMPDIR ?? '/tmp', 'jest-cache'),
    watchman: false,
    injectGlobals: true,
  };
  const { results } = await runCLI({ _: [], $0: 'jest', config: JSON.stringify(config), runInBand: true, silent: true, ci: true, cache: false, watch: false, watchAll: false }, [dir]);
  const report: RunnerReport = { files: [], cases: [] };
  for (const file of results.testResults) {
    const name = path.relative(dir, file.testFilePath);
    const error = file.testExecError ? (file.failureMessage ?? file.testExecError.message ?? 'the test file could not run').slice(0, MESSAGE_CHARS * 4) : undefined;
    report.files.push({ file: name, ...(error !== undefined && { error }) });
    for (const a of file.testResults) report.cases.push(caseOf(name, a));
  }
  process.stdout.write(`\n${RUNNER_MARKS.report}${JSON.stringify(report)}\n`, () => process.exit(0));
}

function caseOf(file: string, a: JestAssertion): ReportedCase {
  const status = a.status === 'passed' ? 'passed' : a.status === 'failed' ? 'failed' : 'skipped';
  return { file, name: [...a.ancestorTitles, a.title].join(' › '), status, ...(status === 'failed' && { message: a.failureMessages.join('\n').slice(0, MESSAGE_CHARS) }) };
}

main().catch((err: unknown) => {
  process.stderr.write(`jest-runner: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
