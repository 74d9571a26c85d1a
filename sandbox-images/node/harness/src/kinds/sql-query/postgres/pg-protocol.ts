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

export interface PgRequest extends PgDataset {
  /** The one query to run on it. */
  query: string;
}

/** A test's data as the runner loads it. */
export interface PgDataset {
  /** The dataset script: run on an empty database, or after `schema`; rolled back after the query. */
  dataset: string;
  /**
   * CREATE statements that consecutive requests share (a generated test's datasets): the
   * runner creates them once, commits them, and keeps them while the next request brings the
   * same text; `dataset` then holds only rows.
   */
  schema?: string;
}

/** What the runner answers a request: the query's output, or the dataset's failure (the exercise's fault). */
export type PgResponse = RunnerOutput | { kind: 'dataset-error'; message: string };

export const PgRequestSchema = {
  parse(value: unknown): PgRequest {
    const { dataset, query, schema } = (value ?? {}) as Partial<PgRequest>;
    if (typeof dataset !== 'string' || typeof query !== 'string' || (schema !== undefined && typeof schema !== 'string')) {
      throw new TypeError('a request is {"dataset": string, "query": string, "schema"?: string}');
    }
    return schema === undefined ? { dataset, query } : { dataset, query, schema };
  },
};
