import { Role } from '@grader/contracts';

export { Role };

export { isStaff } from '@grader/contracts/src/api/predicates';

/** Who may create an account of which role: instructors enrol students; admins anyone. */
export function mayCreate(creator: Role, created: Role): boolean {
  if (creator === 'admin') return true;
  return creator === 'instructor' && created === 'student';
}
