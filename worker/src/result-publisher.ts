import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, queueOptions, ResultMessage, type SandboxResult } from '@grader/shared';

/** The worker's side of the results queue: what it tells the recorder. */
export class ResultPublisher {
  private readonly queue: Queue;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly workerId: string,
  ) {
    this.queue = new Queue(QUEUES.results, {
      ...queueOptions(connection, prefix),
      defaultJobOptions: {
        // The recorder may be restarting; a message waits and is retried rather than lost.
        attempts: 10,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  started(submissionId: string) {
    return this.publish({ type: 'started', submissionId, workerId: this.workerId, at: new Date().toISOString() });
  }

  graded(submissionId: string, result: SandboxResult) {
    return this.publish({ type: 'graded', submissionId, workerId: this.workerId, at: new Date().toISOString(), result });
  }

  failed(submissionId: string, reason: string) {
    return this.publish({ type: 'failed', submissionId, workerId: this.workerId, at: new Date().toISOString(), reason: reason.slice(0, 4000) });
  }

  private async publish(message: ResultMessage): Promise<void> {
    await this.queue.add(message.type, ResultMessage.parse(message));
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
