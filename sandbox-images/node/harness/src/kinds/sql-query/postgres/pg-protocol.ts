import type { RunnerOutput } from '../query-result';

/**
 * The line protocol between the harness and a pg-runner process (student/pg-runner.ts):
 * one JSON request per line on the runner's stdin, one response per line on its stdout,
 * each of the runner's lines starting with PG_LINE_PREFIX.
 */
export const PG_LINE_PREFIX = '@@pg@@ ';
/** The runner's first line: the engine is up. */
export const PG_READY = 'ready';
/**
 * The runner's line once a request's dataset is loaded (before the query runs): the test's
 * time limit counts from here, so that a slow dataset is never the student's timeout.
 */
export const PG_LOADED = 'loaded';

export interface PgRequest {
  /** The dataset script, run on an empty database. */
  dataset: string;
  /** The one query to run on it. */
  query: string;
}

/** What the runner answers a request: the query's output, or the dataset's failure (the exercise's fault). */
export type PgResponse = RunnerOutput | { kind: 'dataset-error'; message: string };

export const PgRequestSchema = {
  parse(value: unknown): PgRequest {
    const { dataset, query } = (value ?? {}) as Partial<PgRequest>;
    if (typeof dataset !== 'string' || typeof query !== 'string') throw new TypeError('a request is {"dataset": string, "query": string}');
    return { dataset, query };
  },
};
