import { Role } from '@grader/contracts';

export { Role };

/** Staff see every submission and manage exercises and courses. */
export function isStaff(role: Role): boolean {
  return role === 'instructor' || role === 'admin';
}

/** Who may create an account of which role: instructors enrol students; admins anyone. */
export function mayCreate(creator: Role, created: Role): boolean {
  if (creator === 'admin') return true;
  return creator === 'instructor' && created === 'student';
}
