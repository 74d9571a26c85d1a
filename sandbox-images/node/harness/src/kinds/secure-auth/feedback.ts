import type { AuthAttack, Visibility } from '../../contracts';
import type { TestFeedback } from '../../common/test-feedback';
import { restFeedback } from '../rest-endpoint/feedback';
import type { RestTestOutcome } from '../rest-endpoint/rest-outcome';

/** A secure-auth test's outcome: the REST outcome, and whether it failed because its attack got through (AttackGotThrough). */
export type SecureAuthOutcome = RestTestOutcome & { gotThrough?: boolean };

/**
 * What each attack class teaches when it gets through, shown at every visibility: the class of
 * a hole and its fix, nothing of the test's requests or data.
 */
export const ATTACK_LESSONS: Readonly<Record<AuthAttack, string>> = {
  'alg-none': 'a token with "alg": "none" and no signature was accepted: verify every token\'s signature, and accept only the algorithm you sign with',
  'foreign-key': 'a token signed with another key was accepted: verify every token\'s signature with JWT_SECRET',
  'expired-token': 'an expired token was accepted: refuse a token whose exp has passed',
  'tampered-payload': 'a token whose payload was changed after it was signed was accepted: verify the signature over header and payload before reading either',
  'bad-header': 'a request without a proper "Authorization: Bearer <token>" header was not refused with 401',
  'object-level': "one user could read or change another user's resource by its id: check who owns every resource a request names",
  'privilege-escalation': "a user acted beyond their role: check the caller's current role, read from your database, on every route that needs one, and never take a role from a request's body",
  enumeration: 'your login answers tell an unknown account from a wrong password: answer both alike',
  'brute-force': 'login attempts were not limited: refuse further attempts with 429 after repeated failures',
  'password-storage': 'passwords are not stored as a slow salted hash',
};

/**
 * The REST feedback, except when the test's attack got through: then the attack's lesson,
 * followed at a visible test by the assertion's own message and renderings. Any other failure
 * (signing up, a refusal with the wrong status) is an ordinary failure of the test.
 */
export function secureAuthFeedback(outcome: SecureAuthOutcome, visibility: Visibility, attack: AuthAttack | undefined): TestFeedback {
  const plain = restFeedback(outcome, visibility);
  if (outcome.kind !== 'assertion' || !attack || !outcome.gotThrough) return plain;
  const lesson = ATTACK_LESSONS[attack];
  return { ...plain, message: visibility === 'visible' ? `${lesson} (${outcome.message})` : lesson };
}
