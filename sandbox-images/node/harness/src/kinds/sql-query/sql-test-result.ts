import type { ExerciseManifest, SqlDialect, TestResult } from '../../contracts';
import { testResultOf } from '../../common/test-feedback';
import { sqlFeedback, type SqlTestOutcome } from './feedback';

type SqlTest = Extract<ExerciseManifest, { kind: 'sql-query' }>['tests'][number];

/** A test's result from its outcome, put into words for its visibility (and whole for staff). */
export function sqlTestResult(test: SqlTest, outcome: SqlTestOutcome & { durationMs?: number }, dialect: SqlDialect): TestResult {
  // As a function of visibility, so that a test the student does not see whole keeps its data for staff.
  return testResultOf(test, (visibility) => sqlFeedback(outcome, visibility, dialect), outcome.durationMs);
}
