import { sha256 } from '../auth/secrets';
import type { AssignmentStore } from '../assignments/assignment-store';
import type { CourseStore } from '../store/course-store';
import type { Db } from '../store/database';
import type { ExerciseStore } from '../store/exercise-store';
import type { User, UserStore } from '../store/user-store';
import { CLAIM, displayNameOf, roleFromLti, SCORE_SCOPE, type Launch, type ResourceLinkLaunch } from './claims';
import { launchRefused } from './launch-verification';
import type { LtiStore, Platform } from './lti-store';

export interface LaunchAccountDeps {
  db: Db;
  lti: LtiStore;
  users: UserStore;
  courses: CourseStore;
  assignments: AssignmentStore;
  exercises: ExerciseStore;
}

/**
 * The grader's user for a launch's subject on its platform: made at the first launch (a
 * username derived from both, no password: they sign in through the platform), promoted to
 * instructor when the platform says they teach, never demoted nor made admin.
 */
export function userForLaunch(deps: LaunchAccountDeps, platform: Platform, launch: Launch): User {
  const role = roleFromLti(launch[CLAIM.roles]);
  const known = deps.lti.userOf(platform.id, launch.sub);
  if (known) {
    if (role === 'instructor') deps.users.promoteToInstructor(known);
    return deps.users.get(known)!;
  }
  const base = `lti-${sha256(`${platform.id}\0${launch.sub}`).slice(0, 12)}`;
  let username = base;
  for (let n = 2; deps.users.usernameTaken(username); n++) username = `${base}-${n}`;
  const user = deps.users.create({ username, displayName: displayNameOf(launch), role });
  deps.lti.linkIdentity(platform.id, launch.sub, user.id);
  return user;
}

/** The course a launch's context is here, made at its first launch when `create` (named by the context's title). */
export function courseForContext(deps: LaunchAccountDeps, platform: Platform, launch: Launch, createdBy: string, create: boolean): string | undefined {
  const context = launch[CLAIM.context];
  if (!context) return undefined;
  const known = deps.lti.courseOf(platform.id, context.id);
  if (known || !create) return known;
  const course = deps.courses.create((context.title || context.label || `Course ${context.id}`).slice(0, 120), createdBy);
  deps.lti.linkContext(platform.id, context.id, course.id);
  return course.id;
}

/** A custom parameter's value as text (platforms send them as strings; LTI 1.3 §5.4.1). */
function customOf(launch: Launch, name: string): string | undefined {
  const value = launch[CLAIM.custom]?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * What a resource link launch does, in one transaction: the user (made or found), the exercise
 * and assignment the link names (`custom` parameters `exercise` and `assignment`, as deep
 * linking sets them), the course membership that lets them submit to it, and the line item
 * their grade goes to when the platform offers score passback (AGS).
 *
 * @returns the user and the web page to open (`/exercises/<slug>`, `?assignment=<id>` for an assignment's)
 * @throws AppError lti_launch_refused when the link names no published exercise, or an assignment without it
 */
export function resourceLinkLaunch(deps: LaunchAccountDeps, platform: Platform, launch: ResourceLinkLaunch): { user: User; page: string } {
  return deps.db.transaction(() => {
    const exercise = customOf(launch, 'exercise');
    if (!exercise || !deps.exercises.findPublished(exercise)) throw launchRefused('the link names no published exercise of the grader (custom parameter `exercise`; link it again with deep linking)');
    const assignmentId = customOf(launch, 'assignment');
    const assignment = assignmentId === undefined ? undefined : deps.assignments.get(assignmentId);
    if (assignmentId !== undefined && !assignment?.exercises.includes(exercise)) throw launchRefused('the link names an assignment that does not exist or does not hold its exercise');

    const user = userForLaunch(deps, platform, launch);
    const context = launch[CLAIM.context];
    // An assignment's course is where its submissions are admitted; the platform's course maps to it.
    if (assignment && context) deps.lti.linkContext(platform.id, context.id, assignment.courseId);
    const courseId = assignment?.courseId ?? courseForContext(deps, platform, launch, user.id, true);
    if (courseId) deps.courses.addMember(courseId, user.id);

    const ags = launch[CLAIM.agsEndpoint];
    const lineItemUrl = ags?.lineitem && (ags.scope ?? []).includes(SCORE_SCOPE) ? ags.lineitem : null;
    const link = deps.lti.saveResourceLink({
      platformId: platform.id,
      resourceLinkId: launch[CLAIM.resourceLink].id,
      exercise,
      assignmentId: assignment?.id ?? null,
      lineItemUrl,
    });
    // Staff trying the link are not graded on the platform (its gradebook holds learners).
    if (lineItemUrl && roleFromLti(launch[CLAIM.roles]) === 'student') deps.lti.addLearner(link.id, user.id, launch.sub);
    const page = `/exercises/${encodeURIComponent(exercise)}${assignment ? `?assignment=${encodeURIComponent(assignment.id)}` : ''}`;
    return { user: deps.users.get(user.id)!, page };
  })();
}
