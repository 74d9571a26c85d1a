/**
 * `npm run bench`: figures for the grading pipeline, measured in one run on this machine
 * (medians and ratios; the machines are shared and noisy, so compare ratios across runs).
 *
 * 1. Container floor: `node -e 0` in a bare container with the sandbox's settings vs on the host.
 * 2. One sandbox run of an SQL exercise through runSandbox (create → result → removed).
 * 3. End to end, one at a time: POST → graded through HTTP, Redis, worker, Docker, recorder, SQLite.
 * 4. Throughput: a burst of submissions graded by one worker (concurrency from the config).
 * 5. API alone: GET /api/submissions/:id latency under sequential load.
 * 6. The catalogue's references with and without their generated checks (bench/catalogue.ts).
 * 7. The API under 20 concurrent clients against an Express hello-world in the same run (bench/api.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { SANDBOX_PROTOCOL } from '@grader/contracts';
import { loadExerciseFolder } from '../api/src/exercises/exercise-package';
import { runSandbox } from '../worker/src/sandbox/run-sandbox';
import type { ApiClient } from '../tests/support/http';
import { REPO_ROOT, startPipeline } from '../tests/support/pipeline';
import { benchApi } from './api';
import { benchCatalogue } from './catalogue';
import { describe, median } from './stats';

const EXERCISE = 'sql-revenue-by-customer';
const IMAGE = 'grader-sandbox-node';
const REFERENCE = fs.readFileSync(path.join(REPO_ROOT, 'exercises', EXERCISE, 'solution/query.sql'), 'utf8');

async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function repeat(n: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await timed(fn));
  return samples;
}

async function main() {
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  say(`grader benchmark — node ${process.version}, ${new Date().toISOString()}`);

  // 1. The floor any container-per-submission design pays.
  const host = await repeat(8, () => execFileSync(process.execPath, ['-e', '0']));
  const bare = await repeat(8, () =>
    execFileSync('docker', ['run', '--rm', '--network', 'none', '--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--pids-limit', '128', '--memory', '256m', '--entrypoint', 'node', IMAGE, '-e', '0']),
  );
  say(`node -e 0 on the host:            ${describe(host)}`);
  say(`node -e 0 in a bare container:    ${describe(bare)}  (${(median(bare) / median(host)).toFixed(1)}× the host)`);

  // 2. One sandbox run, no queue.
  const docker = new Docker();
  const pkg = loadExerciseFolder(path.join(REPO_ROOT, 'exercises', EXERCISE));
  const input = { protocol: SANDBOX_PROTOCOL, manifest: pkg.manifest, exerciseFiles: pkg.files, submission: { 'query.sql': REFERENCE } } as const;
  const sandbox = await repeat(10, () => runSandbox(docker, { image: IMAGE, input, submissionId: 'bench' }));
  say(`sandbox run, ${pkg.manifest.tests.length} SQL tests:         ${describe(sandbox)}  (${(median(sandbox) / median(bare)).toFixed(2)}× a bare container)`);

  say('catalogue references, fixed tests only vs with generated checks (median of 3 sandbox runs each):');
  await benchCatalogue(docker, say);

  // 3 and 4 through the whole product.
  // Fair-use limits are for people; the benchmark is one client sending a burst on purpose.
  const pipeline = await startPipeline({ env: { GRADER_QUEUED_PER_USER: '1000000', GRADER_SUBMISSIONS_PER_MINUTE: '10000000', GRADER_QUEUE_CAPACITY: '1000000' } });
  try {
    const endToEnd = await repeat(10, () => submitAndGrade(pipeline.student));
    say(`end to end, one at a time:        ${describe(endToEnd)}  (${(median(endToEnd) / median(sandbox)).toFixed(2)}× the sandbox run alone)`);

    const burst = 20;
    const burstMs = await timed(async () => {
      const ids = await Promise.all(
        Array.from({ length: burst }, async () => {
          const created = await pipeline.student.submit(EXERCISE, { 'query.sql': REFERENCE });
          if (created.status !== 202) throw new Error(`burst submission refused: ${created.status} ${JSON.stringify(created.body)}`);
          return created.body.id as string;
        }),
      );
      await Promise.all(ids.map((id) => pipeline.student.waitForGrade(id, 300_000)));
    });
    say(`burst of ${burst}, concurrency ${pipeline.config.workerConcurrency}:        ${(burst / (burstMs / 1000)).toFixed(2)} submissions/s (${(burstMs / 1000).toFixed(1)} s in all)`);

    const { body } = await pipeline.student.submit(EXERCISE, { 'query.sql': REFERENCE });
    await pipeline.student.waitForGrade(body.id);
    const reads = await repeat(500, () => pipeline.student.request('GET', `/api/submissions/${body.id}`));
    say(`GET /api/submissions/:id:          ${describe(reads)}`);
    say('API under 20 concurrent clients (autocannon, 5 s each; the worker keeps grading the accepts meanwhile):');
    await benchApi(pipeline, body.id, { exercise: EXERCISE, files: { 'query.sql': REFERENCE } }, say);
    say(`API process memory (RSS):          ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB (API, recorder and worker in this one process)`);
  } finally {
    await pipeline.close();
  }
}

async function submitAndGrade(client: ApiClient) {
  const graded = await client.submitAndWait(EXERCISE, { 'query.sql': REFERENCE });
  if (graded.score !== graded.maxScore) throw new Error(`the reference scored ${graded.score}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
