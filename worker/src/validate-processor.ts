import type { Job } from 'bullmq';
import { candidateSubmission, judgeCandidate, LIMITS, nondeterminismOf, ValidateJob, type CandidateReport, type ValidationOutcome, withNondeterminism } from '@grader/contracts';
import { GradingService, type GradingDeps } from './grading-service';

export interface ValidateProcessorDeps extends GradingDeps {
  publisher: { validated(validationId: string, outcome: ValidationOutcome): Promise<void> };
}

/**
 * Validates one draft: grades each candidate solution in a fresh sandbox, one after another
 * (the reference twice, to prove it deterministic), and publishes the whole report at once.
 * Failures are sorted as for grading (see GradingService): the harness giving no valid result for
 * one candidate errors the validation at once; an infrastructure failure retries the whole
 * validation from the start, and errors it once the retries are spent. Never half a report.
 */
export function validateProcessor(deps: ValidateProcessorDeps) {
  const grading = new GradingService(deps);
  return async (job: Job): Promise<{ passed: number; candidates: number }> => {
    const { validationId, bundleHash, candidates } = grading.payloadOf(job, ValidateJob, 'validate');
    const log = deps.logger.child({ validationId, attempt: job.attemptsMade + 1 });
    let current = '';
    try {
      const bundle = await grading.bundle(bundleHash);
      const reports: CandidateReport[] = [];
      for (const candidate of candidates) {
        current = candidate.name;
        const submission = candidateSubmission(candidate, bundle.files);
        const run = await grading.run(bundle, submission, validationId);
        let report = judgeCandidate(candidate, run.result, bundle.manifest.maxScore);
        if (candidate.role === 'reference') {
          // Graded again in a fresh sandbox: the oracle of the generated checks must be deterministic.
          const again = await grading.run(bundle, submission, validationId);
          report = withNondeterminism(report, nondeterminismOf(run.result, again.result));
        }
        log.info({ candidate: candidate.name, score: report.score, ok: report.ok, durationMs: run.durationMs }, 'candidate graded');
        reports.push(report);
      }
      await deps.publisher.validated(validationId, { status: 'complete', candidates: reports });
      return { passed: reports.filter((r) => r.ok).length, candidates: reports.length };
    } catch (err) {
      const cap = (reason: string) => reason.slice(0, LIMITS.text.reasonChars);
      return grading.failed(err, job, log, {
        what: 'validation',
        context: () => ({ candidate: current }),
        harnessReason: (message) => cap(`The sandbox harness returned no valid result for ${current}: ${message}`),
        retriesSpentReason: (message, attempts) => cap(`Validation failed after ${attempts} attempts: ${message}`),
        publish: (reason) => deps.publisher.validated(validationId, { status: 'error', reason }),
      });
    }
  };
}
