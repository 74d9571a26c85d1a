/**
 * The staff-facing reasons of a grader error, in one place so that each cause reads the same
 * wherever it is recorded, and so that staff can tell the causes apart at a glance: a worker
 * that keeps dying is the infrastructure's problem; a harness that crashed on one submission
 * most likely met something in that submission.
 */

/** BullMQ's failedReason of a job whose worker died holding it more often than allowed. */
const STALLED = /stalled more than allowable limit/i;

/** Why a job failed for good, as the reconciler records it for staff. */
export function jobFailureReason(failedReason: string | undefined, attemptsMade: number): string {
  if (failedReason && STALLED.test(failedReason)) {
    return (
      'Infrastructure: the worker grading this submission stopped before finishing, again and again (a worker process ' +
      'crashed or was killed, or its host restarted). Nothing is known against the submission. Queue it again once the ' +
      'workers are healthy; if only this submission does it, look at what it runs.'
    );
  }
  return `Infrastructure: grading failed after ${attemptsMade} attempts: ${failedReason ?? 'no reason recorded'}. Queue it again once the cause is fixed.`;
}

/** Why the sandbox gave no valid result, as the worker records it for staff. */
export function harnessCrashReason(detail: string): string {
  return (
    `Submission: the sandbox ran but its harness ended without a valid result (${detail}). The worker and the engine ` +
    'were fine; something this submission did inside its container most likely caused it. Not retried: the same ' +
    'submission would meet the same end.'
  );
}
