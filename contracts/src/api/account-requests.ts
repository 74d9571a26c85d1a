import { z } from 'zod';
import { Role } from './roles';

export const Username = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$/, '3 to 40 letters, digits, ".", "_" or "-", starting with a letter or digit');
export const Password = z.string().min(10, 'at least 10 characters').max(200);
export const DisplayName = z.string().trim().min(1).max(100);

export const CreateUserBody = z.strictObject({
  username: Username,
  displayName: DisplayName,
  role: Role.default('student'),
  /** Optional: API-only accounts have none. */
  password: Password.optional(),
  /** Optional: enrol the new student in this course. */
  courseId: z.uuid().optional(),
});

export const SignInBody = z.strictObject({ username: z.string().max(100), password: z.string().max(200) });

export const JoinBody = z.strictObject({ joinCode: z.string().min(4).max(40), username: Username, displayName: DisplayName, password: Password });

export const CreateCourseBody = z.strictObject({ name: z.string().trim().min(1).max(200) });
