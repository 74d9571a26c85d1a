import { z } from 'zod';

/** A user's role: students submit; instructors author exercises and follow classes; admins run the service. */
export const Role = z.enum(['student', 'instructor', 'admin']);
export type Role = z.infer<typeof Role>;
