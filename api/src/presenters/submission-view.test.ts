import type { TestResult } from '@grader/shared';
import { submissionView, testView } from './submission-view';
import type { Submission } from '../store/submission-store';

const failing = (visibility: TestResult['visibility']): TestResult => ({
  name: 'secret test name',
  visibility,
  status: 'failed',
  verdict: 'tests_failed',
  score: 0,
  maxScore: 2,
  message: 'expected 3 rows, got 5',
  expected: 'secret expected rows',
  actual: 'actual rows',
});

describe('what a student sees of a test', () => {
  it('shows everything of a visible test', () => {
    expect(testView(failing('visible'), 0)).toMatchObject({ name: 'secret test name', message: 'expected 3 rows, got 5', expected: 'secret expected rows' });
  });

  it('shows the name and outcome of a name-only test, not its data', () => {
    const view = testView(failing('name-only'), 0);
    expect(view).toEqual({ name: 'secret test name', status: 'failed', verdict: 'tests_failed', score: 0, maxScore: 2, message: 'Wrong result.' });
  });

  it('shows only the outcome of a hidden test, under a neutral name', () => {
    const view = testView(failing('hidden'), 2);
    expect(view).toEqual({ name: 'Hidden test 2', status: 'failed', verdict: 'tests_failed', score: 0, maxScore: 2, message: 'Wrong result.' });
    expect(JSON.stringify(view)).not.toContain('secret');
  });
});

describe('what a student sees of a submission', () => {
  const base: Submission = {
    id: 'x', userId: 'u', exercise: 'e', exerciseVersion: 1, files: { 'q.sql': '' }, status: 'error', score: null, maxScore: 10,
    verdict: 'internal_error', result: null, error: 'dockerd: connection refused at /var/run/docker.sock', workerId: 'w', callbackUrl: null,
    createdAt: 'a', startedAt: null, finishedAt: 'b',
  };

  it('never shows the staff reason of a grader failure, and no score', () => {
    const view = submissionView(base);
    expect(view.score).toBeNull();
    expect(view.message).toMatch(/does not count against you/);
    expect(JSON.stringify(view)).not.toContain('docker.sock');
  });
});
