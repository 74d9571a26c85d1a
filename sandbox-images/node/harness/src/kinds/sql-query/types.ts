import type { ExerciseManifest } from '../../contracts';
import type { SqlTestOutcome } from './feedback';

export type SqlQueryManifest = Extract<ExerciseManifest, { kind: 'sql-query' }>;
export type SqlTest = SqlQueryManifest['tests'][number];
/** A test's outcome, with the time the student's query took where it ran. */
export type SqlOutcome = SqlTestOutcome & { durationMs?: number };
