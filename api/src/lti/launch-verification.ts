import { timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LIMITS } from '@grader/contracts';
import { AppError } from '../http/app-error';
import { Launch } from './claims';
import type { LtiStore, Platform } from './lti-store';

/** A launch refused, with what failed in words a platform's administrator can act on. */
export function launchRefused(detail: string): AppError {
  return new AppError('lti_launch_refused', `The LTI launch was refused: ${detail}.`);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** jose's errors said for people (each names the check of the LTI Security Framework §5.1.3 that failed). */
function explain(err: unknown): string {
  const { code, claim } = err as { code?: string; claim?: string };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the id_token has expired (exp)';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return claim === 'aud'
        ? 'the id_token is not meant for this tool (aud is not the client id)'
        : claim === 'iss'
          ? 'the id_token’s issuer (iss) is not the platform the login began with'
          : claim === 'iat'
            ? 'the id_token was issued too long ago or in the future (iat)'
            : `the id_token’s ${claim ?? 'claims'} claim is missing or wrong`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the id_token’s signature does not verify with the platform’s keyset';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'no key of the platform’s keyset matches the id_token’s kid';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the id_token is not signed with RS256';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return 'the platform’s keyset could not be read';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'the id_token is not a well-formed signed JWT';
    default:
      return 'the platform’s keyset could not be fetched, or the id_token could not be verified';
  }
}

/**
 * Checks an LTI 1.3 launch (the OpenID Connect authentication response, LTI 1.3 §5.1.1.4 and the
 * Security Framework §5.1.3) in this order: the state is the one this browser's login cookie
 * holds and a login this server began (used once, whatever follows); the id_token is signed
 * RS256 by a key of the platform's keyset; its iss is that platform, its aud holds the client id
 * (and azp names it when there are several audiences), its exp has not passed and its iat is
 * recent; its nonce is the login's; it is an LTI 1.3 message of a deployment registered for the
 * platform, with the claims its message type requires.
 */
export class LaunchVerifier {
  private readonly keysets = new Map<string, { url: string; get: JWTVerifyGetKey }>();

  constructor(private readonly store: LtiStore) {}

  /**
   * @param form the posted `id_token` and `state`
   * @param cookieState the state this browser's login cookie holds (undefined: none)
   * @throws AppError lti_launch_refused naming the failed check
   */
  async verify(form: { id_token: string; state: string }, cookieState: string | undefined): Promise<{ platform: Platform; launch: Launch }> {
    // Login CSRF (OIDC Core §3.1.2.7): the launch must come back to the browser that began it.
    if (!cookieState || !sameSecret(cookieState, form.state)) throw launchRefused('the state is not the one this browser’s login began with (is the grader open in a frame that cannot keep cookies? open it in a new window)');
    const login = this.store.takeLogin(form.state);
    if (!login) throw launchRefused('the state is unknown, used already or expired');
    const platform = this.store.platform(login.platformId);
    if (!platform) throw launchRefused('the platform of this login is no longer registered');

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(form.id_token, this.keyset(platform), {
        issuer: platform.issuer,
        audience: platform.clientId,
        algorithms: ['RS256'],
        clockTolerance: LIMITS.lti.clockToleranceSeconds,
        maxTokenAge: LIMITS.lti.tokenMaxAgeSeconds,
        requiredClaims: ['iat', 'exp', 'nonce', 'sub'],
      }));
    } catch (err) {
      throw launchRefused(explain(err));
    }
    const audiences = [payload.aud].flat();
    if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== platform.clientId) throw launchRefused('the id_token has several audiences and its azp is not this tool’s client id');
    if (typeof payload.nonce !== 'string' || !sameSecret(payload.nonce, login.nonce)) throw launchRefused('the id_token’s nonce is not the one sent at login');

    const parsed = Launch.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw launchRefused(`the LTI claims are not a resource link or deep-linking request of LTI 1.3 (${issue.path.join('.') || 'message'}: ${issue.message})`);
    }
    const deployment = parsed.data['https://purl.imsglobal.org/spec/lti/claim/deployment_id'];
    if (!platform.deploymentIds.includes(deployment)) throw launchRefused(`the deployment ${JSON.stringify(deployment)} is not registered for this platform`);
    return { platform, launch: parsed.data };
  }

  /** The platform's keyset, fetched when first needed and cached (jose refetches for an unknown kid). */
  private keyset(platform: Platform): JWTVerifyGetKey {
    const cached = this.keysets.get(platform.id);
    if (cached?.url === platform.jwksUrl) return cached.get;
    const get = createRemoteJWKSet(new URL(platform.jwksUrl), {
      timeoutDuration: LIMITS.lti.requestTimeoutMs,
      cacheMaxAge: LIMITS.lti.keysetCacheMs,
      cooldownDuration: 30_000,
    });
    this.keysets.set(platform.id, { url: platform.jwksUrl, get });
    return get;
  }
}
