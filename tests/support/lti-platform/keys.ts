import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A platform's RS256 signing key, and a forger's key with the same kid that its keyset does not publish. */
export class PlatformKeys {
  private constructor(
    readonly kid: string,
    private readonly privateKey: PrivateKey,
    private readonly forgedKey: PrivateKey,
    readonly publicJwk: JWK,
  ) {}

  static async create(): Promise<PlatformKeys> {
    const kid = randomUUID();
    const pair = await generateKeyPair('RS256', { extractable: true });
    const forged = await generateKeyPair('RS256');
    return new PlatformKeys(kid, pair.privateKey, forged.privateKey, { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' });
  }

  /** A signed JWT with exactly these claims (the caller sets iat and exp: a test may want them wrong). */
  sign(claims: JWTPayload, options: { forged?: boolean; kid?: string } = {}): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: options.kid ?? this.kid, typ: 'JWT' }).sign(options.forged ? this.forgedKey : this.privateKey);
  }
}

/** The tool's keyset, fetched from its jwksUrl (and cached by jose) for client assertions and deep-linking responses. */
export class ToolKeyset {
  private cached?: { url: string; get: JWTVerifyGetKey };

  /**
   * Verifies a JWT the tool signed (LTI Security Framework §5.1.3: signature, iss, aud, exp).
   * @throws jose's error naming what failed
   */
  async verify(jwt: string, jwksUrl: string, expect: { issuer?: string; audience: string | string[] }): Promise<JWTPayload> {
    if (this.cached?.url !== jwksUrl) this.cached = { url: jwksUrl, get: createRemoteJWKSet(new URL(jwksUrl)) };
    const { payload } = await jwtVerify(jwt, this.cached.get, {
      algorithms: ['RS256', 'RS384', 'RS512', 'ES256'],
      audience: expect.audience,
      ...(expect.issuer === undefined ? {} : { issuer: expect.issuer }),
      requiredClaims: ['exp'],
    });
    return payload;
  }
}
