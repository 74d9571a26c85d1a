import type { GradingMessage } from '@grader/contracts';
import { openDatabase } from '../store/database';
import { GraderMetrics } from './grader-metrics';

const AT = '2026-12-02T12:00:10.000Z';

function metricsWith(queues: Partial<ConstructorParameters<typeof GraderMetrics>[0]['queues']> = {}) {
  const db = openDatabase(':memory:');
  const metrics = new GraderMetrics({ db, queues: { jobCounts: async () => ({ grade: { waiting: 3, active: 2 } }), workers: async () => ({ reporting: 2, ready: 1, stale: [] }), ...queues } });
  const sample = async (series: string) => {
    const line = (await metrics.scrape()).body.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
  return { metrics, sample };
}

describe('the API\'s Prometheus metrics', () => {
  it('time a live grading from its message times: queue wait at its start, grading and harness at its grade', async () => {
    const { metrics, sample } = metricsWith();
    const grading = { kind: 'sql-query', createdAt: '2026-12-02T12:00:00.000Z', startedAt: null };
    metrics.recorded({ type: 'started', submissionId: 's', workerId: 'w', at: '2026-12-02T12:00:04.000Z' }, grading);
    const graded = { type: 'graded', submissionId: 's', workerId: 'w', at: AT, result: { durationMs: 450 } as never, sandbox: { warm: true, readyMs: 12 } } as GradingMessage;
    metrics.recorded(graded, { ...grading, startedAt: '2026-12-02T12:00:04.000Z' });
    expect(await sample('grader_queue_wait_seconds_sum{kind="sql-query"}')).toBe(4);
    expect(await sample('grader_grading_duration_seconds_sum{kind="sql-query",outcome="graded"}')).toBe(6);
    expect(await sample('grader_harness_duration_seconds_sum{kind="sql-query"}')).toBe(0.45);
    expect(await sample('grader_sandbox_start_seconds_sum{warm="true"}')).toBe(0.012);
    expect(await sample('grader_recorded_messages_total{type="graded"}')).toBe(1);
  });

  it('count a grader failure apart from a grade', async () => {
    const { metrics, sample } = metricsWith();
    metrics.recorded({ type: 'failed', submissionId: 's', workerId: 'w', at: AT, reason: 'engine down' }, { kind: 'rest-endpoint', createdAt: AT, startedAt: '2026-12-02T12:00:09.000Z' });
    expect(await sample('grader_grading_duration_seconds_count{kind="rest-endpoint",outcome="failed"}')).toBe(1);
    expect(await sample('grader_grading_duration_seconds_count{kind="rest-endpoint",outcome="graded"}')).toBeUndefined();
  });

  it('read queues and workers at each scrape, and leave them out while Redis is down (no stale figure)', async () => {
    const up = metricsWith();
    expect(await up.sample('grader_queue_jobs{queue="grade",state="waiting"}')).toBe(3);
    expect(await up.sample('grader_workers{state="ready"}')).toBe(1);
    const down = metricsWith({ jobCounts: async () => Promise.reject(new Error('redis down')), workers: async () => null });
    expect(await down.sample('grader_queue_jobs{queue="grade",state="waiting"}')).toBeUndefined();
    expect(await down.sample('grader_workers{state="ready"}')).toBeUndefined();
  });

  it('label HTTP latencies by the route pattern given', async () => {
    const { metrics, sample } = metricsWith();
    metrics.httpRequest('GET', '/api/submissions/{id}', 200, 0.004);
    metrics.httpRequest('GET', '/api/submissions/{id}', 200, 0.006);
    expect(await sample('grader_http_request_duration_seconds_count{method="GET",route="/api/submissions/{id}",status="200"}')).toBe(2);
  });

  it('keep two apps\' series apart (one registry each)', async () => {
    const a = metricsWith();
    const b = metricsWith();
    a.metrics.httpRequest('GET', '/healthz', 200, 0.001);
    expect(await b.sample('grader_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}')).toBeUndefined();
  });
});
