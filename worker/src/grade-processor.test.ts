import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import pino from 'pino';
import type { ExerciseBundle, SandboxResult } from '@grader/contracts';
import { gradeProcessor, type GradeProcessorDeps } from './grade-processor';
import { InfrastructureError, SandboxProtocolError } from './sandbox/errors';

const SUBMISSION = '6f1c8a2e-1b7f-4c8e-9a51-2f0a6f1d3c11';
const bundle = {
  hash: 'a'.repeat(64),
  manifest: { slug: 'ex', runtime: 'node', kind: 'sql-query' },
  files: {},
} as unknown as ExerciseBundle;
const result: SandboxResult = { protocol: 1, verdict: 'tests_failed', score: 0, maxScore: 1, message: '', tests: [] };

function job(attemptsMade = 0, attempts = 4): Job {
  return {
    id: SUBMISSION,
    data: { submissionId: SUBMISSION, exercise: { slug: 'ex', version: 1, bundleHash: 'a'.repeat(64) }, files: { 'query.sql': 'SELECT 1' } },
    attemptsMade,
    opts: { attempts },
  } as unknown as Job;
}

function deps(runSandbox: GradeProcessorDeps['runSandbox']) {
  const published: string[] = [];
  const d: GradeProcessorDeps = {
    bundles: { get: async () => bundle },
    publisher: {
      started: async () => void published.push('started'),
      graded: async (_id, r) => void published.push(`graded:${r.verdict}:${r.score}`),
      failed: async (_id, reason) => void published.push(`failed:${reason}`),
    },
    runSandbox,
    imagePrefix: 'grader-sandbox-',
    logger: pino({ level: 'silent' }),
  };
  return { d, published };
}

describe('grading one job', () => {
  it('publishes a student’s failing result as a grade, without retrying', async () => {
    const { d, published } = deps(async (req) => {
      expect(req.image).toBe('grader-sandbox-node');
      expect(req.input.submission).toEqual({ 'query.sql': 'SELECT 1' });
      return { result, durationMs: 5 };
    });
    await expect(gradeProcessor(d)(job())).resolves.toMatchObject({ verdict: 'tests_failed' });
    expect(published).toEqual(['started', 'graded:tests_failed:0']);
  });

  it('retries an infrastructure failure without publishing anything but "started"', async () => {
    const { d, published } = deps(async () => {
      throw new InfrastructureError('engine unreachable');
    });
    await expect(gradeProcessor(d)(job(0))).rejects.toThrow(InfrastructureError);
    expect(published).toEqual(['started']);
  });

  it('publishes a grader error, never a zero, once the retries are spent', async () => {
    const { d, published } = deps(async () => {
      throw new InfrastructureError('engine unreachable');
    });
    await expect(gradeProcessor(d)(job(3, 4))).rejects.toThrow(InfrastructureError);
    expect(published).toEqual(['started', 'failed:Infrastructure: grading failed after 4 attempts: engine unreachable. Queue it again once the cause is fixed.']);
  });

  it('records a missing or forged result as a grader error and does not retry it', async () => {
    const { d, published } = deps(async () => {
      throw new SandboxProtocolError('no result document');
    });
    await expect(gradeProcessor(d)(job())).rejects.toThrow(UnrecoverableError);
    expect(published).toEqual(['started', expect.stringMatching(/^failed:Submission: the sandbox ran but its harness ended without a valid result \(no result document\)/)]);
  });

  it('records a result where the harness reports its own failure as a grader error, not a zero, and does not retry it', async () => {
    const failed: SandboxResult = { ...result, verdict: 'internal_error', message: '0 of 1 tests passed; the app runner could not start: spawn EAGAIN' };
    const { d, published } = deps(async () => ({ result: failed, durationMs: 5 }));
    await expect(gradeProcessor(d)(job())).rejects.toThrow(UnrecoverableError);
    expect(published).toEqual(['started', 'failed:The grader failed: 0 of 1 tests passed; the app runner could not start: spawn EAGAIN']);
  });

  it('refuses a malformed job without retrying it', async () => {
    const { d } = deps(async () => ({ result, durationMs: 1 }));
    await expect(gradeProcessor(d)({ ...job(), data: { nope: true } } as unknown as Job)).rejects.toThrow(UnrecoverableError);
  });
});
