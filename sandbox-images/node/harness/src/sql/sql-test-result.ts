import type { ExerciseManifest, SqlDialect, TestResult } from '../contracts';
import { sqlFeedback, type SqlTestOutcome } from './feedback';

type SqlTest = Extract<ExerciseManifest, { kind: 'sql-query' }>['tests'][number];

/** A test's result from its outcome, put into words for its visibility. */
export function sqlTestResult(test: SqlTest, outcome: SqlTestOutcome & { durationMs?: number }, dialect: SqlDialect): TestResult {
  const feedback = sqlFeedback(outcome, test.visibility, dialect);
  return {
    name: test.name,
    visibility: test.visibility,
    status: feedback.status,
    verdict: feedback.verdict,
    score: feedback.status === 'passed' ? test.points : 0,
    maxScore: test.points,
    // The contract's bound; messages are short by construction, this only makes it certain.
    message: feedback.message.slice(0, 4000),
    ...(feedback.expected !== undefined && { expected: feedback.expected }),
    ...(feedback.actual !== undefined && { actual: feedback.actual }),
    ...(outcome.durationMs !== undefined && { durationMs: outcome.durationMs }),
  };
}
