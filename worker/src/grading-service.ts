import { UnrecoverableError, type Job } from 'bullmq';
import { SANDBOX_PROTOCOL, type ExerciseBundle, type SandboxInput, type SandboxResult, type SubmittedFiles } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { isLastAttempt } from './job-attempts';
import { SandboxProtocolError } from './sandbox/errors';

/** What grading needs of the worker: bundles, a sandbox and the images' prefix. */
export interface GradingDeps {
  bundles: { get(hash: string): Promise<ExerciseBundle> };
  runSandbox(request: { image: string; input: Omit<SandboxInput, 'nonce'>; submissionId: string }): Promise<{ result: SandboxResult; durationMs: number; warm?: boolean; readyMs?: number }>;
  imagePrefix: string;
  logger: Logger;
}

/** A job's schema (GradeJob, ValidateJob): zod's safeParse. */
interface JobSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } };
}

/** How a job's failure is told: what failed (for the log), and the reasons published for a harness crash and for spent retries. */
export interface FailureReport {
  what: 'grading' | 'validation';
  /** Set on the log lines of a harness crash, e.g. the candidate being graded. */
  context?: () => Record<string, unknown>;
  harnessReason(message: string): string;
  retriesSpentReason(message: string, attempts: number): string;
  publish(reason: string): Promise<void>;
}

/**
 * The worker's one way to grade files in a sandbox, used by live grading, regrades and draft
 * validation alike: the job's payload checked, the sandbox's input assembled from the bundle, and
 * a failure sorted into one of three kinds, kept apart on purpose:
 * - the harness produced no valid result: published at once, never retried (the same files would meet the same end);
 * - the infrastructure failed (engine, image, API): thrown so BullMQ retries with backoff, published once the retries are spent;
 * - an UnrecoverableError a caller already published: passed on as it is.
 */
export class GradingService {
  constructor(private readonly deps: GradingDeps) {}

  get logger(): Logger {
    return this.deps.logger;
  }

  /** The job's payload, or an UnrecoverableError (logged) when it is malformed: retrying would not mend it. */
  payloadOf<T>(job: Job, schema: JobSchema<T>, kind: 'grade' | 'validate'): T {
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      this.deps.logger.error({ jobId: job.id, issues: parsed.error.issues.slice(0, 5) }, `malformed ${kind} job`);
      throw new UnrecoverableError(`malformed ${kind} job`);
    }
    return parsed.data;
  }

  bundle(hash: string): Promise<ExerciseBundle> {
    return this.deps.bundles.get(hash);
  }

  /** Grades `submission` against the bundle in a fresh sandbox of the exercise's runtime. */
  run(bundle: ExerciseBundle, submission: SubmittedFiles, runId: string): Promise<{ result: SandboxResult; durationMs: number; warm?: boolean; readyMs?: number }> {
    const input: Omit<SandboxInput, 'nonce'> = {
      protocol: SANDBOX_PROTOCOL,
      manifest: bundle.manifest,
      exerciseFiles: bundle.files,
      submission,
    };
    return this.deps.runSandbox({ image: `${this.deps.imagePrefix}${bundle.manifest.runtime}`, input, submissionId: runId });
  }

  /** Sorts a failure (see the class), publishes what must be, and always throws. */
  async failed(err: unknown, job: Job, log: Logger, report: FailureReport): Promise<never> {
    const message = (err as Error).message;
    if (err instanceof UnrecoverableError) throw err;
    if (err instanceof SandboxProtocolError) {
      log.error({ err: message, ...report.context?.() }, `harness gave no valid result${report.what === 'validation' ? ' while validating' : ''}`);
      await report.publish(report.harnessReason(message));
      throw new UnrecoverableError(message);
    }
    if (isLastAttempt(job)) {
      log.error({ err: message }, `${report.what} failed; no attempts left`);
      await report.publish(report.retriesSpentReason(message, job.attemptsMade + 1)).catch(() => undefined);
    } else {
      log.warn({ err: message }, `${report.what} failed; will retry`);
    }
    throw err;
  }
}
