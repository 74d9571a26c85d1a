import { LIMITS } from '@grader/contracts';
import { SCORE_SCOPE } from './claims';
import type { Platform } from './lti-store';
import type { ToolKeys } from './tool-keys';

/** A platform answered in a way another attempt will not change (a 4xx other than 401/408/429): logged, not retried. */
export class PlatformRefused extends Error {}

/** An AGS score (AGS 2.0 §3.4.6): what the platform's gradebook shows for one learner and line item. */
export interface Score {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment?: string;
  timestamp: string;
  activityProgress: 'Completed';
  gradingProgress: 'FullyGraded';
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<Response> {
  // No redirect followed: a platform's endpoints answer where they are registered or signed.
  return fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(LIMITS.lti.requestTimeoutMs) });
}

async function failure(what: string, response: Response): Promise<Error> {
  const text = (await response.text().catch(() => '')).slice(0, LIMITS.webhooks.errorChars);
  const message = `${what}: HTTP ${response.status} ${text}`.trim();
  const retriable = response.status >= 500 || [401, 408, 429].includes(response.status) || (response.status >= 300 && response.status < 400);
  return retriable ? new Error(message) : new PlatformRefused(message);
}

/**
 * Talks to platforms' Assignment and Grade Services: an access token per platform (OAuth 2
 * client credentials with a signed JWT client assertion, RFC 7523, as the LTI Security
 * Framework §4.1 requires), kept until shortly before it expires, then each score posted.
 */
export class PlatformClient {
  private readonly tokens = new Map<string, { token: string; until: number }>();

  constructor(private readonly keys: ToolKeys) {}

  /**
   * Posts one score to a line item (`<lineitem>/scores`, AGS §3.4).
   * @throws PlatformRefused when the platform refuses it for good; Error when another attempt may succeed
   */
  async postScore(platform: Platform, lineItemUrl: string, score: Score): Promise<void> {
    const token = await this.accessToken(platform);
    const url = new URL(lineItemUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
    const response = await post(url.href, { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.ims.lis.v1.score+json' }, JSON.stringify(score));
    if (response.status === 401) this.tokens.delete(platform.id);
    if (!response.ok) throw await failure('the platform refused the score', response);
    await response.body?.cancel();
  }

  private async accessToken(platform: Platform): Promise<string> {
    const cached = this.tokens.get(platform.id);
    if (cached && cached.until > Date.now()) return cached.token;
    const assertion = await this.keys.sign({ iss: platform.clientId, sub: platform.clientId, aud: platform.authTokenUrl });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: SCORE_SCOPE,
    });
    const response = await post(platform.authTokenUrl, { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, form.toString());
    if (!response.ok) throw await failure('the platform refused an access token', response);
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') throw new PlatformRefused('the platform’s token answer holds no access_token');
    const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
    // A minute early (or at half the lifetime of a short one), so a token never expires on the way.
    this.tokens.set(platform.id, { token: body.access_token, until: Date.now() + Math.max(seconds / 2, seconds - 60) * 1000 });
    return body.access_token;
  }
}
