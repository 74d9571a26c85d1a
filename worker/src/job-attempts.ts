import type { Job } from 'bullmq';

/** True when BullMQ will not try this job again after the current attempt fails: then its failure must be published. */
export function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
