import type { Access } from '../route';
import { ACCOUNT_ROUTES } from './accounts';
import { COURSE_ROUTES } from './courses';
import { EXERCISE_ROUTES } from './exercises';
import { INTERNAL_ROUTES } from './internal';
import { SERVICE_ROUTES } from './service';
import { SUBMISSION_ROUTES } from './submissions';

export * from './accounts';
export * from './courses';
export * from './exercises';
export * from './internal';
export * from './service';
export * from './submissions';

/**
 * Every route of the API, declared once: the API serves each from here (a handler per name, a
 * type error when one is missing) and /openapi.json is generated from here (worker routes left
 * out). The exercise-authoring routes join as `...AUTHORING_ROUTES`.
 */
export const API_ROUTES = {
  ...SERVICE_ROUTES,
  ...ACCOUNT_ROUTES,
  ...COURSE_ROUTES,
  ...EXERCISE_ROUTES,
  ...SUBMISSION_ROUTES,
  ...INTERNAL_ROUTES,
} as const;

/**
 * Path prefixes closed as a whole: any request under one, to a route or to none, first needs
 * this access, so a caller without it learns nothing of what is there (401 rather than 404).
 * Every route under a prefix needs at least its access (a test checks).
 */
export const FENCED_PREFIXES = {
  '/internal': 'worker',
  '/api/courses': 'staff',
  '/api/exercises': 'signed-in',
  '/api/submissions': 'signed-in',
} as const satisfies Record<string, Access>;
