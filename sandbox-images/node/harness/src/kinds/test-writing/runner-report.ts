import { z } from 'zod';

/**
 * What a runner of the student's tests (Jest's, student/jest-runner.ts; pytest's,
 * sandbox-images/python/runner/pytest_runner.py) prints on stdout, each mark starting a line.
 * The student's code shares the runner's process and may print anything, marks included: the
 * harness reads the last report, and a report says only what the student's tests could have
 * made true by passing or failing (suite-run.ts).
 */
export const RUNNER_MARKS = {
  /** The framework loaded, before any student code: a run without it is the grader's failure. */
  ready: '@@grader-runner-ready@@',
  /** Followed on the same line by the report, JSON. */
  report: '@@grader-runner-report@@',
} as const;

const CaseStatus = z.enum(['passed', 'failed', 'skipped']);

export const ReportedCase = z.object({
  /** The test file, relative to the run's directory. */
  file: z.string(),
  /** Describe blocks and title joined by ' › ' (Jest); the node id's name (pytest). */
  name: z.string(),
  status: CaseStatus,
  /** A failure's message, as the framework printed it. */
  message: z.string().optional(),
});
export type ReportedCase = z.infer<typeof ReportedCase>;

export const RunnerReport = z.object({
  /** Each test file the runner loaded; `error` when it could not run at all (a syntax error, a failed require). */
  files: z.array(z.object({ file: z.string(), error: z.string().optional() })),
  cases: z.array(ReportedCase),
});
export type RunnerReport = z.infer<typeof RunnerReport>;
