import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { LIMITS, QUEUES, ResultMessage, type SandboxResult, type ValidationOutcome } from '@grader/contracts';
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

  /** `regradeBatch` is set when the grading belongs to a regrade: the recorder then keeps it apart from the submission's grade. */
  started(submissionId: string, regradeBatch?: string) {
    return this.publish({ type: 'started', submissionId, workerId: this.workerId, at: new Date().toISOString(), ...(regradeBatch ? { regradeBatch } : {}) });
  }

  graded(submissionId: string, result: SandboxResult, regradeBatch?: string) {
    return this.publish({ type: 'graded', submissionId, workerId: this.workerId, at: new Date().toISOString(), result, ...(regradeBatch ? { regradeBatch } : {}) });
  }

  failed(submissionId: string, reason: string, regradeBatch?: string) {
    return this.publish({
      type: 'failed',
      submissionId,
      workerId: this.workerId,
      at: new Date().toISOString(),
      reason: reason.slice(0, LIMITS.text.reasonChars),
      ...(regradeBatch ? { regradeBatch } : {}),
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
