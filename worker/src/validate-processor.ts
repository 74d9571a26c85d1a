import { UnrecoverableError, type Job } from 'bullmq';
import { candidateSubmission, judgeCandidate, nondeterminismOf, SANDBOX_PROTOCOL, ValidateJob, type CandidateReport, type ExerciseBundle, type SandboxInput, type SandboxResult, type ValidationOutcome, withNondeterminism } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { isLastAttempt } from './job-attempts';
import { SandboxProtocolError } from './sandbox/errors';

export interface ValidateProcessorDeps {
  bundles: { get(hash: string): Promise<ExerciseBundle> };
  publisher: { validated(validationId: string, outcome: ValidationOutcome): Promise<void> };
  runSandbox(request: { image: string; input: Omit<SandboxInput, 'nonce'>; submissionId: string }): Promise<{ result: SandboxResult; durationMs: number }>;
  imagePrefix: string;
  logger: Logger;
}

/**
 * Validates one draft: grades each candidate solution in a fresh sandbox, one after another
 * (the reference twice, to prove it deterministic), and publishes the whole report at once. Outcomes, as for grading:
 * - every candidate ran: the complete report (candidates that miss their mark are findings, not failures);
 * - the harness gave no valid result for one: the validation errors at once (retrying would not help);
 * - the infrastructure failed: thrown so BullMQ retries the whole validation from the start,
 *   and published as an errored validation once the retries are spent. Never half a report.
 */
export function validateProcessor(deps: ValidateProcessorDeps) {
  return async (job: Job): Promise<{ passed: number; candidates: number }> => {
    const parsed = ValidateJob.safeParse(job.data);
    if (!parsed.success) {
      deps.logger.error({ jobId: job.id, issues: parsed.error.issues.slice(0, 5) }, 'malformed validate job');
      throw new UnrecoverableError('malformed validate job');
    }
    const { validationId, bundleHash, candidates } = parsed.data;
    const log = deps.logger.child({ validationId, attempt: job.attemptsMade + 1 });
    let current = '';
    try {
      const bundle = await deps.bundles.get(bundleHash);
      const reports: CandidateReport[] = [];
      for (const candidate of candidates) {
        current = candidate.name;
        const input: Omit<SandboxInput, 'nonce'> = {
          protocol: SANDBOX_PROTOCOL,
          manifest: bundle.manifest,
          exerciseFiles: bundle.files,
          submission: candidateSubmission(candidate, bundle.files),
        };
        const image = `${deps.imagePrefix}${bundle.manifest.runtime}`;
        const run = await deps.runSandbox({ image, input, submissionId: validationId });
        let report = judgeCandidate(candidate, run.result, bundle.manifest.maxScore);
        if (candidate.role === 'reference') {
          // Graded again in a fresh sandbox: the oracle of the generated checks must be deterministic.
          const again = await deps.runSandbox({ image, input, submissionId: validationId });
          report = withNondeterminism(report, nondeterminismOf(run.result, again.result));
        }
        log.info({ candidate: candidate.name, score: report.score, ok: report.ok, durationMs: run.durationMs }, 'candidate graded');
        reports.push(report);
      }
      await deps.publisher.validated(validationId, { status: 'complete', candidates: reports });
      return { passed: reports.filter((r) => r.ok).length, candidates: reports.length };
    } catch (err) {
      const message = (err as Error).message;
      if (err instanceof SandboxProtocolError) {
        log.error({ err: message, candidate: current }, 'harness gave no valid result while validating');
        await deps.publisher.validated(validationId, { status: 'error', reason: `The sandbox harness returned no valid result for ${current}: ${message}`.slice(0, 4000) });
        throw new UnrecoverableError(message);
      }
      if (isLastAttempt(job)) {
        log.error({ err: message }, 'validation failed; no attempts left');
        await deps.publisher
          .validated(validationId, { status: 'error', reason: `Validation failed after ${job.attemptsMade + 1} attempts: ${message}`.slice(0, 4000) })
          .catch(() => undefined);
      } else {
        log.warn({ err: message }, 'validation failed; will retry');
      }
      throw err;
    }
  };
}
