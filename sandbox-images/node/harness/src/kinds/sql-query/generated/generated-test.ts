import type { ExerciseManifest, SandboxInput, SqlDialect, SqlGenerated } from '../../../contracts';
import { LIMITS } from '../../../contracts';
import { seedOf } from '../../../common/generated/search';
import { compareResults, unmatchedRows, valuesEqual } from '../compare-results';
import { ExerciseDefect } from '../../../common/exercise-defect';
import type { SqlTestOutcome } from '../feedback';
import type { QueryResult } from '../query-result';
import type { PgDataset } from '../postgres/pg-protocol';
import { DatasetArbitrary, datasetScript, insertStatements, rowCount, type GenDataset } from './dataset';
import { dataFeatures } from './features';
import { alignTies, orderByColumns, queryConstants, type QueryConstants } from './query-facts';
import { RoundSearch, type Judgement, type SearchEnd } from './rounds';
import { readSchema, type GenSchema } from './schema';

type SqlQueryManifest = Extract<ExerciseManifest, { kind: 'sql-query' }>;
type SqlTest = SqlQueryManifest['tests'][number];

/** What a student's run on one dataset came to, as the dialects' runners report it. */
export type StudentRun = SqlTestOutcome | { kind: 'rows'; result: QueryResult };

/** A generated test, ready to search: its schema, the query's constants, the search itself. */
export interface GeneratedCheck {
  test: SqlTest & { generated: SqlGenerated };
  dialect: SqlDialect;
  schema: GenSchema;
  constants: QueryConstants;
  search: RoundSearch;
  reference: string;
  /** Renders a dataset as the script a runner loads. */
  script(dataset: GenDataset): string;
  /**
   * The same dataset as the PostgreSQL runner takes it: the schema's CREATE statements, which
   * every dataset of the test shares (created once and kept), and this dataset's rows.
   */
  request(dataset: GenDataset): PgDataset;
}

/** Per dialect, what a round costs: SQLite judges a dataset in about a millisecond; PostgreSQL starts two engines per round. */
export const ROUND_LIMITS = {
  sqlite: { subsetCandidates: 96, rounds: 30 },
  postgres: { subsetCandidates: 40, rounds: 2 },
} as const;

/**
 * Prepares a generated test: reads the schema (the test's `schema` script, or the first fixed
 * test's dataset), the reference query's constants, and seeds the search with the exercise's
 * slug and the test's name, so that every grading of a submission meets the same datasets.
 */
export function prepareGenerated(manifest: SqlQueryManifest, input: SandboxInput, test: SqlTest & { generated: SqlGenerated }, reference: string): GeneratedCheck {
  const dialect = manifest.sql.dialect;
  const schemaPath = test.generated.schema ?? manifest.tests.find((t) => t.dataset !== undefined)?.dataset;
  const script = schemaPath === undefined ? undefined : input.exerciseFiles[schemaPath];
  if (schemaPath === undefined || script === undefined) throw new ExerciseDefect(`the exercise package has no schema script for the generated test ${JSON.stringify(test.name)}${schemaPath ? ` (${schemaPath})` : ''}`);
  const constants = queryConstants(reference, dialect);
  const schema = readSchema(script, schemaPath, dialect, test.generated, constants);
  const limits = ROUND_LIMITS[dialect];
  const arbitrary = new DatasetArbitrary(schema, { subsetCandidates: limits.subsetCandidates });
  const runs = Math.min(test.generated.runs ?? LIMITS.generated.runs, LIMITS.generated.runsMax);
  const search = new RoundSearch(arbitrary, { seed: seedOf(manifest.slug, test.name), runs, shrink: test.visibility !== 'hidden' });
  return {
    test,
    dialect,
    schema,
    constants,
    search,
    reference,
    script: (d) => datasetScript(schema, d, dialect),
    request: (d) => ({ schema: schema.ddl, dataset: insertStatements(schema, d, dialect) }),
  };
}

/**
 * Compares the student's run on a dataset with the reference's rows. Rows the reference's
 * ORDER BY leaves tied may come in any order (query-facts.ts, alignTies); the rest is the
 * comparison of every test.
 */
export function judgeRun(check: GeneratedCheck, manifest: SqlQueryManifest, expected: QueryResult, run: StudentRun, quotedNames: ReadonlySet<string>): Judgement {
  if (run.kind === 'runtime') return { kind: 'differs', outcome: { kind: 'runtime', message: run.message } };
  if (run.kind !== 'rows') return { kind: 'stop', outcome: run };
  const options = { ...manifest.sql, quotedNames };
  let actual = run.result;
  const key = manifest.sql.orderMatters ? orderByColumns(check.reference, check.dialect, expected.columns) : undefined;
  if (key) {
    const tolerance = manifest.sql.numericTolerance;
    actual = alignTies(expected, actual, key, (e, a) => {
      const { missing, extra } = unmatchedRows(e, a, tolerance);
      return missing.length === 0 && extra.length === 0;
    });
  }
  const comparison = compareResults(expected, actual, options);
  if (comparison.equal) return { kind: 'same' };
  return { kind: 'differs', outcome: { kind: 'wrong', difference: comparison.difference, expected, actual: run.result } };
}

