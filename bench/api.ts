/**
 * The API under concurrent clients, against an Express hello-world measured in the same run and
 * the same process (the baseline: what Express and Node give on this machine right now).
 *
 * Load from autocannon (https://github.com/mcollina/autocannon), in-process like the servers, so
 * that client and servers share one handicap. Figures: requests/s and latency percentiles, each
 * workload as a ratio of the hello-world's requests/s (bench/run.ts holds the targets).
 */
import type { AddressInfo } from 'node:net';
import autocannon, { type Options, type Result } from 'autocannon';
import express from 'express';
import type { Pipeline } from '../tests/support/pipeline';

/** Concurrent connections, and how long each workload runs (seconds): long enough for stable medians on two cores. */
const CONNECTIONS = 20;
const DURATION_S = 5;

function run(options: Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** An Express app answering `{"hello":"world"}`, on a loopback port; returns its URL and a closer. */
async function helloWorld(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.get('/', (_req, res) => {
    res.json({ hello: 'world' });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** One line: requests/s, latency p50/p99, errors and non-2xx, and the ratio to the baseline. */
function line(name: string, result: Result, baseline?: Result): string {
  const rps = result.requests.average;
  const ratio = baseline ? ` ${(rps / baseline.requests.average).toFixed(2)}× hello-world` : '';
  const bad = result.errors + result.non2xx > 0 ? `, ${result.errors} errors, ${result.non2xx} non-2xx` : '';
  return `  ${name.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${bad}${ratio}`;
}

/**
 * Status reads and submission accepts through the real API (SQLite file, Redis), `CONNECTIONS`
 * clients at once, each as a ratio of the hello-world's throughput measured just before.
 * `pipeline` must run with fair-use limits raised (the benchmark is one client on purpose).
 */
export async function benchApi(pipeline: Pipeline, submissionId: string, submission: object, say: (line: string) => void): Promise<{ readsRatio: number; acceptsRatio: number }> {
  const hello = await helloWorld();
  try {
    const baseline = await run({ url: hello.url });
    say(line('Express hello-world (baseline):', baseline));
    const auth = { authorization: `Bearer ${pipeline.student.token}` };
    const reads = await run({ url: `${pipeline.url}/api/submissions/${submissionId}`, headers: auth });
    say(line('GET /api/submissions/:id:', reads, baseline));
    if (reads.non2xx + reads.errors > 0) throw new Error('status reads failed under load');
    const accepts = await run({
      url: `${pipeline.url}/api/submissions`,
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(submission),
    });
    say(line('POST /api/submissions (accept):', accepts, baseline));
    if (accepts.non2xx + accepts.errors > 0) throw new Error('accepts failed under load');
    return { readsRatio: reads.requests.average / baseline.requests.average, acceptsRatio: accepts.requests.average / baseline.requests.average };
  } finally {
    await hello.close();
  }
}
