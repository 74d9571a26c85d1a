import type { Access, RouteSpec } from '../route';
import { ACCOUNT_ROUTES } from './accounts';
import { ASSIGNMENT_ROUTES } from './assignments';
import { CODE_DRAFT_ROUTES } from './code-drafts';
import { AUTHORING_ROUTES } from './authoring';
import { COURSE_ROUTES } from './courses';
import { EXERCISE_ROUTES } from './exercises';
import { INTERNAL_ROUTES } from './internal';
import { LTI_ROUTES } from './lti';
import { OPERATIONS_ROUTES } from './operations';
import { SERVICE_ROUTES } from './service';
import { SUBMISSION_ROUTES } from './submissions';
import { TRIAL_RUN_ROUTES } from './trial-runs';

export * from './accounts';
export * from './assignments';
export * from './code-drafts';
export * from './authoring';
export * from './courses';
export * from './exercises';
export * from './internal';
export * from './lti';
export * from './operations';
export * from './service';
export * from './submissions';
export * from './trial-runs';

type Union<T> = (T extends unknown ? (x: T) => void : never) extends (x: infer I) => void ? I : never;

/** One table of several groups; a name given twice (one route silently hiding another) throws at load. */
function joinTables<const T extends readonly Record<string, RouteSpec>[]>(...groups: T): Union<T[number]> {
  const joined: Record<string, RouteSpec> = {};
  for (const group of groups) {
    for (const [name, spec] of Object.entries(group)) {
      if (name in joined) throw new Error(`the route name "${name}" is declared in two groups of the route table`);
      joined[name] = spec;
    }
  }
  return joined as Union<T[number]>;
}

/**
 * Every route of the API, declared once: the API serves each from here (a handler per name, a
 * type error when one is missing) and /openapi.json is generated from here (worker routes left
 * out).
 */
export const API_ROUTES = joinTables(
  SERVICE_ROUTES,
  ACCOUNT_ROUTES,
  COURSE_ROUTES,
  ASSIGNMENT_ROUTES,
  EXERCISE_ROUTES,
  CODE_DRAFT_ROUTES,
  TRIAL_RUN_ROUTES,
  SUBMISSION_ROUTES,
  AUTHORING_ROUTES,
  INTERNAL_ROUTES,
  OPERATIONS_ROUTES,
  LTI_ROUTES,
);

/**
 * Path prefixes closed as a whole: any request under one, to a route or to none, first needs
 * this access, so a caller without it learns nothing of what is there (401 rather than 404).
 * Every route under a prefix needs at least its access (a test checks).
 */
export const FENCED_PREFIXES = {
  '/internal': 'worker',
  // Members read their courses' assignments; the rest is staff's, route by route.
  '/api/courses': 'signed-in',
  '/api/assignments': 'signed-in',
  '/api/exercises': 'signed-in',
  '/api/submissions': 'signed-in',
  '/api/instructor': 'staff',
  '/api/admin': 'admin',
} as const satisfies Record<string, Access>;