/**
 * Judges a batch of datasets, in the search's order. It may leave `unjudged` what comes after
 * a `stop`, and, unless `every`, after the first difference (the search takes the first).
 */
export type Judge = (datasets: GenDataset[], every?: boolean) => Promise<Judgement[]>;

export interface GeneratedBudget {
  /** performance.now() when the test started. */
  started: number;
  /** performance.now() by which the datasets are judged (the search's own time: the student's queries). */
  deadline: number;
  /**
   * performance.now() after which no round starts (the sandbox's time, a safety net). Rounds are
   * otherwise limited by their number only, so that the same submission gets the same
   * counterexample and the same kinds of data however busy the machine.
   */
  lastRound: number;
}

/**
 * Runs a prepared search to its end: rounds of judging until it holds, stops (the student's
 * runaway) or has a counterexample as small as its rounds allow; then, for a test whose
 * feedback names the kind of data (visible and name-only), which kinds of the counterexample
 * make the difference (each taken out once, dataset by dataset).
 */
export async function runGenerated(check: GeneratedCheck, judge: Judge, budget: GeneratedBudget): Promise<SqlTestOutcome> {
  const limits = ROUND_LIMITS[check.dialect];
  let end: SearchEnd;
  for (;;) {
    const mayAsk = check.search.rounds === 0 || (check.search.rounds < limits.rounds + 1 && performance.now() < budget.lastRound);
    const step = await check.search.step(mayAsk);
    if (step.kind === 'done') {
      end = step.end;
      break;
    }
    check.search.record(step.datasets, await judge(step.datasets));
  }
  return outcomeOf(check, end, judge, budget);
}

/** The test's outcome from the end of its search; `judge` is asked once more for the kinds of data. */
export async function outcomeOf(check: GeneratedCheck, end: SearchEnd, judge: Judge | undefined, budget: GeneratedBudget): Promise<SqlTestOutcome> {
  switch (end.kind) {
    case 'held':
      return { kind: 'passed' };
    case 'unfinished':
      // The time went to the student's queries (here or on the tests before): theirs, as a time-out is.
      return { kind: 'unfinished', judged: end.judged, runs: end.runs, limitMs: Math.max(0, Math.round(budget.deadline - budget.started)) };
    case 'stopped':
      return end.outcome;
    case 'counterexample': {
      const kinds = check.test.visibility === 'hidden' ? [] : [...tieOf(check, end.outcome), ...(await causes(check, end.dataset, judge, budget))];
      return {
        kind: 'generated',
        inner: end.outcome,
        dataset: insertStatements(check.schema, end.dataset, check.dialect),
        rows: rowCount(end.dataset),
        kinds,
      };
    }
  }
}

/** A result in another order: the rows the order could not tell apart, by the column they share. */
function tieOf(check: GeneratedCheck, outcome: Extract<SqlTestOutcome, { kind: 'wrong' | 'runtime' }>): string[] {
  if (outcome.kind !== 'wrong' || outcome.difference.kind !== 'row-at' || !outcome.difference.sameRowsOtherOrder) return [];
  const { expected, difference } = outcome;
  const key = orderByColumns(check.reference, check.dialect, expected.columns) ?? expected.columns.map((_, i) => i);
  const shared = key.find((k) => difference.expected && difference.actual && valuesEqual(difference.expected[k] ?? null, difference.actual[k] ?? null, 0));
  return [shared === undefined ? 'two rows in another order' : `two result rows with the same ${expected.columns[shared]}`];
}

/**
 * The kinds of data of a counterexample without which it shows no difference: each kind is
 * taken out of the dataset once and the variant judged. Kinds that cannot be taken out are said
 * only when none of the others is needed; an empty dataset is said as such.
 */
async function causes(check: GeneratedCheck, dataset: GenDataset, judge: Judge | undefined, budget: GeneratedBudget): Promise<string[]> {
  if (rowCount(dataset) === 0) return ['every table empty'];
  const features = dataFeatures(check.schema, dataset, check.constants);
  const testable = features.filter((f) => f.without !== undefined);
  let judgements: Judgement[] = [];
  if (judge && testable.length > 0 && performance.now() < budget.lastRound) judgements = await judge(testable.map((f) => f.without!), true);
  // Taken out, the difference goes: this kind is needed. Not known (no time, a runaway): kept.
  const needed = testable.filter((f, i) => judgements[i]?.kind !== 'differs');
  if (needed.length > 0) return needed.map((f) => f.phrase);
  return features.filter((f) => f.without === undefined).map((f) => f.phrase);
}

