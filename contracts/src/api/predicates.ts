/**
 * Predicates over API documents, free of zod so that the web app can import them without
 * bundling the schemas (import this file by path, not through the package index).
 */

/** A submission's statuses, in the order it passes through them (`error`: the grader failed, not a grade). */
export const SUBMISSION_STATUSES = ['queued', 'running', 'graded', 'error'] as const;

/** The statuses after which nothing changes (but a late grade may still replace an error). */
export const FINAL_SUBMISSION_STATUSES = ['graded', 'error'] as const;

/** Graded or error: a client stops following the submission. */
export function isFinal(status: string): status is (typeof FINAL_SUBMISSION_STATUSES)[number] {
  return (FINAL_SUBMISSION_STATUSES as readonly string[]).includes(status);
}

/** Staff see every submission and manage exercises and courses. */
export function isStaff(role: 'student' | 'instructor' | 'admin'): boolean {
  return role === 'instructor' || role === 'admin';
}
