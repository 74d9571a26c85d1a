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
import { median } from './stats';

/** Concurrent connections; how long each measured window lasts (seconds); how many alternating rounds. */
const CONNECTIONS = 20;
const WINDOW_S = 2;
const ROUNDS = 5;
/**
 * Each workload first runs this long unmeasured (seconds): the first requests of a route run
 * interpreted code and pay its JIT compilation, which a server that has been up for minutes no
 * longer does (measured: 0.51 of hello-world in a cold first window, 0.60-0.62 in the next two).
 */
const WARM_UP_S = 1;

function run(options: Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: WINDOW_S, ...options }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Runs `options` unmeasured for WARM_UP_S (see there). */
async function warmUp(options: Options): Promise<void> {
  await run({ ...options, duration: WARM_UP_S });
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
function line(name: string, result: Result, ratio?: number): string {
  const rps = result.requests.average;
  const bad = result.errors + result.non2xx > 0 ? `, ${result.errors} errors, ${result.non2xx} non-2xx` : '';
  return `  ${name.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${bad}${ratio === undefined ? '' : ` ${ratio.toFixed(2)}× hello-world`}`;
}

/** The window whose requests/s is the median of `results` (an odd count). */
function medianOf(results: Result[]): Result {
  return [...results].sort((a, b) => a.requests.average - b.requests.average)[Math.floor(results.length / 2)]!;
}

/**
 * Status reads and submission accepts through the real API (SQLite file, Redis), `CONNECTIONS`
 * clients at once, as ratios of an Express hello-world's throughput in the same process.
 * The reads and the hello-world alternate, ROUNDS windows of WINDOW_S each after a warm-up: the
 * machine's speed drifts over seconds (a worker retiring containers, a neighbour VM), and two
 * sides measured one after the other would put the drift in the ratio. The reads' ratio is the
 * median of the rounds' ratios. Accepts come last (each queues a grading) and are measured once,
 * against the median hello-world. `pipeline` must run with fair-use limits raised (the benchmark
 * is one client on purpose).
 */
export async function benchApi(pipeline: Pipeline, submissionId: string, submission: object, say: (line: string) => void): Promise<{ readsRatio: number; acceptsRatio: number }> {
  say(
    `API under ${CONNECTIONS} concurrent clients (autocannon; reads and hello-world alternate, ${ROUNDS} windows of ${WINDOW_S} s each after ${WARM_UP_S} s unmeasured; the worker grades the accepts meanwhile):`,
  );
  const hello = await helloWorld();
  try {
    const auth = { authorization: `Bearer ${pipeline.student.token}` };
    const helloWorkload: Options = { url: hello.url };
    const readsWorkload: Options = { url: `${pipeline.url}/api/submissions/${submissionId}`, headers: auth };
    await warmUp(helloWorkload);
    await warmUp(readsWorkload);
    const baselines: Result[] = [];
    const reads: Result[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const baseline = await run(helloWorkload);
      const read = await run(readsWorkload);
      if (read.non2xx + read.errors > 0) throw new Error('status reads failed under load');
      baselines.push(baseline);
      reads.push(read);
      ratios.push(read.requests.average / baseline.requests.average);
    }
    const baseline = medianOf(baselines);
    const readsRatio = median(ratios);
    say(line('Express hello-world (baseline):', baseline));
    say(line('GET /api/submissions/:id:', medianOf(reads), readsRatio));
    say(`  reads ÷ hello-world per round:     ${ratios.map((r) => r.toFixed(2)).join(', ')} (the median is the figure)`);
    const acceptsWorkload: Options = {
      url: `${pipeline.url}/api/submissions`,
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(submission),
    };
    await warmUp(acceptsWorkload);
    const accepts = await run(acceptsWorkload);
    if (accepts.non2xx + accepts.errors > 0) throw new Error('accepts failed under load');
    const acceptsRatio = accepts.requests.average / baseline.requests.average;
    say(line('POST /api/submissions (accept):', accepts, acceptsRatio));
    return { readsRatio, acceptsRatio };
  } finally {
    await hello.close();
  }
}
