import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ExerciseManifest } from '../../contracts';
import { CONTAINER_LAYOUT } from '../../container-layout';
import { appSyntaxError } from '../../common/app-syntax';
import { testResultOf } from '../../common/test-feedback';
import { graderWorkDir } from '../../common/workspace';
import type { Kind } from '../kind';
import { checkedFeedback, runCheckedTest, type CheckedOutcome } from '../rest-endpoint/checked-test';
import { REST_RUNNER } from '../rest-endpoint/student-runners';
import { loadTestCases, type TestCases } from '../rest-endpoint/test-cases-module';
import { createAuthKit } from './auth-kit';
import { ATTACK_LESSONS } from './feedback';

type SecureAuthManifest = Extract<ExerciseManifest, { kind: 'secure-auth' }>;

interface SecureAuthReady {
  manifest: SecureAuthManifest;
  entryPath: string;
  cases: TestCases;
}

/** Where each test's app keeps its SQLite database (DATABASE_PATH): the student's home, cleared after every test. */
export const APP_DATABASE_PATH = path.join(CONTAINER_LAYOUT.studentHome, 'app.db');

/**
 * Kind secure-auth: the student's web app (Express in JavaScript; Flask, FastAPI or any WSGI or
 * ASGI app in Python) signs users up, logs them in with
 * JSON Web Tokens and guards its routes; each test starts it afresh as the student's uid, with
 * a new JWT_SECRET and an empty DATABASE_PATH, as rest-endpoint does, and the instructor's
 * case (trusted, in this process) attacks it over loopback HTTP with the REST kit and `t.auth`
 * (forged tokens, the app's database, the password-storage check: auth-kit.ts).
 */
export const secureAuth: Kind<SecureAuthManifest, SecureAuthReady, CheckedOutcome> = {
  name: 'secure-auth',
  studentRunners: [REST_RUNNER],

  async prepare({ manifest, input, written }) {
    const entryPath = written.get(manifest.auth.entry);
    if (entryPath === undefined) return { common: { kind: 'compile', message: `your submission has no file ${manifest.auth.entry}` } };
    const syntaxError = await appSyntaxError(manifest.auth.language, input.submission);
    if (syntaxError !== undefined) return { common: { kind: 'compile', message: syntaxError } };
    const cases = loadTestCases(manifest.auth.testsFile, input.exerciseFiles, graderWorkDir('package'));
    return { ready: { manifest, entryPath, cases } };
  },

  runTest: ({ manifest, entryPath, cases }, { test }) => {
    const secret = randomBytes(32).toString('hex');
    return runCheckedTest({
      testCase: cases.get(test.case),
      caseId: test.case,
      language: manifest.auth.language,
      entryPath,
      entryName: manifest.auth.entry,
      startupTimeMs: manifest.auth.startupTimeMs,
      testTimeMs: manifest.limits.testTimeMs,
      memoryMb: manifest.limits.memoryMb,
      env: { JWT_SECRET: secret, DATABASE_PATH: APP_DATABASE_PATH },
      extendKit: (kit) => ({ ...kit, auth: createAuthKit(kit, secret, { databasePath: APP_DATABASE_PATH, writable: [CONTAINER_LAYOUT.studentHome, CONTAINER_LAYOUT.tmpDir] }) }),
    });
  },

  resultOf: (test, outcome, durationMs) => testResultOf(test, (visibility) => checkedFeedback(outcome, visibility, test.attack && ATTACK_LESSONS[test.attack]), durationMs),
  internal: (message) => ({ kind: 'internal', message }),
};
