import { UnrecoverableError, type Job } from 'bullmq';
import pino from 'pino';
import type { ExerciseBundle, SandboxResult, ValidationOutcome } from '@grader/contracts';
import { InfrastructureError, SandboxProtocolError } from './sandbox/errors';
import { validateProcessor, type ValidateProcessorDeps } from './validate-processor';

const VALIDATION = '6f1c8a2e-1b7f-4c8e-9a51-2f0a6f1d3c11';
const bundle = {
  hash: 'a'.repeat(64),
  manifest: { slug: 'ex', runtime: 'node', kind: 'sql-query', maxScore: 2 },
  files: { 'solution/query.sql': 'SELECT 1', 'starter/query.sql': 'SELECT 0' },
} as unknown as ExerciseBundle;
const candidates = [
  { name: 'reference', role: 'reference', files: { 'query.sql': 'solution/query.sql' }, expect: { kind: 'full-marks' } },
  { name: 'starter', role: 'starter', files: { 'query.sql': 'starter/query.sql' }, expect: { kind: 'below-full' } },
];
const scored = (score: number): SandboxResult => ({ protocol: 1, verdict: score === 2 ? 'accepted' : 'tests_failed', score, maxScore: 2, message: '', tests: [] });

function job(attemptsMade = 0, attempts = 4): Job {
  return { id: VALIDATION, data: { validationId: VALIDATION, bundleHash: 'a'.repeat(64), candidates }, attemptsMade, opts: { attempts } } as unknown as Job;
}

function deps(runSandbox: ValidateProcessorDeps['runSandbox']) {
  const published: ValidationOutcome[] = [];
  const d: ValidateProcessorDeps = {
    bundles: { get: async () => bundle },
    publisher: { validated: async (_id, outcome) => void published.push(outcome) },
    runSandbox,
    imagePrefix: 'grader-sandbox-',
    logger: pino({ level: 'silent' }),
  };
  return { d, published };
}

describe('validating a draft on a worker', () => {
  it('grades every candidate with its own files and publishes one complete report', async () => {
    const { d, published } = deps(async (req) => ({ result: scored(req.input.submission['query.sql'] === 'SELECT 1' ? 2 : 1), durationMs: 1 }));
    await expect(validateProcessor(d)(job())).resolves.toEqual({ passed: 2, candidates: 2 });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ status: 'complete', candidates: [{ candidate: 'reference', score: 2, ok: true }, { candidate: 'starter', score: 1, ok: true }] });
  });

  it('grades the reference twice and fails the report when the two gradings disagree', async () => {
    let referenceRuns = 0;
    const withTest = (status: 'passed' | 'failed'): SandboxResult => ({
      ...scored(status === 'passed' ? 2 : 0),
      tests: [{ name: 'generated inputs', visibility: 'visible', status, verdict: status === 'passed' ? 'accepted' : 'tests_failed', score: status === 'passed' ? 2 : 0, maxScore: 2, message: status }],
    });
    const { d, published } = deps(async (req) => ({
      result: req.input.submission['query.sql'] === 'SELECT 1' ? withTest(++referenceRuns === 1 ? 'passed' : 'failed') : scored(1),
      durationMs: 1,
    }));
    await validateProcessor(d)(job());
    expect(referenceRuns).toBe(2);
    expect(published[0]).toMatchObject({ status: 'complete', candidates: [{ candidate: 'reference', ok: false, problem: expect.stringMatching(/^The reference solution is not deterministic: graded twice, "generated inputs" passed then failed/) }, { ok: true }] });
  });

  it('retries an infrastructure failure without publishing half a report', async () => {
    let runs = 0;
    const { d, published } = deps(async () => {
      if (++runs === 2) throw new InfrastructureError('engine unreachable');
      return { result: scored(2), durationMs: 1 };
    });
    await expect(validateProcessor(d)(job(0))).rejects.toThrow(InfrastructureError);
    expect(published).toEqual([]);
  });

  it('publishes an errored validation once the retries are spent', async () => {
    const { d, published } = deps(async () => {
      throw new InfrastructureError('engine unreachable');
    });
    await expect(validateProcessor(d)(job(3, 4))).rejects.toThrow(InfrastructureError);
    expect(published).toEqual([{ status: 'error', reason: 'Validation failed after 4 attempts: engine unreachable' }]);
  });

  it('errors at once, naming the candidate, when the harness gives no valid result', async () => {
    const { d, published } = deps(async () => {
      throw new SandboxProtocolError('no result document');
    });
    await expect(validateProcessor(d)(job())).rejects.toThrow(UnrecoverableError);
    expect(published).toEqual([{ status: 'error', reason: 'The sandbox harness returned no valid result for reference: no result document' }]);
  });
});
