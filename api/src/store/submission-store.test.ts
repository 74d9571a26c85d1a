import type { SandboxResult } from '@grader/contracts';
import { openDatabase, type Db } from './database';
import { ExerciseStore } from './exercise-store';
import { SubmissionStore } from './submission-store';
import { UserStore } from './user-store';
import { loadExerciseFolder } from '../exercises/exercise-package';
import path from 'node:path';

const ID = '6f1c8a2e-1b7f-4c8e-9a51-2f0a6f1d3c11';
const result = (score: number): SandboxResult => ({
  protocol: 1,
  verdict: score === 10 ? 'accepted' : 'tests_failed',
  score,
  maxScore: 10,
  message: '',
  tests: [{ name: 't', visibility: 'visible', status: score === 10 ? 'passed' : 'failed', verdict: score === 10 ? 'accepted' : 'tests_failed', score, maxScore: 10, message: '' }],
});

describe('the submission store', () => {
  let db: Db;
  let store: SubmissionStore;
  let userId: string;
  beforeEach(() => {
    db = openDatabase(':memory:');
    const exercises = new ExerciseStore(db);
    exercises.publish(loadExerciseFolder(path.resolve(__dirname, '../../../exercises/sql-revenue-by-customer')));
    store = new SubmissionStore(db);
    userId = new UserStore(db).create({ username: 'ada', displayName: 'Ada', role: 'student' }).id;
    store.insert({ id: ID, userId, exercise: 'sql-revenue-by-customer', exerciseVersion: 1, files: { 'query.sql': 'SELECT 1' }, maxScore: 10 });
  });
  afterEach(() => db.close());

  it('starts a submission queued with no score', () => {
    expect(store.get(ID)).toMatchObject({ status: 'queued', score: null, maxScore: 10, verdict: null });
  });

  it('records the same grade once however often it is delivered', () => {
    expect(store.markRunning(ID, 'w1', '2026-01-01T00:00:01.000Z')).toBe(true);
    expect(store.markRunning(ID, 'w1', '2026-01-01T00:00:02.000Z')).toBe(false);
    store.recordGrade(ID, 'w1', '2026-01-01T00:00:03.000Z', result(7));
    store.recordGrade(ID, 'w1', '2026-01-01T00:00:03.000Z', result(7));
    expect(store.get(ID)).toMatchObject({ status: 'graded', score: 7, verdict: 'tests_failed', startedAt: '2026-01-01T00:00:01.000Z' });
    expect(store.count()).toBe(1);
  });

  it('reads a stored result validated, once per distinct text, and frozen so that no reader changes the next one\'s', () => {
    store.recordGrade(ID, 'w1', '2026-01-01T00:00:03.000Z', result(7));
    const first = store.get(ID)!.result!;
    expect(store.get(ID)!.result).toBe(first);
    expect(Object.isFrozen(first.tests[0])).toBe(true);
    expect(() => (first.tests as unknown[]).push({})).toThrow(TypeError);

    db.prepare(`UPDATE submissions SET result = ? WHERE id = ?`).run(JSON.stringify(result(9)), ID);
    expect(store.get(ID)!.result).toMatchObject({ score: 9, tests: [{ score: 9 }] });
    db.prepare(`UPDATE submissions SET result = ? WHERE id = ?`).run(JSON.stringify({ ...result(9), verdict: 'perfect' }), ID);
    expect(() => store.get(ID)).toThrow();
  });

  it('gives the same frozen submission while its row is unchanged, and a new one once any column changes, whoever changed it', () => {
    const first = store.get(ID)!;
    expect(store.get(ID)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.files)).toBe(true);
    expect(() => ((first as { status: string }).status = 'graded')).toThrow(TypeError);

    // A change the store did not make (as the recorder of another host makes): the next read sees it.
    db.prepare(`UPDATE submissions SET worker_id = 'w9' WHERE id = ?`).run(ID);
    const changed = store.get(ID)!;
    expect(changed).not.toBe(first);
    expect(changed.workerId).toBe('w9');
    expect(store.get(ID)).toBe(changed);

    db.prepare(`DELETE FROM submissions WHERE id = ?`).run(ID);
    expect(store.get(ID)).toBeUndefined();
  });

  it('does not let a late "started" undo a grade', () => {
    store.recordGrade(ID, 'w1', '2026-01-01T00:00:03.000Z', result(10));
    expect(store.markRunning(ID, 'w2', '2026-01-01T00:00:04.000Z')).toBe(false);
    expect(store.get(ID)?.status).toBe('graded');
  });

  it('never turns a grade into an error, and records an error without a score', () => {
    store.recordGrade(ID, 'w1', '2026-01-01T00:00:03.000Z', result(10));
    expect(store.recordFailure(ID, 'w1', '2026-01-01T00:00:05.000Z', 'engine down')).toBe(false);
    expect(store.get(ID)).toMatchObject({ status: 'graded', score: 10 });

    const other = '7f1c8a2e-1b7f-4c8e-9a51-2f0a6f1d3c12';
    store.insert({ id: other, userId, exercise: 'sql-revenue-by-customer', exerciseVersion: 1, files: { 'query.sql': 'x' }, maxScore: 10 });
    expect(store.recordFailure(other, 'w1', '2026-01-01T00:00:05.000Z', 'engine down')).toBe(true);
    expect(store.get(other)).toMatchObject({ status: 'error', score: null, verdict: 'internal_error', error: 'engine down' });
  });

  it('removes only a queued row when its job could not be queued', () => {
    store.deleteQueued(ID);
    expect(store.get(ID)).toBeUndefined();
  });
});
