import type { User } from '../store/user-store';

/** A user as others may see them: never a secret. */
export function userView(u: User) {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, createdAt: u.createdAt };
}
