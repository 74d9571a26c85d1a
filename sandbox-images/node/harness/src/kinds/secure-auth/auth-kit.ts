import type { HttpResponse } from '../rest-endpoint/http-exchange';
import type { TestKit } from '../rest-endpoint/test-kit';
import { AssertionFailure, CheckFailed } from '../rest-endpoint/assertion-failure';
import { AppDatabaseProblem, queryAppDatabase, textsOfAppDatabase, type Row } from './app-database';
import { decodeToken, forgeToken, signedWith, withPayload, type DecodedToken, type ForgeOptions } from './jwt';
import { classifyPasswordStorage, describeStorage } from './password-storage';
import { findInStudentFiles } from './student-files';
import { LIMITS } from '../../contracts';

/**
 * `t.auth`, what a secure-auth test case gets beside the REST test kit:
 *
 *   'alg-none': async (t) => {
 *     const ada = await signUpAndLogIn(t, ADA);
 *     const forged = t.auth.token({ ...t.auth.decode(ada.token).payload }, { alg: 'none' });
 *     t.auth.expectRefused(await t.get('/notes', undefined, { authorization: `Bearer ${forged}` }), 401);
 *   },
 *
 * Everything runs in the harness; the app's database is read from a copy (app-database.ts).
 */
export interface AuthKit {
  /** The app's signing key in this test (its JWT_SECRET). */
  secret: string;
  /**
   * Passes when `res` has the status (one, or any of several) a refused attack gets; fails as
   * the attack getting through (AttackGotThrough) when the app answered 2xx, and as an ordinary
   * failure when it refused with another status (403 for 404: a wrong status, not a hole).
   */
  expectRefused(res: HttpResponse, status: number | readonly number[]): void;
  /** Fails the test as the attack getting through, with this message (for what expectRefused does not cover). */
  gotThrough(message: string): never;
  /** A token with this payload, signed HS256 with the app's key unless `options` say another key or algorithm (`none`: no signature). */
  token(payload: unknown, options?: ForgeOptions): string;
  /** The same token with its payload replaced, header and signature kept. */
  tamper(token: string, payload: unknown): string;
  /** Header and payload of a compact JWT, unchecked; fails the test when `token` is not one. */
  decode(token: unknown): DecodedToken;
  /** Fails the test unless `token` is signed with the app's key under HS256, HS384 or HS512. */
  expectSignedByApp(token: unknown): void;
  /** The rows of a query on the app's database as it is now (a copy; read-only for the app). */
  query(sql: string, ...params: unknown[]): Row[];
  /**
   * Fails unless `stored` is a slow salted hash of `password` (password-storage.ts), the password
   * is in no text of the database and in no file the app wrote beside it (as is, base64 or hex).
   */
  expectPasswordHash(stored: unknown, password: string): void;
}

/** Where the app may write files beside its database: searched for a password kept outside it. */
export interface AuthKitPlaces {
  databasePath: string;
  /** Directories the student's process can write (its home, the shared temporary directory). */
  writable: readonly string[];
}

/**
 * What a test case throws when its attack got through (a forged token accepted, another user's
 * note shown, a password stored in plain text): the feedback then names the attack's class. Any
 * other failure of a secure-auth case (a sign-up that fails, a wrong status on a refusal) is an
 * ordinary one.
 */
export class AttackGotThrough extends CheckFailed {}

export function createAuthKit(kit: TestKit, secret: string, { databasePath, writable }: AuthKitPlaces): AuthKit {
  const inDatabase = <T>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      if (err instanceof AppDatabaseProblem) throw new AssertionFailure(err.message);
      throw err;
    }
  };
  return {
    secret,
    expectRefused(res, status) {
      try {
        kit.expectStatus(res, status);
      } catch (err) {
        if (err instanceof AssertionFailure && res.status >= 200 && res.status < 300) throw new AttackGotThrough(err.message, err.expected, err.actual);
        throw err;
      }
    },
    gotThrough(message) {
      throw new AttackGotThrough(message);
    },
    token: (payload, options = {}) => forgeToken(payload, { key: secret, ...options }),
    tamper: withPayload,
    decode(token) {
      const decoded = decodeToken(token);
      if (!decoded) throw new AssertionFailure(`expected a JSON Web Token (three base64url parts, header and payload JSON objects), got ${JSON.stringify(token)?.slice(0, 200)}`);
      return decoded;
    },
    expectSignedByApp(token) {
      if (typeof token === 'string' && signedWith(token, secret)) return;
      throw new AssertionFailure('the token is not signed with JWT_SECRET (HS256): sign every token with the key in process.env.JWT_SECRET');
    },
    query: (sql, ...params) => inDatabase(() => queryAppDatabase(databasePath, sql, params)),
    expectPasswordHash(stored, password) {
      if (typeof stored !== 'string') throw new AssertionFailure(`the stored password should be text (a hash string), got ${stored === null ? 'null' : typeof stored}`);
      const storage = classifyPasswordStorage(stored, password);
      if (storage.kind !== 'slow-hash') throw new AttackGotThrough(`the password is stored as ${describeStorage(storage)}: store a slow salted hash (bcrypt, scrypt or PBKDF2)`);
      // The password as is, or encoded as anyone can decode it.
      const forms = [password, Buffer.from(password).toString('base64'), Buffer.from(password).toString('base64url'), Buffer.from(password).toString('hex')];
      const elsewhere = inDatabase(() => textsOfAppDatabase(databasePath)).some((text) => forms.some((form) => text.includes(form)));
      if (elsewhere) throw new AttackGotThrough('the password itself (as is, or base64 or hex) is stored in your database: keep only its hash');
      const database = ['', '-wal', '-shm', '-journal'].map((suffix) => `${databasePath}${suffix}`);
      const file = findInStudentFiles(writable, forms, database, LIMITS.exercise.appDatabaseBytes);
      if (file) throw new AttackGotThrough(`the password is written to ${file}, outside your database: keep no password anywhere, only its hash`);
    },
  };
}

/** The REST kit with `auth` beside its requests and assertions. */
export type SecureAuthKit = TestKit & { auth: AuthKit };
