import type { Queue } from 'bullmq';
import { GradeJob, LIMITS } from '@grader/contracts';

/** A regrade's job id: distinct from the submission's own job (whose id is the submission id), so both can exist. */
export function regradeJobId(batchId: string, submissionId: string): string {
  return `regrade-${batchId}-${submissionId}`;
}

/**
 * Adds a batch's jobs to the grade queue, behind every live submission: BullMQ takes jobs
 * without a priority (live ones) before prioritized ones, so a regrade never delays a student.
 */
export async function enqueueRegrades(gradeQueue: Queue, jobs: readonly GradeJob[]): Promise<void> {
  const chunk = 500;
  for (let i = 0; i < jobs.length; i += chunk) {
    await gradeQueue.addBulk(
      jobs.slice(i, i + chunk).map((job) => {
        const payload = GradeJob.parse(job);
        if (!payload.regradeBatch) throw new Error('a regrade job needs its batch');
        return { name: 'regrade', data: payload, opts: { jobId: regradeJobId(payload.regradeBatch, payload.submissionId), priority: LIMITS.regrade.priority } };
      }),
    );
  }
}
