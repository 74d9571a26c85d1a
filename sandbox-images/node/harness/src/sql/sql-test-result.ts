import type { ExerciseManifest, SqlDialect, TestResult } from '../contracts';
import { testResultOf } from '../test-feedback';
import { sqlFeedback, type SqlTestOutcome } from './feedback';

type SqlTest = Extract<ExerciseManifest, { kind: 'sql-query' }>['tests'][number];

/** A test's result from its outcome, put into words for its visibility. */
export function sqlTestResult(test: SqlTest, outcome: SqlTestOutcome & { durationMs?: number }, dialect: SqlDialect): TestResult {
  return testResultOf(test, sqlFeedback(outcome, test.visibility, dialect), outcome.durationMs);
}
