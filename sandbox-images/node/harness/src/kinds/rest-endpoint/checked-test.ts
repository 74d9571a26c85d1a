import type { Visibility } from '../../contracts';
import { STUDENT_APP_PORT } from '../../container-layout';
import type { TestFeedback } from '../../common/test-feedback';
import type { TestRun } from '../kind';
import { appLauncher, type AppLanguage } from './app-launcher';
import { CheckFailed } from './assertion-failure';
import { restFeedback } from './feedback';
import type { RestTestOutcome } from './rest-outcome';
import { runRestTest } from './run-rest-test';
import type { TestCase } from './test-cases-module';
import type { TestKit } from './test-kit';

/** A test's outcome, and whether it failed as its check (CheckFailed): its lesson is then shown. */
export type CheckedOutcome = RestTestOutcome & { checkFailed?: boolean };

export interface CheckedTestRequest {
  testCase: TestCase;
  caseId: string;
  language: AppLanguage;
  entryPath: string;
  entryName: string;
  startupTimeMs: number;
  testTimeMs: number;
  memoryMb: number;
  /** The app's environment beyond PORT (the kind's services: REDIS_URL, SOURCE_URL). */
  env: Record<string, string>;
  /** The kind's kit for the case, built on the REST kit. */
  extendKit: (kit: TestKit) => TestKit;
}

/**
 * One test of a web app whose kind gives the case helpers that fail as the test's `check`
 * (secure-auth, redis-cache, graphql-endpoint): rest-endpoint's test (a fresh app on the loopback port, the
 * case within the test's time), with the outcome marked when a CheckFailed ended it.
 */
export async function runCheckedTest(request: CheckedTestRequest): Promise<TestRun<CheckedOutcome>> {
  let checkFailed = false as boolean;
  const run = await runRestTest({
    testCase: async (kit) => {
      try {
        return await request.testCase(kit);
      } catch (err) {
        if (err instanceof CheckFailed) checkFailed = true;
        throw err;
      }
    },
    caseId: request.caseId,
    entryPath: request.entryPath,
    entryName: request.entryName,
    launcher: appLauncher(request.language),
    port: STUDENT_APP_PORT,
    startupTimeMs: request.startupTimeMs,
    testTimeMs: request.testTimeMs,
    memoryMb: request.memoryMb,
    env: request.env,
    extendKit: request.extendKit,
  });
  const outcome: CheckedOutcome = { ...run.outcome, ...(checkFailed && { checkFailed }) };
  return { outcome, ...(run.durationMs !== undefined && { durationMs: run.durationMs }), decidesRest: !run.listened && run.outcome.kind !== 'internal' };
}

/**
 * The REST feedback, except when the test failed as its check: then the check's `lesson`,
 * followed at a visible test by the assertion's own message. Any other failure (a wrong status,
 * a wrong body) is an ordinary failure of the test.
 */
export function checkedFeedback(outcome: CheckedOutcome, visibility: Visibility, lesson: string | undefined): TestFeedback {
  const plain = restFeedback(outcome, visibility);
  if (outcome.kind !== 'assertion' || lesson === undefined || !outcome.checkFailed) return plain;
  return { ...plain, message: visibility === 'visible' ? `${lesson} (${outcome.message})` : lesson };
}
