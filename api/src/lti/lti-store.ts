import { randomUUID } from 'node:crypto';
import type { RegisterPlatformBody } from '@grader/contracts';
import { sha256 } from '../auth/secrets';
import type { Db } from '../store/database';

/** A registered platform (an LMS), as its admin entered it. */
export interface Platform extends RegisterPlatformBody {
  id: string;
  createdAt: string;
}

/** A platform's link to an exercise here. */
export interface ResourceLink {
  id: string;
  platformId: string;
  resourceLinkId: string;
  exercise: string;
  assignmentId: string | null;
  lineItemUrl: string | null;
}

/** Where a learner's grade for a link goes: the link's line item, under the platform's name for them. */
export interface GradeDestination {
  platformId: string;
  lineItemUrl: string;
  subject: string;
}

/** A deep-linking page's promise: where the choice goes back to. */
export interface DeepLinkChoice {
  platformId: string;
  deploymentId: string;
  returnUrl: string;
  data: string | null;
  courseId: string | null;
}

interface PlatformRow {
  id: string;
  name: string;
  issuer: string;
  client_id: string;
  deployment_ids: string;
  auth_login_url: string;
  auth_token_url: string;
  jwks_url: string;
  created_at: string;
}

const toPlatform = (r: PlatformRow): Platform => ({
  id: r.id,
  name: r.name,
  issuer: r.issuer,
  clientId: r.client_id,
  deploymentIds: JSON.parse(r.deployment_ids) as string[],
  authLoginUrl: r.auth_login_url,
  authTokenUrl: r.auth_token_url,
  jwksUrl: r.jwks_url,
  createdAt: r.created_at,
});

/** The LTI tables (migration "LTI 1.3"). One-time secrets (state, deep-link tokens) are kept as sha256 only. */
export class LtiStore {
  constructor(private readonly db: Db) {}

