import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GradingMessage, WorkerCensus } from '@grader/contracts';
import type { Db } from '../store/database';

/** What a scrape asks the queues for; null while Redis is down (the series are then left out). */
export interface QueueCensus {
  /** Jobs per queue and state, as BullMQ counts them (waiting, active, delayed, prioritized, failed). */
  jobCounts(): Promise<Record<string, Record<string, number>> | null>;
  workers(): Promise<WorkerCensus | null>;
}

/** A grading's context the recorder knows when it writes a message: its exercise's kind and its times. */
export interface RecordedGrading {
  kind: string;
  /** ISO times from the submission's row, before the message was applied. */
  createdAt: string;
  startedAt: string | null;
}

/** Buckets of a grading, seconds: a SQLite query takes about 0.5 s, a Python app 5 s, a deadline's queue minutes. */
const GRADING_BUCKETS = [0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60, 120, 300, 600];
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const SANDBOX_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];

/**
 * The API process's Prometheus metrics (prom-client), one registry per app so that tests and
 * several APIs in one process never mix series. Counts that must survive a restart (submissions
 * by status and verdict, webhook deliveries) are read from SQLite at each scrape; durations are
 * observed as the recorder writes each worker message; queue depths and workers come from Redis
 * at each scrape. Series:
 * - grader_submissions{status}, grader_submissions_graded{verdict}: gauges from the database;
 * - grader_grading_duration_seconds{kind,outcome}: started to recorded, live gradings only;
 * - grader_queue_wait_seconds{kind}: accepted to started;
 * - grader_harness_duration_seconds{kind}: the harness's own run inside the container;
 * - grader_sandbox_start_seconds{warm}: getting a container ready for the input (a warm one's claim or a cold start);
 * - grader_queue_jobs{queue,state}, grader_workers{state}: from Redis;
 * - grader_webhook_deliveries{outcome}: attempts by outcome, from the database;
 * - grader_http_request_duration_seconds{method,route,status}: per route of the table (the pattern, never the path);
 * - grader_api_* : the process's CPU, memory, event loop lag, GC (prom-client's defaults).
 */
export class GraderMetrics {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly grading: Histogram<'kind' | 'outcome'>;
  private readonly queueWait: Histogram<'kind'>;
  private readonly harness: Histogram<'kind'>;
  private readonly sandboxStart: Histogram<'warm'>;
  private readonly messages: Counter<'type'>;
  /** Each route's latency child, by method, route and status: a status read then costs a map lookup, not a label hash. */
  private readonly httpChildren = new Map<string, { observe(seconds: number): void }>();

  constructor(deps: { db: Db; queues: QueueCensus }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'grader_api_' });
    const { db, queues } = deps;
    const byStatus = db.prepare<[], { status: string; n: number }>('SELECT status, COUNT(*) AS n FROM submissions GROUP BY status');
    const byVerdict = db.prepare<[], { verdict: string; n: number }>("SELECT verdict, COUNT(*) AS n FROM submissions WHERE status = 'graded' AND verdict IS NOT NULL GROUP BY verdict");
    const deliveries = db.prepare<[], { outcome: string; n: number }>(
      `SELECT CASE WHEN status_code BETWEEN 200 AND 299 THEN 'delivered' WHEN status_code IS NULL THEN 'no_answer' ELSE 'refused_by_receiver' END AS outcome,
              COUNT(*) AS n FROM webhook_attempts GROUP BY outcome`,
    );
    new Gauge({
      name: 'grader_submissions',
      help: 'Submissions by status (queued, running, graded, error), from the database',
      labelNames: ['status'],
      registers,
      collect() {
        this.reset();
        for (const { status, n } of byStatus.all()) this.set({ status }, n);
      },
    });
    new Gauge({
      name: 'grader_submissions_graded',
      help: 'Graded submissions by verdict, from the database',
      labelNames: ['verdict'],
      registers,
      collect() {
        this.reset();
        for (const { verdict, n } of byVerdict.all()) this.set({ verdict }, n);
      },
    });
    new Gauge({
      name: 'grader_webhook_deliveries',
      help: 'Webhook delivery attempts by outcome, from the database',
      labelNames: ['outcome'],
      registers,
      collect() {
        this.reset();
        for (const { outcome, n } of deliveries.all()) this.set({ outcome }, n);
      },
    });
    new Gauge({
      name: 'grader_queue_jobs',
      help: 'Jobs per queue and state, from Redis (left out while Redis is down)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        const counts = await queues.jobCounts().catch(() => null);
        for (const [queue, states] of Object.entries(counts ?? {})) for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
      },
    });
    new Gauge({
      name: 'grader_workers',
      help: 'Workers that reported within their heartbeat (reporting), and those whose engine answers and that take jobs (ready)',
      labelNames: ['state'],
      registers,
      async collect() {
        this.reset();
        const census = await queues.workers().catch(() => null);
        if (census) {
          this.set({ state: 'reporting' }, census.reporting);
          this.set({ state: 'ready' }, census.ready);
        }
      },
    });
    this.http = new Histogram({ name: 'grader_http_request_duration_seconds', help: 'HTTP requests by route pattern', labelNames: ['method', 'route', 'status'], buckets: HTTP_BUCKETS, registers });
    this.grading = new Histogram({ name: 'grader_grading_duration_seconds', help: 'Live gradings, started to recorded, by exercise kind and outcome', labelNames: ['kind', 'outcome'], buckets: GRADING_BUCKETS, registers });
    this.queueWait = new Histogram({ name: 'grader_queue_wait_seconds', help: 'Accepted to started, by exercise kind', labelNames: ['kind'], buckets: GRADING_BUCKETS, registers });
    this.harness = new Histogram({ name: 'grader_harness_duration_seconds', help: "The harness's own run inside the container, by exercise kind", labelNames: ['kind'], buckets: GRADING_BUCKETS, registers });
    this.sandboxStart = new Histogram({ name: 'grader_sandbox_start_seconds', help: 'A container made ready for its input: a warm one claimed, or a cold one started', labelNames: ['warm'], buckets: SANDBOX_BUCKETS, registers });
    this.messages = new Counter({ name: 'grader_recorded_messages_total', help: 'Worker messages the recorder applied, by type', labelNames: ['type'], registers });
  }

  /** One answered request; `route` is the table's pattern (e.g. /api/submissions/:id), or `unmatched`. */
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let child = this.httpChildren.get(key);
    if (!child) this.httpChildren.set(key, (child = this.http.labels(method, route, String(status))));
    child.observe(seconds);
  }

  /** A live grading's message, as the recorder applied it (regrades and validations are not students' waits). */
  recorded(message: GradingMessage, grading: RecordedGrading): void {
    this.messages.inc({ type: message.type });
    const at = Date.parse(message.at);
    const { kind } = grading;
    if (message.type === 'started') {
      this.queueWait.observe({ kind }, Math.max(0, at - Date.parse(grading.createdAt)) / 1000);
      return;
    }
    const started = grading.startedAt ? Date.parse(grading.startedAt) : undefined;
    if (message.type === 'graded') {
      if (started !== undefined) this.grading.observe({ kind, outcome: 'graded' }, Math.max(0, at - started) / 1000);
      if (message.result.durationMs !== undefined) this.harness.observe({ kind }, message.result.durationMs / 1000);
      if (message.sandbox) this.sandboxStart.observe({ warm: String(message.sandbox.warm) }, message.sandbox.readyMs / 1000);
    } else if (started !== undefined) {
      this.grading.observe({ kind, outcome: 'failed' }, Math.max(0, at - started) / 1000);
    }
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
