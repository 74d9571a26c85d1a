import { createHash, pbkdf2Sync, scryptSync, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';

/**
 * What a stored password value is, found by recomputing it from the password the test signed
 * up with: the grader accepts any layout of salt and hash a reviewer would (bcrypt's own
 * string; scrypt or PBKDF2 with the salt and the hash beside each other, in hex or base64,
 * separated by `$`, `:`, `.` and the like, in either order), and names what it found otherwise.
 * The thresholds follow OWASP's Password Storage Cheat Sheet, relaxed to what a course accepts:
 * bcrypt cost 10 (its libraries' default), scrypt at Node's defaults (N = 2^14), PBKDF2 at
 * 100,000 iterations.
 */
export type PasswordStorage =
  | { kind: 'slow-hash'; scheme: 'bcrypt' | 'scrypt' | 'pbkdf2'; cost: number }
  | { kind: 'weak-slow-hash'; scheme: 'bcrypt' | 'pbkdf2'; cost: number; minimum: number }
  | { kind: 'plaintext' }
  | { kind: 'encoded'; encoding: 'base64' | 'hex' }
  | { kind: 'fast-hash'; algorithm: string }
  | { kind: 'unrecognised' };

export const MIN_BCRYPT_COST = 10;
export const MIN_PBKDF2_ITERATIONS = 100_000;
/** Node's default scrypt cost (crypto.scrypt without options), and the other costs tried when the value names none. */
const SCRYPT_COSTS = [16_384, 32_768, 65_536, 131_072];
const FAST_HASHES = ['md5', 'sha1', 'sha256', 'sha512'] as const;
const PBKDF2_DIGESTS = ['sha256', 'sha512', 'sha1'] as const;
/** Recomputations of one value at most: each costs tens of milliseconds. */
const MAX_ATTEMPTS = 24;
/** A hash shorter than this many bytes is no key derivation a reviewer would take. */
const MIN_HASH_BYTES = 16;

export function classifyPasswordStorage(stored: string, password: string): PasswordStorage {
  if (stored.includes(password)) return { kind: 'plaintext' };
  for (const encoding of ['base64', 'hex'] as const) {
    if (stored.includes(Buffer.from(password).toString(encoding)) || stored.includes(Buffer.from(password).toString('base64url'))) return { kind: 'encoded', encoding };
  }
  for (const algorithm of FAST_HASHES) {
    const digest = createHash(algorithm).update(password).digest();
    if ([digest.toString('hex'), digest.toString('base64'), digest.toString('base64url').replace(/=+$/, '')].some((form) => stored.toLowerCase().includes(form.toLowerCase()))) {
      return { kind: 'fast-hash', algorithm };
    }
  }
  const bcryptCost = /^\$2[abxy]?\$(\d\d)\$[./A-Za-z0-9]{53}$/.exec(stored);
  if (bcryptCost) {
    if (!bcrypt.compareSync(password, stored)) return { kind: 'unrecognised' };
    const cost = Number(bcryptCost[1]);
    return cost >= MIN_BCRYPT_COST ? { kind: 'slow-hash', scheme: 'bcrypt', cost } : { kind: 'weak-slow-hash', scheme: 'bcrypt', cost, minimum: MIN_BCRYPT_COST };
  }
  return derivedKey(stored, password) ?? { kind: 'unrecognised' };
}

/** A parameter's number: `260000`, `N=16384`, or passlib's `ln=16` (a power of two). */
function numberOf(piece: string): number | undefined {
  const match = /^(?:([a-z]+)=)?(\d{1,9})$/i.exec(piece);
  if (!match) return undefined;
  return match[1]?.toLowerCase() === 'ln' ? 2 ** Math.min(Number(match[2]), 30) : Number(match[2]);
}

/** A part of a stored value that is parameters, not a salt or a hash: numbers (`ln=16,r=8,p=1`) or a scheme's name (`pbkdf2_sha256`). */
function isParameter(part: string): boolean {
  return part.split(',').every((piece) => numberOf(piece) !== undefined || /^(?:pbkdf2|scrypt|sha1|sha256|sha512|hmac|pbkdf2[_-]sha(?:1|256|512))$/i.test(piece));
}

/**
 * scrypt or PBKDF2 under any split of the value into a salt and a hash: the hash tried from the
 * last part back (layouts put it last), each salt nearest it first, parameters (numbers, scheme
 * names: werkzeug's `pbkdf2:sha256:260000$salt$hash`, `scrypt:32768:8:1$salt$hash`) read for the
 * costs and digests and never taken for a salt.
 */
function derivedKey(stored: string, password: string): PasswordStorage | undefined {
  const budget = { attempts: 0 };
  for (const parts of layouts(stored)) {
    const found = derivedKeyOf(parts, stored, password, budget);
    if (found) return found;
  }
  return undefined;
}

/**
 * The ways a value may split into parts, most specific first: a JSON object's values
 * (`{"salt": …, "hash": …, "iterations": …}`), the parts between `$` alone (passlib's adapted
 * base64 uses `.` inside a salt or hash), then any usual separator.
 */
function layouts(stored: string): string[][] {
  const out: string[][] = [];
  try {
    const json: unknown = JSON.parse(stored);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      out.push(Object.values(json).flatMap((value) => (typeof value === 'string' || typeof value === 'number' ? [String(value)] : [])));
    }
  } catch {
    // not JSON
  }
  if (stored.includes('$')) out.push(stored.split('$').filter((p) => p.length > 0));
  out.push(stored.split(/[$:.;,|#!*]/).filter((p) => p.length > 0));
  return out;
}

function derivedKeyOf(parts: string[], stored: string, password: string, budget: { attempts: number }): PasswordStorage | undefined {
  const numbers = parts.flatMap((part) => part.split(',').flatMap((piece) => numberOf(piece) ?? []));
  const lower = stored.toLowerCase();
  const scryptCosts = [...numbers.filter((n) => SCRYPT_COSTS.includes(n)), ...SCRYPT_COSTS.filter((n) => !numbers.includes(n))].slice(0, lower.includes('scrypt') ? SCRYPT_COSTS.length : 1);
  const digests = PBKDF2_DIGESTS.filter((d) => lower.includes(d));
  const pbkdf2Digests = digests.length > 0 ? digests : PBKDF2_DIGESTS;
  const schemes = { scrypt: !lower.includes('pbkdf2'), pbkdf2: !lower.includes('scrypt') && numbers.length > 0 };
  const candidates = parts.map((part, index) => ({ part, index })).filter(({ part }) => !isParameter(part));
  const hashes = [...candidates].reverse().flatMap(({ part, index }) => decodings(part).filter((bytes) => bytes.length >= MIN_HASH_BYTES).map((bytes) => ({ index, bytes })));
  for (const hash of hashes) {
    const salts = candidates.filter(({ index }) => index !== hash.index).sort((a, b) => Math.abs(a.index - hash.index) - Math.abs(b.index - hash.index));
    for (const { part } of salts) {
      for (const salt of [Buffer.from(part), ...decodings(part)]) {
        for (const N of schemes.scrypt ? scryptCosts : []) {
          if (++budget.attempts > MAX_ATTEMPTS) return undefined;
          if (same(scryptSync(password, salt, hash.bytes.length, { N, r: 8, p: 1, maxmem: 256 * N * 8 + 1024 * 1024 }), hash.bytes)) return { kind: 'slow-hash', scheme: 'scrypt', cost: N };
        }
        for (const iterations of schemes.pbkdf2 ? numbers.filter((n) => n >= 1 && n <= 10_000_000) : []) {
          for (const digest of pbkdf2Digests) {
            if (++budget.attempts > MAX_ATTEMPTS) return undefined;
            if (!same(pbkdf2Sync(password, salt, iterations, hash.bytes.length, digest), hash.bytes)) continue;
            return iterations >= MIN_PBKDF2_ITERATIONS
              ? { kind: 'slow-hash', scheme: 'pbkdf2', cost: iterations }
              : { kind: 'weak-slow-hash', scheme: 'pbkdf2', cost: iterations, minimum: MIN_PBKDF2_ITERATIONS };
          }
        }
      }
    }
  }
  return undefined;
}

/** The bytes a part may stand for: hex when it is hex, else base64 (standard, URL-safe, or passlib's with `.` for `+`). */
function decodings(part: string): Buffer[] {
  if (/^(?:[0-9a-f]{2})+$/i.test(part)) return [Buffer.from(part, 'hex')];
  if (/^[A-Za-z0-9+/_.-]+={0,2}$/.test(part) && part.length >= 8) return [Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/').replace(/\./g, '+'), 'base64')];
  return [];
}

function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The finding in words for a test's failure message (visible tests), e.g. "the password itself". */
export function describeStorage(storage: PasswordStorage): string {
  switch (storage.kind) {
    case 'slow-hash':
      return `a ${storage.scheme} hash`;
    case 'weak-slow-hash':
      return `a ${storage.scheme} hash at ${storage.scheme === 'bcrypt' ? `cost ${storage.cost}` : `${storage.cost} iterations`}, below the ${storage.minimum} a password needs`;
    case 'plaintext':
      return 'the password itself, in plain text';
    case 'encoded':
      return `the password ${storage.encoding}-encoded, which anyone can decode`;
    case 'fast-hash':
      return `an unsalted ${storage.algorithm} digest of the password, which a table of common passwords reverses at once`;
    case 'unrecognised':
      return 'nothing the grader could recompute from the password as bcrypt, scrypt or PBKDF2 with its salt';
  }
}
