import { randomUUID } from 'node:crypto';
import type { AssignmentStore, StoredAssignment } from '../assignments/assignment-store';
import type { ExerciseStore } from '../store/exercise-store';
import { CLAIM } from './claims';
import type { LinkOption } from './lti-pages';
import type { DeepLinkChoice, Platform } from './lti-store';
import type { ToolKeys } from './tool-keys';

/** What an instructor may link (Deep Linking 2.0 §3): an assignment's exercise, or an exercise on its own. */
export type LinkTarget = { exercise: string; title: string; maxScore: number; assignment?: StoredAssignment };

export interface DeepLinkDeps {
  exercises: ExerciseStore;
  assignments: AssignmentStore;
}

/** The published exercises by title: slug, title and points. */
function published(deps: DeepLinkDeps): Array<{ slug: string; title: string; maxScore: number }> {
  return deps.exercises
    .listAll()
    .filter((e) => e.status === 'published')
    .sort((a, b) => a.title.localeCompare(b.title));
}

/**
 * The assignments a deep link may name: those of the course the platform's course maps to, or
 * every course's while it maps to none (the first launch of the link maps it to the assignment's).
 */
function assignmentsFor(deps: DeepLinkDeps, courseId: string | null): StoredAssignment[] {
  return courseId ? deps.assignments.listByCourse(courseId) : deps.assignments.listAll();
}

/** The page's groups: each assignment with its exercises, then every published exercise on its own. */
export function linkOptions(deps: DeepLinkDeps, courseId: string | null): Array<{ title: string; options: LinkOption[] }> {
  const exercises = published(deps);
  const titleOf = new Map(exercises.map((e) => [e.slug, e.title]));
  return [
    ...assignmentsFor(deps, courseId).map((a) => ({
      title: `Assignment: ${a.title} (due ${a.dueAt.slice(0, 16).replace('T', ' ')} UTC)`,
      options: a.exercises.filter((slug) => titleOf.has(slug)).map((slug) => ({ value: `assignment:${a.id}:${slug}`, label: titleOf.get(slug)! })),
    })),
    { title: 'Exercises on their own', options: exercises.map((e) => ({ value: `exercise:${e.slug}`, label: e.title })) },
  ];
}

/** The target a picked value names, when the page offered it (the same rules as linkOptions); undefined otherwise. */
export function resolveChoice(deps: DeepLinkDeps, choice: DeepLinkChoice, value: string): LinkTarget | undefined {
  const exercises = new Map(published(deps).map((e) => [e.slug, e]));
  const standalone = /^exercise:([^:]+)$/.exec(value);
  if (standalone) {
    const e = exercises.get(standalone[1]!);
    return e && { exercise: e.slug, title: e.title, maxScore: e.maxScore };
  }
  const ofAssignment = /^assignment:([^:]+):([^:]+)$/.exec(value);
  if (!ofAssignment) return undefined;
  const assignment = deps.assignments.get(ofAssignment[1]!);
  const e = exercises.get(ofAssignment[2]!);
  if (!assignment || !e || (choice.courseId !== null && assignment.courseId !== choice.courseId) || !assignment.exercises.includes(e.slug)) return undefined;
  return { exercise: e.slug, title: `${assignment.title}: ${e.title}`, maxScore: e.maxScore, assignment };
}

/**
 * The signed LtiDeepLinkingResponse (Deep Linking 2.0 §4.5): one ltiResourceLink whose custom
 * parameters name the exercise (and assignment), with a line item for its grade and, for an
 * assignment, its dates.
 *
 * @returns the JWT to post to the platform's deep_link_return_url as `JWT`
 */
export function deepLinkingResponse(keys: ToolKeys, platform: Platform, choice: DeepLinkChoice, target: LinkTarget, launchUrl: string): Promise<string> {
  const custom: Record<string, string> = { exercise: target.exercise, ...(target.assignment ? { assignment: target.assignment.id } : {}) };
  const item = {
    type: 'ltiResourceLink',
    title: target.title,
    url: launchUrl,
    custom,
    // The grader's pages refuse to be framed: the platform opens it in a window of its own.
    window: { targetName: 'grader' },
    lineItem: { scoreMaximum: target.maxScore, label: target.title, resourceId: target.assignment ? `${target.assignment.id}:${target.exercise}` : target.exercise },
    ...(target.assignment ? { submission: { endDateTime: target.assignment.dueAt }, available: { startDateTime: target.assignment.opensAt } } : {}),
  };
  return keys.sign({
    iss: platform.clientId,
    aud: platform.issuer,
    azp: platform.clientId,
    nonce: randomUUID(),
    [CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [CLAIM.version]: '1.3.0',
    [CLAIM.deploymentId]: choice.deploymentId,
    [CLAIM.contentItems]: [item],
    ...(choice.data !== null ? { [CLAIM.deepLinkingData]: choice.data } : {}),
  });
}
