import { UnrecoverableError, type Job } from 'bullmq';
import pino from 'pino';
import type { ExerciseBundle, SandboxResult } from '@grader/contracts';
import { GradingService, type FailureReport } from './grading-service';
import { InfrastructureError, SandboxProtocolError } from './sandbox/errors';

const bundle = { hash: 'a'.repeat(64), manifest: { slug: 'ex', runtime: 'node', kind: 'sql-query' }, files: { 'data.sql': 'CREATE TABLE t (x);' } } as unknown as ExerciseBundle;
const result: SandboxResult = { protocol: 1, verdict: 'accepted', score: 1, maxScore: 1, message: '', tests: [] };
const logger = pino({ level: 'silent' });
const job = (attemptsMade: number, attempts = 3) => ({ id: 'j', data: {}, attemptsMade, opts: { attempts } }) as unknown as Job;

function service() {
  const requests: unknown[] = [];
  const grading = new GradingService({
    bundles: { get: async () => bundle },
    runSandbox: async (request) => (requests.push(request), { result, durationMs: 5 }),
    imagePrefix: 'grader-sandbox-',
    logger,
  });
  return { grading, requests };
}

function report(published: string[]): FailureReport {
  return {
    what: 'grading',
    harnessReason: (m) => `harness: ${m}`,
    retriesSpentReason: (m, attempts) => `spent after ${attempts}: ${m}`,
    publish: async (reason) => void published.push(reason),
  };
}

describe('GradingService', () => {
  it("runs files in a fresh sandbox of the exercise's runtime, with the bundle's manifest and files", async () => {
    const { grading, requests } = service();
    await grading.run(bundle, { 'query.sql': 'SELECT 1' }, 'run-1');
    expect(requests).toEqual([
      {
        image: 'grader-sandbox-node',
        input: { protocol: 1, manifest: bundle.manifest, exerciseFiles: bundle.files, submission: { 'query.sql': 'SELECT 1' } },
        submissionId: 'run-1',
      },
    ]);
  });

  it('refuses a malformed payload for good', () => {
    const schema = { safeParse: () => ({ success: false as const, error: { issues: [] } }) };
    expect(() => service().grading.payloadOf(job(0), schema, 'grade')).toThrow(new UnrecoverableError('malformed grade job'));
  });

  it('publishes a harness crash at once and never retries it', async () => {
    const published: string[] = [];
    await expect(service().grading.failed(new SandboxProtocolError('no result'), job(0), logger, report(published))).rejects.toBeInstanceOf(UnrecoverableError);
    expect(published).toEqual(['harness: no result']);
  });

  it('retries an infrastructure failure silently, and publishes it once the retries are spent', async () => {
    const published: string[] = [];
    const err = new InfrastructureError('engine gone');
    await expect(service().grading.failed(err, job(0), logger, report(published))).rejects.toBe(err);
    expect(published).toEqual([]);
    await expect(service().grading.failed(err, job(2), logger, report(published))).rejects.toBe(err);
    expect(published).toEqual(['spent after 3: engine gone']);
  });

  it('passes on a failure its caller already published', async () => {
    const published: string[] = [];
    const err = new UnrecoverableError('internal error in the harness');
    await expect(service().grading.failed(err, job(2), logger, report(published))).rejects.toBe(err);
    expect(published).toEqual([]);
  });
});
