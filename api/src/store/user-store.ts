import { randomUUID } from 'node:crypto';
import { LIMITS } from '@grader/contracts';
import { LRUCache } from 'lru-cache';
import type { Role } from '../auth/roles';
import { newSecret, sha256 } from '../auth/secrets';
import type { Db } from './database';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  webhookSecret: string;
  createdAt: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  webhook_secret: string;
  created_at: string;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  webhookSecret: row.webhook_secret,
  createdAt: row.created_at,
});

/** Users, their API tokens and their browser sessions. Secrets are stored as sha256 only. */
export class UserStore {
  /**
   * A live token's user, by the token itself, for LIMITS.store.tokenCacheMs after it was read
   * (see there). Unknown tokens are not remembered: a guesser cannot fill it, and a token
   * issued a moment after a failed attempt works at once. Keyed by the token's hash, so that
   * no secret stays in the heap; aged by the caller's clock, as the token's last use is.
   */
  private readonly tokens = new LRUCache<string, { user: Readonly<User>; readAt: number; lastUsedAt: number }>({ max: LIMITS.store.tokenCacheEntries });

  constructor(private readonly db: Db) {}

  create(input: { username: string; displayName: string; role: Role; passwordHash?: string; createdBy?: string }, now = new Date()): User {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, webhook_secret, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.username, input.displayName, input.role, input.passwordHash ?? null, newSecret('gr_whs'), input.createdBy ?? null, now.toISOString());
    return this.get(id)!;
  }

  usernameTaken(username: string): boolean {
    return this.db.prepare(`SELECT 1 FROM users WHERE username = ?`).get(username) !== undefined;
  }

  get(id: string): User | undefined {
    const row = this.db.prepare(`SELECT * FROM users WHERE id = ?`).get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  /**
   * Promotes a student to instructor (an LTI platform says they teach). Cached token reads
   * keep the old role for LIMITS.store.tokenCacheMs at most; sessions read it at once.
   */
  promoteToInstructor(id: string): void {
    this.db.prepare(`UPDATE users SET role = 'instructor' WHERE id = ? AND role = 'student'`).run(id);
  }

  /** The user and password hash for a sign-in, by username (case-insensitive). */
  findForSignIn(username: string): { user: User; passwordHash: string | null } | undefined {
    const row = this.db.prepare(`SELECT * FROM users WHERE username = ?`).get(username) as UserRow | undefined;
    return row && { user: toUser(row), passwordHash: row.password_hash };
  }

  countByRole(role: Role): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM users WHERE role = ?`).get(role) as { n: number }).n;
  }

  list(filter: { role?: Role } = {}): User[] {
    const rows = (
      filter.role
        ? this.db.prepare(`SELECT * FROM users WHERE role = ? ORDER BY username`).all(filter.role)
        : this.db.prepare(`SELECT * FROM users ORDER BY username`).all()
    ) as UserRow[];
    return rows.map(toUser);
  }

  /** A new API token for the user; the token itself is returned once and never stored. */
  issueToken(userId: string, label: string, now = new Date()): string {
    const token = newSecret('gr_tok');
    this.db.prepare(`INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)`).run(sha256(token), userId, label, now.toISOString());
    return token;
  }

  /**
   * The user a live token belongs to; notes the token's use, to the minute
   * (LIMITS.store.tokenLastUsedEveryMs), from memory for a few seconds (LIMITS.store.tokenCacheMs).
   */
  userForToken(token: string, now = new Date()): Readonly<User> | undefined {
    const hash = sha256(token);
    const t = now.getTime();
    const remembered = this.tokens.get(hash);
    if (remembered && t - remembered.readAt < LIMITS.store.tokenCacheMs && t - remembered.lastUsedAt < LIMITS.store.tokenLastUsedEveryMs) return remembered.user;
    const row = this.db
      .prepare(`SELECT u.*, t.last_used_at AS token_last_used FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL`)
      .get(hash) as (UserRow & { token_last_used: string | null }) | undefined;
    if (!row) {
      this.tokens.delete(hash);
      return undefined;
    }
    let lastUsedAt = row.token_last_used === null ? -Infinity : Date.parse(row.token_last_used);
    if (t - lastUsedAt >= LIMITS.store.tokenLastUsedEveryMs) {
      this.db.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?`).run(now.toISOString(), hash);
      lastUsedAt = t;
    }
    const user = Object.freeze(toUser(row));
    this.tokens.set(hash, { user, readAt: t, lastUsedAt });
    return user;
  }

  openSession(userId: string, lifetimeMs: number, now = new Date()): { session: string; csrfToken: string; expiresAt: Date } {
    const session = newSecret('gr_ses');
    const csrfToken = newSecret('gr_csrf');
    const expiresAt = new Date(now.getTime() + lifetimeMs);
    this.db
      .prepare(`INSERT INTO sessions (session_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`)
      .run(sha256(session), userId, csrfToken, now.toISOString(), expiresAt.toISOString());
    return { session, csrfToken, expiresAt };
  }

  findSession(session: string, now = new Date()): { user: User; csrfToken: string } | undefined {
    const row = this.db
      .prepare(`SELECT u.*, s.csrf_token AS csrf FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.session_hash = ? AND s.expires_at > ?`)
      .get(sha256(session), now.toISOString()) as (UserRow & { csrf: string }) | undefined;
    return row && { user: toUser(row), csrfToken: row.csrf };
  }

  closeSession(session: string): void {
    this.db.prepare(`DELETE FROM sessions WHERE session_hash = ?`).run(sha256(session));
  }
}
