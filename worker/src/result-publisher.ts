import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { LIMITS, QUEUES, ResultMessage, type SandboxResult, type SandboxTiming, type ValidationOutcome } from '@grader/contracts';
import type { MessageTags } from './grade-processor';
import { queueOptions, quietProducer } from '@grader/runtime';

/** The worker's side of the results queue: what it tells the recorder. */
export class ResultPublisher {
  private readonly queue: Queue;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly workerId: string,
  ) {
    this.queue = quietProducer(
      new Queue(QUEUES.results, {
        ...queueOptions(connection, prefix),
        defaultJobOptions: {
          // The recorder may be restarting; a message waits and is retried rather than lost.
          attempts: LIMITS.queue.resultAttempts,
          backoff: { type: 'exponential', delay: LIMITS.queue.resultBackoffMs },
          removeOnComplete: true,
          removeOnFail: { age: LIMITS.queue.keepFailedJobsSeconds },
        },
      }),
    );
  }

  /**
   * `tags.regradeBatch` is set when the grading belongs to a regrade, `tags.canary` when it is the
   * canary's: the recorder then keeps it apart from any submission's grade.
   */
  started(submissionId: string, tags: MessageTags = {}) {
    return this.publish({ type: 'started', submissionId, workerId: this.workerId, at: new Date().toISOString(), ...tags });
  }

  /** `sandbox`: how the container was had, for the metrics. */
  graded(submissionId: string, result: SandboxResult, tags: MessageTags = {}, sandbox?: SandboxTiming) {
    return this.publish({ type: 'graded', submissionId, workerId: this.workerId, at: new Date().toISOString(), result, ...tags, ...(sandbox ? { sandbox } : {}) });
  }

  failed(submissionId: string, reason: string, tags: MessageTags = {}) {
    return this.publish({
      type: 'failed',
      submissionId,
      workerId: this.workerId,
      at: new Date().toISOString(),
      reason: reason.slice(0, LIMITS.text.reasonChars),
      ...tags,
    });
  }

  /** A draft's validation ended: the complete report, or why it could not be completed. */
  validated(validationId: string, outcome: ValidationOutcome) {
    return this.publish({ type: 'validated', validationId, workerId: this.workerId, at: new Date().toISOString(), outcome });
  }

  private async publish(message: ResultMessage): Promise<void> {
    await this.queue.add(message.type, ResultMessage.parse(message));
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
