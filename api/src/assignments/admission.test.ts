import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError } from '../http/app-error';
import { loadExerciseFolder } from '../exercises/exercise-package';
import { CourseStore } from '../store/course-store';
import { openDatabase, type Db } from '../store/database';
import { ExerciseStore } from '../store/exercise-store';
import { SubmissionStore } from '../store/submission-store';
import { UserStore, type User } from '../store/user-store';
import { admitToAssignment } from './admission';
import { AssignmentStore } from './assignment-store';

const EXERCISE = 'sql-revenue-by-customer';
const DAY = 86_400_000;

describe('admitting a submission to an assignment', () => {
  let db: Db;
  let assignments: AssignmentStore;
  let submissions: SubmissionStore;
  let student: User;
  let assignmentId: string;
  const now = new Date('2026-12-05T12:00:00.000Z');

  beforeEach(() => {
    db = openDatabase(':memory:');
    new ExerciseStore(db).publish(loadExerciseFolder(path.resolve(__dirname, '../../../exercises', EXERCISE)));
    const users = new UserStore(db);
    const teacher = users.create({ username: 'teach', displayName: 'T', role: 'instructor' });
    student = users.create({ username: 'ada', displayName: 'Ada', role: 'student' });
    const courses = new CourseStore(db);
    const course = courses.create('Backend', teacher.id);
    courses.addMember(course.id, student.id);
    assignments = new AssignmentStore(db);
    submissions = new SubmissionStore(db);
    assignmentId = assignments.create(
      { courseId: course.id, title: 'A1', exercises: [EXERCISE], opensAt: new Date(now.getTime() - DAY).toISOString(), dueAt: new Date(now.getTime() + DAY).toISOString(), late: { kind: 'closed' }, maxSubmissions: 2, counts: 'best', revealTestsAfterDue: false },
      teacher.id,
    ).id;
  });

  /** What createSubmission does: admission and insert in one transaction. */
  const submit = () =>
    db.transaction(() => {
      const assignment = admitToAssignment(assignments, { assignmentId, user: student, exercise: EXERCISE }, now);
      return submissions.insert({ id: randomUUID(), userId: student.id, exercise: EXERCISE, exerciseVersion: 1, files: { 'query.sql': 'SELECT 1' }, maxScore: 10, assignment });
    })();

  const codeOf = (run: () => unknown): string | undefined => {
    try {
      run();
      return undefined;
    } catch (err) {
      return (err as AppError).code;
    }
  };

  it('takes submissions up to the limit and refuses the next, storing nothing', () => {
    submit();
    submit();
    expect(codeOf(submit)).toBe('submission_limit_reached');
    expect(assignments.submissionCounts(assignmentId, student.id)).toEqual({ [EXERCISE]: 2 });
  });

  it('does not count a submission the grader failed on against the limit', () => {
    const failed = submit();
    submissions.markRunning(failed.id, 'w', now.toISOString());
    submissions.recordFailure(failed.id, 'w', now.toISOString(), 'engine down');
    submit();
    submit();
    expect(codeOf(submit)).toBe('submission_limit_reached');
  });

  it('stores the lateness decided at the accept with the row', () => {
    const row = submit();
    expect(submissions.get(row.id)!.assignment).toEqual({ id: assignmentId, daysLate: 0, penaltyPercent: 0 });
  });
});
