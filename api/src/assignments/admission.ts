import { isStaff } from '../auth/roles';
import { AppError, Errors } from '../http/app-error';
import type { SubmissionAssignment } from '../store/submission-store';
import type { User } from '../store/user-store';
import type { AssignmentStore, StoredAssignment } from './assignment-store';
import { standingAt } from './deadlines';

/**
 * Decides whether `user` may submit `exercise` to the assignment now, and how late it is:
 * the assignment must exist (404), the user be a member of its course (staff may try any),
 * the exercise be one of its own, the assignment be open for the user (their extension's due
 * date, then the late policy), and the user's submissions to that exercise be under its limit.
 * Synchronous: createSubmission runs it in the transaction that inserts the row, so two
 * concurrent submissions cannot both take the last one allowed. Throws an AppError otherwise.
 */
export function admitToAssignment(store: AssignmentStore, request: { assignmentId: string; user: User; exercise: string }, now: Date): SubmissionAssignment {
  const { assignmentId, user, exercise } = request;
  const assignment = store.get(assignmentId);
  if (!assignment) throw Errors.notFound(`Assignment "${assignmentId}"`);
  if (!isStaff(user.role) && !store.isMember(assignment.courseId, user.id)) {
    throw new AppError('not_in_course', 'This assignment belongs to a course you have not joined.');
  }
  if (!assignment.exercises.includes(exercise)) {
    throw new AppError('exercise_not_in_assignment', `The assignment "${assignment.title}" does not hold the exercise "${exercise}"; it holds ${assignment.exercises.join(', ')}.`);
  }
  const standing = standingAt(assignment, now, store.extension(assignmentId, user.id)?.dueAt);
  if (standing.state === 'upcoming') throw new AppError('assignment_not_open', `"${assignment.title}" opens at ${assignment.opensAt}; nothing was stored.`);
  if (standing.state === 'closed') {
    throw new AppError('assignment_closed', `"${assignment.title}" closed at ${standing.closesAt ?? standing.dueAt}; nothing was stored. Ask your instructor for an extension.`);
  }
  const used = store.submissionCounts(assignmentId, user.id)[exercise] ?? 0;
  if (assignment.maxSubmissions !== null && used >= assignment.maxSubmissions) {
    throw new AppError('submission_limit_reached', `You made all ${assignment.maxSubmissions} submissions "${assignment.title}" allows for "${exercise}"; nothing was stored.`);
  }
  return { id: assignmentId, daysLate: standing.daysLate, penaltyPercent: standing.penaltyPercent };
}

/**
 * Whether the owner of a submission to an assignment that reveals its tests sees them whole
 * now: once that assignment has closed for them (their due date, an extension's when they have
 * one, or the end of the late period when late work is taken: a student who can still submit
 * must not learn the hidden tests first, as Gradescope shows "after due date" tests only after
 * the late due date), and while no other assignment of theirs holding the same exercise is still
 * to come or open (the hidden tests belong to the exercise, not to one assignment).
 */
export function testsRevealedTo(store: AssignmentStore, submission: { userId: string | null; exercise: string; assignment: { id: string } | null }, now: Date): boolean {
  if (!submission.assignment || submission.userId === null) return false;
  const userId = submission.userId;
  const assignment = store.get(submission.assignment.id);
  if (!assignment?.revealTestsAfterDue) return false;
  const closedFor = (a: StoredAssignment) => standingAt(a, now, store.extension(a.id, userId)?.dueAt).state === 'closed';
  return closedFor(assignment) && store.assignmentsHolding(submission.exercise, userId).every(closedFor);
}
