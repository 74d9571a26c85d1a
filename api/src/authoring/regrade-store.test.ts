import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { SandboxResult } from '@grader/contracts';
import { loadExerciseFolder, parseExercisePackage } from '../exercises/exercise-package';
import { openDatabase } from '../store/database';
import { ExerciseStore } from '../store/exercise-store';
import { RegradeStore } from './regrade-store';
import { SubmissionStore } from '../store/submission-store';
import { UserStore } from '../store/user-store';

const result = (score: number): SandboxResult => ({ protocol: 1, verdict: score === 10 ? 'accepted' : 'tests_failed', score, maxScore: 10, message: '', tests: [] });

function setUp() {
  const db = openDatabase(':memory:');
  const exercises = new ExerciseStore(db);
  const submissions = new SubmissionStore(db);
  const regrades = new RegradeStore(db);
  const pkg = loadExerciseFolder(path.resolve(__dirname, '../../../exercises/sql-revenue-by-customer'));
  exercises.publish(pkg);
  exercises.publish(parseExercisePackage('v2', { ...pkg.files, 'statement.md': 'v2' }));
  const user = new UserStore(db).create({ username: 'ann', displayName: 'Ann', role: 'student' });
  const graded = (score: number) => {
    const id = randomUUID();
    submissions.insert({ id, userId: user.id, exercise: pkg.manifest.slug, exerciseVersion: 1, files: { 'query.sql': 'SELECT 1' }, maxScore: 10 });
    submissions.recordGrade(id, 'w', new Date().toISOString(), result(score));
    return id;
  };
  return { db, submissions, regrades, slug: pkg.manifest.slug, userId: user.id, graded };
}

describe('regrade batches', () => {
  it('keeps new grades apart until applied, then swaps them in and keeps the old ones in the history', () => {
    const { submissions, regrades, slug, userId, graded } = setUp();
    const a = graded(6);
    const batch = regrades.create({ exercise: slug, targetVersion: 2, createdBy: userId, submissionIds: [a] });
    expect(regrades.apply(batch.id, userId)).toEqual({ ok: false, reason: 'unfinished', pending: 1 });
    regrades.recordGrade(batch.id, a, '2026-01-01T00:00:00.000Z', result(10));
    expect(submissions.get(a)).toMatchObject({ score: 6, exerciseVersion: 1 });
    expect(regrades.apply(batch.id, userId)).toEqual({ ok: true, counts: { applied: 1, changed: 1, stale: 0, notGraded: 0 } });
    expect(submissions.get(a)).toMatchObject({ score: 10, verdict: 'accepted', exerciseVersion: 2 });
    expect(regrades.historyOf(a)).toEqual([expect.objectContaining({ exerciseVersion: 1, score: 6, replacedBy: batch.id })]);
    expect(regrades.apply(batch.id, userId)).toEqual({ ok: false, reason: 'closed' });
    // A late, repeated delivery to an applied batch changes nothing.
    expect(regrades.recordGrade(batch.id, a, '2026-01-01T00:00:00.000Z', result(0))).toBe(false);
  });

  it('leaves alone a submission whose grade moved after the batch was made, and one that could not be regraded', () => {
    const { submissions, regrades, slug, userId, graded } = setUp();
    const moved = graded(6);
    const failed = graded(3);
    const batch = regrades.create({ exercise: slug, targetVersion: 2, createdBy: userId, submissionIds: [moved, failed] });
    regrades.recordGrade(batch.id, moved, '2026-01-01T00:00:00.000Z', result(10));
    regrades.recordFailure(batch.id, failed, '2026-01-01T00:00:00.000Z', 'engine down');
    submissions.recordGrade(moved, 'w', new Date().toISOString(), result(8));
    expect(regrades.apply(batch.id, userId)).toEqual({ ok: true, counts: { applied: 0, changed: 0, stale: 1, notGraded: 1 } });
    expect(submissions.get(moved)?.score).toBe(8);
    expect(submissions.get(failed)?.score).toBe(3);
    expect(regrades.regradesOf(batch.id).map((r) => r.outcome).sort()).toEqual(['not_graded', 'stale']);
  });
});
