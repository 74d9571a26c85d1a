import type { TestResult } from '@grader/contracts';
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

  it('shows the name of a name-only test and the harness\'s message naming the class of input, never its data', () => {
    const view = testView({ ...failing('name-only'), message: "a tautology (' OR '1'='1) in role returned rows it should not" }, 0);
    expect(view).toEqual({
      name: 'secret test name',
      visibility: 'name-only',
      status: 'failed',
      verdict: 'tests_failed',
      score: 0,
      maxScore: 2,
      message: "a tautology (' OR '1'='1) in role returned rows it should not",
    });
  });

  it('shows only the outcome of a hidden test, under a neutral name', () => {
    const view = testView(failing('hidden'), 2);
    expect(view).toEqual({ name: 'Hidden test 2', visibility: 'hidden', status: 'failed', verdict: 'tests_failed', score: 0, maxScore: 2, message: 'wrong result' });
    expect(JSON.stringify(view)).not.toContain('secret');
  });

  it('never shows a student what the harness kept for staff', () => {
    const kept = { ...failing('hidden'), staff: { message: 'secret staff message', expected: 'secret rows', actual: 'secret actual' } };
    expect(JSON.stringify(testView(kept, 1))).not.toContain('secret');
    expect(JSON.stringify(testView({ ...kept, visibility: 'name-only' }, 0))).not.toContain('secret staff');
  });
});

describe('what staff see of a test', () => {
  it('shows a hidden test whole: its real name and the feedback kept for staff, with the data', () => {
    const kept = { ...failing('hidden'), message: 'wrong result', staff: { message: 'row 2 should be (Bea, 2), got (Max, 1)', expected: 'rows', actual: 'other rows' } };
    expect(testView(kept, 1, 'staff')).toEqual({
      name: 'secret test name',
      visibility: 'hidden',
      status: 'failed',
      verdict: 'tests_failed',
      score: 0,
      maxScore: 2,
      message: 'row 2 should be (Bea, 2), got (Max, 1)',
      expected: 'rows',
      actual: 'other rows',
    });
  });

  it('shows the owner a hidden test whole once it is revealed to them (an assignment past their due date), as staff see it', () => {
    const kept = { ...failing('hidden'), message: 'wrong result', staff: { message: 'row 2 should be (Bea, 2), got (Max, 1)', expected: 'rows', actual: 'other rows' } };
    expect(testView(kept, 1, 'revealed')).toEqual(testView(kept, 1, 'staff'));
    expect(testView(kept, 1, 'revealed').name).toBe('secret test name');
  });

  it('shows what was stored when the harness kept nothing apart (a result from before staff detail)', () => {
    expect(testView(failing('name-only'), 0, 'staff')).toMatchObject({ name: 'secret test name', message: 'expected 3 rows, got 5', expected: 'secret expected rows' });
  });
});

describe('what a student sees of a submission', () => {
  const base: Submission = {
    id: 'x', userId: 'u', exercise: 'e', exerciseVersion: 1, files: { 'q.sql': '' }, status: 'error', score: null, maxScore: 10,
    verdict: 'internal_error', result: null, error: 'dockerd: connection refused at /var/run/docker.sock', workerId: 'w', callbackUrl: null, assignment: null,
    createdAt: 'a', startedAt: null, finishedAt: 'b',
  };

  it('never shows the staff reason of a grader failure, and no score', () => {
    const view = submissionView(base);
    expect(view.score).toBeNull();
    expect(view.message).toMatch(/does not count against you/);
    expect(JSON.stringify(view)).not.toContain('docker.sock');
  });
});
