import { LIMITS } from '../../../contracts';
import { log } from '../../../log';
import type { GenDataset } from '../generated/dataset';
import { judgeRun, type GeneratedCheck } from '../generated/generated-test';
import type { Judgement, RoundSearch } from '../generated/rounds';
import type { QueryResult } from '../query-result';
import type { SqlQueryManifest, SqlOutcome } from '../types';
import type { PgDataset } from './pg-protocol';
import type { PgSession, SessionRun } from './pg-session';
import { howItEnded, type StudentEngine, type StudentRun } from './student-engine';

/**
 * The pieces of a PostgreSQL grading (grade-postgres.ts) that run datasets through an engine
 * in batches: the student's runs, the reference's rows, and how a run is judged.
 */

/** See LIMITS.sandbox.datasetLoadMs. */
export const DATASET_LOAD_MS = LIMITS.sandbox.datasetLoadMs;

/** A generated test's datasets of one round, the student's run on each, and the judgements. */
export interface GeneratedRun {
  check: GeneratedCheck;
  datasets: GenDataset[];
  scripts: PgDataset[];
  /** The student's run on each dataset; undefined where the batch stopped before it. */
  runs: Array<StudentRun | undefined>;
  judgements?: Judgement[];
}

/** See LIMITS.generated.marginMs. */
export const GENERATED_MARGIN_MS = LIMITS.generated.marginMs;
/** The sandbox's time a round of shrinking needs left to start: two engines' starts and its datasets, on a busy host. */
export const ROUND_RESERVE_MS = 2 * LIMITS.exercise.postgresStartupMs;

/** A run the reference must answer too: rows to compare, or an error where the reference may answer. */
export function needsReference(run: StudentRun | undefined): boolean {
  return run !== undefined && (run.kind === 'rows' || run.kind === 'runtime');
}

/** The judgement of a run the reference need not answer: a runaway, or no run at all. */
export function withoutReference(run: StudentRun | undefined): Judgement {
  if (run === undefined || run.kind === 'rows') return { kind: 'unjudged' };
  return { kind: 'stop', outcome: run };
}

/** The student's query on each dataset in turn, until one runs away (or the time is up). */
export async function studentBatch(engine: StudentEngine, scripts: PgDataset[], query: string, deadline: number, search?: RoundSearch): Promise<Array<StudentRun | undefined>> {
  const runs: Array<StudentRun | undefined> = [];
  const began = performance.now();
  let studentMs = 0;
  for (const script of scripts) {
    if (performance.now() > deadline) break;
    const run = await engine.test({ ...script, query });
    runs.push(run);
    if (run.kind === 'rows') studentMs += run.durationMs;
    if (!needsReference(run)) break;
  }
  // Whose time a search cut short went to (RoundSearch.spent): the loads and engine are the harness's.
  search?.spent(studentMs, performance.now() - began);
  return runs;
}

/** The reference's rows on the datasets the student's query answered, each compared: the judgements. */
export async function referenceBatch(session: PgSession, run: GeneratedRun, manifest: SqlQueryManifest, reference: string, quotedNames: ReadonlySet<string>): Promise<Judgement[] | { internal: Extract<SqlOutcome, { kind: 'internal' }> }> {
  const judgements: Judgement[] = [];
  for (const [k, script] of run.scripts.entries()) {
    const student = run.runs[k];
    if (student === undefined) {
      judgements.push({ kind: 'unjudged' });
      continue;
    }
    if (student.kind !== 'rows' && student.kind !== 'runtime') {
      judgements.push(withoutReference(student));
      continue;
    }
    const context = `on a dataset of the generated test ${JSON.stringify(run.check.test.name)}`;
    const answered = await session.run({ ...script, query: reference }, manifest.limits.testTimeMs * 2, DATASET_LOAD_MS);
    const expected = referenceRows(answered, context);
    if (!('columns' in expected)) {
      log(`exercise defect: ${expected.message}`);
      return { internal: expected };
    }
    judgements.push(judgeRun(run.check, manifest, expected, student.kind === 'rows' ? { kind: 'rows', result: student.result } : student, quotedNames));
  }
  return judgements;
}

/** Test indexes: visible tests, then name-only, then hidden, each in manifest order. */
export function visibleFirst(tests: ReadonlyArray<{ visibility: 'visible' | 'name-only' | 'hidden' }>): number[] {
  const rank = { visible: 0, 'name-only': 1, hidden: 2 } as const;
  return tests.map((t, i) => ({ i, r: rank[t.visibility] })).sort((a, b) => a.r - b.r || a.i - b.i).map(({ i }) => i);
}

export function referenceRows(run: SessionRun, context: string): QueryResult | Extract<SqlOutcome, { kind: 'internal' }> {
  const defect = (message: string): Extract<SqlOutcome, { kind: 'internal' }> => ({ kind: 'internal', message: `the exercise is broken: ${message}` });
  switch (run.kind) {
    case 'response': {
      const { response } = run;
      if (response.kind === 'ok') return { columns: response.columns, rows: response.rows };
      if (response.kind === 'dataset-error') return defect(`the dataset failed to load ${context}: ${response.message}`);
      if (response.kind === 'too-many-rows') return defect(`the reference solution returns more than ${response.limit} rows ${context}`);
      return defect(`the reference solution failed ${context} (${response.stage}): ${response.message}`);
    }
    case 'timeout':
      return defect(`the reference solution ran out of time ${context}`);
    case 'load-timeout':
      return defect(`the dataset took more than ${DATASET_LOAD_MS / 1000} s to load ${context}`);
    default:
      return { kind: 'internal', message: `the grader failed: the reference engine ended ${context} (${run.kind}, ${howItEnded(run.outcome)})` };
  }
}