  /** @returns undefined when the issuer and client id are registered already. */
  registerPlatform(input: RegisterPlatformBody, now = new Date()): Platform | undefined {
    const id = randomUUID();
    const inserted = this.db
      .prepare(
        `INSERT OR IGNORE INTO lti_platforms (id, name, issuer, client_id, deployment_ids, auth_login_url, auth_token_url, jwks_url, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.name, input.issuer, input.clientId, JSON.stringify(input.deploymentIds), input.authLoginUrl, input.authTokenUrl, input.jwksUrl, now.toISOString());
    return inserted.changes === 1 ? this.platform(id) : undefined;
  }

  platform(id: string): Platform | undefined {
    const row = this.db.prepare(`SELECT * FROM lti_platforms WHERE id = ?`).get(id) as PlatformRow | undefined;
    return row && toPlatform(row);
  }

  platforms(): Platform[] {
    return (this.db.prepare(`SELECT * FROM lti_platforms ORDER BY created_at, id`).all() as PlatformRow[]).map(toPlatform);
  }

  /** The platforms of an issuer, narrowed to a client id when given. */
  platformsOf(issuer: string, clientId?: string): Platform[] {
    const rows = (clientId === undefined
      ? this.db.prepare(`SELECT * FROM lti_platforms WHERE issuer = ?`).all(issuer)
      : this.db.prepare(`SELECT * FROM lti_platforms WHERE issuer = ? AND client_id = ?`).all(issuer, clientId)) as PlatformRow[];
    return rows.map(toPlatform);
  }

  /** Remembers a login until `expiresAt`; expired ones are swept on the way. */
  openLogin(state: string, platformId: string, nonce: string, expiresAt: Date, now = new Date()): void {
    this.db.prepare(`DELETE FROM lti_logins WHERE expires_at <= ?`).run(now.toISOString());
    this.db.prepare(`INSERT INTO lti_logins (state_hash, platform_id, nonce, expires_at) VALUES (?, ?, ?, ?)`).run(sha256(state), platformId, nonce, expiresAt.toISOString());
  }

  /** Takes a login out (whatever the launch's fate: a state is good for one try); undefined when unknown, used or expired. */
  takeLogin(state: string, now = new Date()): { platformId: string; nonce: string } | undefined {
    const row = this.db.prepare(`DELETE FROM lti_logins WHERE state_hash = ? RETURNING platform_id AS platformId, nonce, expires_at AS expiresAt`).get(sha256(state)) as
      | { platformId: string; nonce: string; expiresAt: string }
      | undefined;
    return row && row.expiresAt > now.toISOString() ? { platformId: row.platformId, nonce: row.nonce } : undefined;
  }

  userOf(platformId: string, subject: string): string | undefined {
    const row = this.db.prepare(`SELECT user_id AS userId FROM lti_identities WHERE platform_id = ? AND subject = ?`).get(platformId, subject) as { userId: string } | undefined;
    return row?.userId;
  }

  linkIdentity(platformId: string, subject: string, userId: string): void {
    this.db.prepare(`INSERT INTO lti_identities (platform_id, subject, user_id) VALUES (?, ?, ?)`).run(platformId, subject, userId);
  }

  courseOf(platformId: string, contextId: string): string | undefined {
    const row = this.db.prepare(`SELECT course_id AS courseId FROM lti_contexts WHERE platform_id = ? AND context_id = ?`).get(platformId, contextId) as { courseId: string } | undefined;
    return row?.courseId;
  }

  linkContext(platformId: string, contextId: string, courseId: string): void {
    this.db.prepare(`INSERT OR IGNORE INTO lti_contexts (platform_id, context_id, course_id) VALUES (?, ?, ?)`).run(platformId, contextId, courseId);
  }

  /** Records (or updates, as every launch says it anew) a resource link and its line item. */
  saveResourceLink(link: Omit<ResourceLink, 'id'>): ResourceLink {
    this.db
      .prepare(
        `INSERT INTO lti_resource_links (id, platform_id, resource_link_id, exercise_slug, assignment_id, line_item_url) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform_id, resource_link_id) DO UPDATE SET exercise_slug = excluded.exercise_slug, assignment_id = excluded.assignment_id, line_item_url = excluded.line_item_url`,
      )
      .run(randomUUID(), link.platformId, link.resourceLinkId, link.exercise, link.assignmentId, link.lineItemUrl);
    const row = this.db
      .prepare(
        `SELECT id, platform_id AS platformId, resource_link_id AS resourceLinkId, exercise_slug AS exercise, assignment_id AS assignmentId, line_item_url AS lineItemUrl
         FROM lti_resource_links WHERE platform_id = ? AND resource_link_id = ?`,
      )
      .get(link.platformId, link.resourceLinkId) as ResourceLink;
    return row;
  }

  addLearner(linkId: string, userId: string, subject: string): void {
    this.db.prepare(`INSERT OR IGNORE INTO lti_link_learners (link_id, user_id, subject) VALUES (?, ?, ?)`).run(linkId, userId, subject);
  }

  /**
   * Where a user's grade for an exercise goes: each line item of a link to that exercise they
   * launched, of the same assignment (null: the exercise on its own).
   */
  gradeDestinations(userId: string, exercise: string, assignmentId: string | null): GradeDestination[] {
    return this.db
      .prepare(
        `SELECT l.platform_id AS platformId, l.line_item_url AS lineItemUrl, m.subject
         FROM lti_link_learners m JOIN lti_resource_links l ON l.id = m.link_id
         WHERE m.user_id = ? AND l.exercise_slug = ? AND l.assignment_id IS ? AND l.line_item_url IS NOT NULL
         ORDER BY l.platform_id, l.line_item_url`,
      )
      .all(userId, exercise, assignmentId) as GradeDestination[];
  }

  openDeepLinkChoice(token: string, choice: DeepLinkChoice, expiresAt: Date, now = new Date()): void {
    this.db.prepare(`DELETE FROM lti_deep_link_choices WHERE expires_at <= ?`).run(now.toISOString());
    this.db
      .prepare(`INSERT INTO lti_deep_link_choices (token_hash, platform_id, deployment_id, return_url, data, course_id, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(sha256(token), choice.platformId, choice.deploymentId, choice.returnUrl, choice.data, choice.courseId, expiresAt.toISOString());
  }

  /** Takes a deep-linking page's token out; undefined when unknown, used or expired. */
  takeDeepLinkChoice(token: string, now = new Date()): DeepLinkChoice | undefined {
    const row = this.db
      .prepare(
        `DELETE FROM lti_deep_link_choices WHERE token_hash = ?
         RETURNING platform_id AS platformId, deployment_id AS deploymentId, return_url AS returnUrl, data, course_id AS courseId, expires_at AS expiresAt`,
      )
      .get(sha256(token)) as (DeepLinkChoice & { expiresAt: string }) | undefined;
    if (!row || row.expiresAt <= now.toISOString()) return undefined;
    const { expiresAt: _expiresAt, ...choice } = row;
    return choice;
  }
}
