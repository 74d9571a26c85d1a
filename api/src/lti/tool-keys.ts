import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { LIMITS } from '@grader/contracts';
import type { Db } from '../store/database';

type PrivateKey = Awaited<ReturnType<typeof importJWK>>;
/** A public key as /lti/jwks publishes it. */
export type PublicJwk = JWK & { kty: string; kid: string; alg: string; use: string };

/** RS256: the one algorithm every LTI platform must accept (LTI Security Framework §6.1). */
const ALG = 'RS256';

interface KeyRow {
  kid: string;
  private_jwk: string;
  public_jwk: string;
}

/**
 * The grader's signing key as an LTI tool: made on first use and kept in SQLite (with the
 * backups), published at /lti/jwks. Signs the client assertions that get a platform's access
 * token and the deep-linking responses.
 */
export class ToolKeys {
  private current?: Promise<{ kid: string; privateKey: PrivateKey }>;

  constructor(private readonly db: Db) {}

  /** Every public key (JWKS, RFC 7517 §5), newest first. */
  async jwks(): Promise<{ keys: PublicJwk[] }> {
    await this.signingKey();
    const rows = this.db.prepare(`SELECT public_jwk FROM lti_tool_keys ORDER BY created_at DESC, kid`).all() as Array<Pick<KeyRow, 'public_jwk'>>;
    return { keys: rows.map((r) => JSON.parse(r.public_jwk) as PublicJwk) };
  }

  /**
   * A JWT signed with the newest key, `iat`, `exp` (LIMITS.lti.signedTokenSeconds) and `jti` set.
   * @param claims the payload's other claims (iss, aud, sub, …)
   */
  async sign(claims: JWTPayload): Promise<string> {
    const { kid, privateKey } = await this.signingKey();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime(`${LIMITS.lti.signedTokenSeconds}s`)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  private signingKey(): Promise<{ kid: string; privateKey: PrivateKey }> {
    this.current ??= this.loadOrCreate().catch((err: unknown) => {
      this.current = undefined;
      throw err;
    });
    return this.current;
  }

  private async loadOrCreate(): Promise<{ kid: string; privateKey: PrivateKey }> {
    let row = this.db.prepare(`SELECT kid, private_jwk, public_jwk FROM lti_tool_keys ORDER BY created_at DESC, kid LIMIT 1`).get() as KeyRow | undefined;
    if (!row) {
      const pair = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
      const kid = randomUUID();
      const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: ALG, use: 'sig' };
      const privateJwk = { ...(await exportJWK(pair.privateKey)), kid, alg: ALG };
      // Two API processes starting at once: the first insert wins and both read it back.
      this.db
        .prepare(`INSERT INTO lti_tool_keys (kid, private_jwk, public_jwk, created_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM lti_tool_keys)`)
        .run(kid, JSON.stringify(privateJwk), JSON.stringify(publicJwk), new Date().toISOString());
      row = this.db.prepare(`SELECT kid, private_jwk, public_jwk FROM lti_tool_keys ORDER BY created_at DESC, kid LIMIT 1`).get() as KeyRow;
    }
    return { kid: row.kid, privateKey: await importJWK(JSON.parse(row.private_jwk) as JWK, ALG) };
  }
}
