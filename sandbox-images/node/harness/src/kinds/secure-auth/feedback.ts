import type { AuthAttack } from '../../contracts';

/**
 * What each attack class teaches when it gets through (an AttackGotThrough, a CheckFailed, ended
 * the test: checkedFeedback shows it at every visibility, and at a visible test the assertion's
 * own message after it): the class of a hole and its fix, nothing of the test's requests or data.
 * Any other failure (signing up, a refusal with the wrong status) is an ordinary failure.
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
