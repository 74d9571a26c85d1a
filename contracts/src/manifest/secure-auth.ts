import { z } from 'zod';
import { LIMITS } from '../limits';
import { SubmittedPath } from '../submitted-files';
import { ManifestCommon, PackagePath, TestBase, type ManifestKind, webAppStack } from './common';

/**
 * The classes of attack a secure-auth test may stand for. A failed test of a class names it to
 * the student whatever the test's visibility ("a token signed with another key was accepted"):
 * the class teaches what to fix and says nothing of the test's requests or data.
 * - `alg-none`: a token whose header says `alg: none`, with no signature.
 * - `foreign-key`: a well-formed token signed with a key that is not the app's.
 * - `expired-token`: a token signed with the app's key whose `exp` has passed.
 * - `tampered-payload`: one of the app's own tokens with its payload changed, the signature kept.
 * - `bad-header`: no `Authorization` header, another scheme, an empty or malformed bearer token.
 * - `object-level`: one user reading or changing another's resource by its id (broken object-level authorisation).
 * - `privilege-escalation`: a user acting beyond their role: an admin's route called by a member
 *   (broken function-level authorisation), a role given in a body the app should ignore (mass
 *   assignment), or a right kept after it was taken away.
 * - `enumeration`: answers that tell an unknown account from a wrong password.
 * - `brute-force`: login attempts without limit.
 * - `password-storage`: passwords stored other than as a slow salted hash.
 */
export const AUTH_ATTACKS = ['alg-none', 'foreign-key', 'expired-token', 'tampered-payload', 'bad-header', 'object-level', 'privilege-escalation', 'enumeration', 'brute-force', 'password-storage'] as const;
export type AuthAttack = (typeof AUTH_ATTACKS)[number];

export const SecureAuthTest = TestBase.extend({
  /** The id of a test case exported by the tests module (`auth.testsFile`). */
  case: z.string().min(1).max(200),
  /** The attack this test tries, named in its feedback when it gets through (AUTH_ATTACKS). */
  attack: z.enum(AUTH_ATTACKS).optional(),
}).strict();

export const SecureAuthManifest = z.object({
  ...ManifestCommon,
  kind: z.literal('secure-auth'),
  auth: z
    .object({
      /** The language of the student's app: `javascript` (Express, CommonJS) or `python` (runtime `python`: Flask, FastAPI or any WSGI or ASGI app). */
      language: z.enum(['javascript', 'python']).default('javascript'),
      /**
       * The submitted module that exports createApp() (or the app; for Python a .py module
       * defining create_app() or a module-level `app`), started afresh for each test with
       * JWT_SECRET (its signing key, new for each test) and DATABASE_PATH (a SQLite file of its
       * own, which the tests may read) in its environment.
       */
      entry: SubmittedPath.default('app.js'),
      /**
       * Package path of the instructor's CommonJS module: `module.exports = { '<case id>': async (t) => { ... } }`.
       * `t` is the rest-endpoint test kit plus `t.auth`: the app's key, tokens forged with
       * any header, payload and key, the app's database read at any moment, and the
       * password-storage check (harness/src/kinds/secure-auth/README.md).
       */
      testsFile: PackagePath,
      /** Milliseconds from starting the student's app to its listening, on top of each test's own time. */
      startupTimeMs: z.number().int().min(100).max(LIMITS.exercise.startupTimeMsMax).default(LIMITS.exercise.startupTimeMs),
    })
    .strict(),
  tests: z.array(SecureAuthTest).min(1).max(50),
});

function checkSecureAuth(m: z.infer<typeof SecureAuthManifest>, submitted: Set<string>, ctx: z.RefinementCtx): void {
  if (!submitted.has(m.auth.entry)) ctx.addIssue({ code: 'custom', path: ['auth', 'entry'], message: `${m.auth.entry} is not one of the student's files` });
  if (m.auth.language === 'javascript' && !/\.c?js$/.test(m.auth.entry)) ctx.addIssue({ code: 'custom', path: ['auth', 'entry'], message: `${m.auth.entry} is not a JavaScript file (.js or .cjs)` });
  if (m.auth.language === 'python' && !/\.py$/.test(m.auth.entry)) ctx.addIssue({ code: 'custom', path: ['auth', 'entry'], message: `${m.auth.entry} is not a Python file (.py)` });
  if (m.auth.language === 'python' && m.runtime !== 'python') ctx.addIssue({ code: 'custom', path: ['runtime'], message: 'a Python app runs in the python runtime: set runtime: python' });
  const cases = new Set<string>();
  m.tests.forEach((t, i) => {
    if (cases.has(t.case)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'case'], message: `test case ${JSON.stringify(t.case)} is used by two tests` });
    cases.add(t.case);
  });
}

export const SECURE_AUTH_KIND: ManifestKind<typeof SecureAuthManifest> = {
  schema: SecureAuthManifest,
  check: checkSecureAuth,
  packageFiles: (m) => [m.auth.testsFile],
  // A fresh app per test, and slow password hashes (each sign-up and login costs tens of
  // milliseconds of CPU by design, and the storage check recomputes some).
  extraTestMs: (m) => m.auth.startupTimeMs + LIMITS.exercise.slowHashTestMs + (m.auth.language === 'python' ? LIMITS.exercise.pythonAppTestMs : 0),
  language: (m) => m.auth.language,
  environment: (m) => webAppStack(m.auth.language),
};
