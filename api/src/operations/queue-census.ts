import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@grader/contracts';
import { queueOptions, quietProducer } from '@grader/runtime';
import { WEBHOOK_QUEUE } from '../webhooks/webhook-queue';

/** The states an operator watches; completed jobs are trimmed by the queues' own retention. */
const STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;

/** Every queue of the deployment, by name, over one connection: for metrics, the admins' page and the queue dashboard. */
export class QueueSet {
  readonly queues: Queue[];

  constructor(connection: Redis, prefix: string) {
    this.queues = [QUEUES.grade, QUEUES.validate, QUEUES.results, WEBHOOK_QUEUE].map((name) => quietProducer(new Queue(name, queueOptions(connection, prefix))));
  }

  /** Jobs per queue and state. Throws while Redis is down. */
  async jobCounts(): Promise<Record<string, Record<string, number>>> {
    const counts = await Promise.all(this.queues.map((q) => q.getJobCounts(...STATES)));
    return Object.fromEntries(this.queues.map((q, i) => [q.name, counts[i]!]));
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
