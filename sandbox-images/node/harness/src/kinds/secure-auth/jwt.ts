import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * JSON Web Tokens as an attacker makes them (RFC 7519, JWS compact serialisation of RFC 7515):
 * any header, any payload, signed with any key or not at all. The harness forges its attacks
 * with these and checks the app's own tokens; it never trusts a token the app made beyond
 * reading it.
 */

/** The HMAC algorithms a token may be signed with here, and `none` (no signature: RFC 7518 §3.6). */
export const TOKEN_ALGORITHMS = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512', none: undefined } as const;
export type TokenAlgorithm = keyof typeof TOKEN_ALGORITHMS;

export interface ForgeOptions {
  /** The HMAC key, as text (the app's JWT_SECRET is text). Required unless alg is `none`. */
  key?: string;
  /** Default HS256. */
  alg?: TokenAlgorithm;
  /** Header fields beside `alg` and `typ`, or replacing them. */
  header?: Record<string, unknown>;
}

export interface DecodedToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The three dot-separated parts as they were. */
  parts: [string, string, string];
}

export function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** A compact JWS: base64url(header).base64url(payload).base64url(signature), the signature empty for `none`. */
export function forgeToken(payload: unknown, options: ForgeOptions = {}): string {
  const alg = options.alg ?? 'HS256';
  const head = `${base64url(JSON.stringify({ alg, typ: 'JWT', ...options.header }))}.${base64url(JSON.stringify(payload))}`;
  return `${head}.${signature(head, alg, options.key)}`;
}

/** The same token with its payload replaced and its header and signature kept: a tampered token. */
export function withPayload(token: string, payload: unknown): string {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a compact JWT (three parts separated by dots)');
  return `${parts[0]}.${base64url(JSON.stringify(payload))}.${parts[2]}`;
}

/** Header and payload of a compact JWT whose two first parts are base64url JSON objects; undefined otherwise. No signature is checked. */
export function decodeToken(token: unknown): DecodedToken | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  const header = jsonObject(parts[0]!);
  const payload = jsonObject(parts[1]!);
  if (!header || !payload) return undefined;
  return { header, payload, parts: parts as [string, string, string] };
}

/** Whether `token` is signed with `key` under the HMAC algorithm its header names (never `none`). */
export function signedWith(token: string, key: string): boolean {
  const decoded = decodeToken(token);
  const alg = decoded?.header.alg;
  if (!decoded || typeof alg !== 'string' || !Object.hasOwn(TOKEN_ALGORITHMS, alg) || alg === 'none') return false;
  const expected = Buffer.from(signature(`${decoded.parts[0]}.${decoded.parts[1]}`, alg as TokenAlgorithm, key));
  const given = Buffer.from(decoded.parts[2]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function signature(head: string, alg: TokenAlgorithm, key: string | undefined): string {
  const digest = TOKEN_ALGORITHMS[alg];
  if (digest === undefined) return '';
  if (key === undefined) throw new Error(`a ${alg} token needs a key`);
  return createHmac(digest, key).update(head).digest('base64url');
}

function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
