import type { z } from 'zod';
import type { UserView } from '@grader/contracts';
import type { User } from '../store/user-store';

/** A user as others may see them: never a secret. */
export function userView(u: User): z.input<typeof UserView> {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, createdAt: u.createdAt };
}
