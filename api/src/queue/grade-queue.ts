import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { censusOf, GradeJob, LIMITS, QUEUES, reportsOf, trialRunJobId, workerHealthKey, type SubmittedFiles, type WorkerCensus, type WorkerReport } from '@grader/contracts';
import { DEFAULT_RETRY_POLICY, producerQueue, type RetryPolicy } from '@grader/runtime';

/** What a grade job is built from: a submission row (its id and files) and the exercise version to grade it against. */
export interface GradeSource {
  submission: { id: string; files: SubmittedFiles };
  version: { slug: string; version: number; bundleHash: string };
  /** Set when the grading belongs to a regrade batch: its result goes to the batch, not onto the submission. */
  regradeBatch?: string;
}

/**
 * A grade job's id: the submission id for its own grading (adding it twice queues it once), and
 * `regrade-<batch>-<submission>` for a regrade, distinct from it so that both can exist.
 */
export function gradeJobId(submissionId: string, regradeBatch?: string): string {
  return regradeBatch ? `regrade-${regradeBatch}-${submissionId}` : submissionId;
}

/**
 * The one place a grade job is built: its payload, name, id and options. A regrade waits behind
 * every live submission: BullMQ takes jobs without a priority (live ones) before prioritized ones.
 */
export function gradeJobOf(source: GradeSource): { name: 'grade' | 'regrade'; data: GradeJob; opts: JobsOptions } {
  const { submission, version, regradeBatch } = source;
  const data = GradeJob.parse({
    submissionId: submission.id,
    exercise: { slug: version.slug, version: version.version, bundleHash: version.bundleHash },
    files: submission.files,
    ...(regradeBatch ? { regradeBatch } : {}),
  });
  const jobId = gradeJobId(data.submissionId, data.regradeBatch);
  return regradeBatch ? { name: 'regrade', data, opts: { jobId, priority: LIMITS.regrade.priority } } : { name: 'grade', data, opts: { jobId } };
}

/** The producer of grade jobs (live gradings, the reconciler's re-queues, staff re-queues and regrades) and their state. */
export class GradeQueue {
  readonly queue: Queue;

  /** `retry`: how infrastructure failures are retried (see retry-policy.ts); a deployment's config sets it. */
  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    this.queue = producerQueue(QUEUES.grade, connection, prefix, retry, LIMITS.queue.keepCompletedGradeJobs);
  }

  /** Queues a submission's grading against `version`; nothing when its job is already there. */
  async enqueue(submission: GradeSource['submission'], version: GradeSource['version']): Promise<void> {
    const { name, data, opts } = gradeJobOf({ submission, version });
    await this.queue.add(name, data, opts);
  }

  /**
   * Queues a canary grading (api/src/health/canary.ts) of `files` against `version`: job id
   * `canary-<id>`, at the front of the waiting jobs (LIFO), tried once (a failure is what the
   * canary watches for), removed once done.
   */
  async enqueueCanary(id: string, version: GradeSource['version'], files: SubmittedFiles): Promise<void> {
    const data = GradeJob.parse({ submissionId: id, exercise: { slug: version.slug, version: version.version, bundleHash: version.bundleHash }, files, canary: true });
    await this.queue.add('canary', data, { jobId: `canary-${id}`, lifo: true, attempts: 1, removeOnComplete: true, removeOnFail: { age: LIMITS.queue.keepFailedJobsSeconds } });
  }

  /**
   * Queues a trial run (the visible tests only, contracts' trial-runs.ts): job id `trial-<id>`,
   * behind every live submission (a priority; live jobs carry none) and ahead of regrades, retried
   * as a submission's job is, removed once done (its result is in SQLite).
   */
  async enqueueTrial(id: string, version: GradeSource['version'], files: SubmittedFiles): Promise<void> {
    const data = GradeJob.parse({ submissionId: id, exercise: { slug: version.slug, version: version.version, bundleHash: version.bundleHash }, files, trial: true });
    await this.queue.add('trial', data, { jobId: trialRunJobId(id), priority: LIMITS.fairUse.trialRunPriority, removeOnComplete: true, removeOnFail: { age: LIMITS.queue.keepFailedJobsSeconds } });
  }

  /** Queues a regrade batch's gradings against `version`, in chunks, behind every live submission. */
  async enqueueRegrades(regradeBatch: string, version: GradeSource['version'], submissions: readonly GradeSource['submission'][]): Promise<void> {
    const chunk = LIMITS.regrade.enqueueChunk;
    for (let i = 0; i < submissions.length; i += chunk) {
      await this.queue.addBulk(submissions.slice(i, i + chunk).map((submission) => gradeJobOf({ submission, version, regradeBatch })));
    }
  }

  /** BullMQ's state for a submission's job (or its regrade's), or 'missing' when Redis has no such job. */
  async stateOf(submissionId: string, regradeBatch?: string): Promise<{ state: string; failedReason?: string; attemptsMade?: number }> {
    const job = await this.queue.getJob(gradeJobId(submissionId, regradeBatch));
    if (!job) return { state: 'missing' };
    return { state: await job.getState(), failedReason: job.failedReason, attemptsMade: job.attemptsMade };
  }

  /** Removes a submission's job, whatever its state but active; nothing when there is none. */
  async removeJob(submissionId: string): Promise<void> {
    await this.queue.remove(submissionId);
  }

  /** Jobs not yet picked up, prioritized ones included (trial runs, regrades): what a trial run would wait behind. */
  async backlogCount(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized');
    return (counts.waiting ?? 0) + (counts.prioritized ?? 0);
  }

  /** Live jobs not yet picked up by a worker (they carry no priority): what the queue's capacity is measured by. */
  waitingCount(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  /**
   * The workers that reported recently, and which of them can grade now (see worker-health.ts).
   * Reports of workers that stopped are removed on the way.
   */
  async workerCensus(): Promise<WorkerCensus> {
    const redis = this.connection;
    const key = workerHealthKey(this.prefix);
    const census = censusOf(await redis.hgetall(key));
    if (census.stale.length > 0) await redis.hdel(key, ...census.stale);
    return census;
  }

  /** Every worker's latest report, stale ones included (the admins' page). */
  async workerReports(): Promise<WorkerReport[]> {
    return reportsOf(await this.connection.hgetall(workerHealthKey(this.prefix)));
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
