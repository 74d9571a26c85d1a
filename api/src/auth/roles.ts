import { z } from 'zod';

export const Role = z.enum(['student', 'instructor', 'admin']);
export type Role = z.infer<typeof Role>;

/** Staff see every submission and manage exercises and courses. */
export function isStaff(role: Role): boolean {
  return role === 'instructor' || role === 'admin';
}

/** Who may create an account of which role: instructors enrol students; admins anyone. */
export function mayCreate(creator: Role, created: Role): boolean {
  if (creator === 'admin') return true;
  return creator === 'instructor' && created === 'student';
}
