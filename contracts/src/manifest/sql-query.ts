import { z } from 'zod';
import { LIMITS } from '../limits';
import { SubmittedPath } from '../submitted-files';
import { ManifestCommon, PackagePath, TestBase, type ManifestKind, STACK } from './common';

export const SqlDialect = z.enum(['sqlite', 'postgres']);
export type SqlDialect = z.infer<typeof SqlDialect>;

/** `table.column`, as generated datasets name a column. */
const SqlTableColumn = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}\.[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'table.column');
const SqlTableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a table name');

/**
 * What one column of a generated dataset holds, where its declared type and the reference
 * query's constants do not say enough. Every field is optional.
 */
export const SqlColumnDomain = z
  .object({
    /** What the column holds when its declared type does not say: SQLite keeps dates and timestamps in TEXT. */
    type: z.enum(['integer', 'decimal', 'text', 'date', 'timestamp', 'boolean']).optional(),
    /** The values drawn, instead of the defaults (the type's and the reference query's constants, each with its neighbours). */
    values: z.array(z.union([z.string().max(200), z.number(), z.boolean()])).min(1).max(50).optional(),
    /** The smallest and the largest value drawn: numbers, or dates and timestamps as ISO text. */
    min: z.union([z.number(), z.string().max(40)]).optional(),
    max: z.union([z.number(), z.string().max(40)]).optional(),
    /** Digits after the decimal point of a decimal (default: the declared scale, numeric(12,2), else 2). */
    scale: z.number().int().min(0).max(6).optional(),
    /** Whether NULL is drawn (default: whenever the column allows it). */
    nullable: z.boolean().optional(),
    /** No two rows share a value: for a column the statement orders by without a tie-break. */
    unique: z.boolean().optional(),
    /** `table.column` whose values this column holds: a reference the tables do not declare (a product_id that may be NULL). */
    references: SqlTableColumn.optional(),
    /**
     * A date or timestamp drawn as a column of the row this row references, plus one of these
     * offsets (`30 days`, `-1 second`, `30 days 1 second`, `30 days 0.5 seconds`): times relative to another's.
     */
    offsetFrom: z
      .object({
        column: SqlTableColumn,
        offsets: z.array(z.string().regex(/^\s*(?:[+-]?\d+(?:\.\d{1,3})?\s+(?:second|minute|hour|day)s?\s*)+$/, 'e.g. 30 days, -1 second, 1 day 2 hours, 30 days 0.5 seconds')).min(1).max(20),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SqlColumnDomain = z.infer<typeof SqlColumnDomain>;

/**
 * A generated test: instead of one dataset, many small ones drawn from the tables' schema (the
 * reference solution is the oracle), made to hold what wrong queries get wrong: NULLs, ties,
 * duplicates, empty tables, rows without a match, values at and beside the reference query's
 * constants, groups of 0, 1 and several rows. The first dataset on which the student's query
 * answers differently is shrunk to a minimal one. Seeded by the exercise and the test's name.
 */
export const SqlGenerated = z
  .object({
    /** Package path of a dataset script whose CREATE TABLE statements give the tables (columns, types, keys, references); default: the first fixed test's dataset. */
    schema: PackagePath.optional(),
    /** Rows per table at most, by table (default 4 each). */
    rows: z.record(SqlTableName, z.number().int().min(0).max(20)).optional(),
    /** What one row of a table is called in feedback ("a customer without orders"); default: the table's name made singular. */
    nouns: z.record(SqlTableName, z.string().min(1).max(40)).optional(),
    /** Value domains: `table.column` → what it holds. */
    columns: z.record(SqlTableColumn, SqlColumnDomain).optional(),
    /** Datasets to try (LIMITS.generated.runs by default). */
    runs: z.number().int().min(1).max(LIMITS.generated.runsMax).optional(),
    /** Time the search may take, milliseconds, shrinking included (LIMITS.generated.timeMs by default). */
    timeMs: z.number().int().min(100).max(LIMITS.generated.timeMsMax).optional(),
  })
  .strict();
export type SqlGenerated = z.infer<typeof SqlGenerated>;

/** A test: one `dataset`, or `generated` datasets. */
export const SqlTest = TestBase.extend({
  /** Package path of an SQL script that creates and fills the tables for this test. */
  dataset: PackagePath.optional(),
  /** Generated datasets instead of one. */
  generated: SqlGenerated.optional(),
});

export const SqlQueryManifest = z.object({
  ...ManifestCommon,
  kind: z.literal('sql-query'),
  sql: z
    .object({
      /**
       * The database the queries run on: `sqlite` (better-sqlite3) or `postgres` (Debian's
       * PostgreSQL 15 server). Datasets are written in the dialect's own SQL.
       */
      dialect: SqlDialect.default('sqlite'),
      /** The submitted file holding the query. */
      queryFile: SubmittedPath.default('query.sql'),
      /** Compare rows in order only when the statement asks for an ORDER BY. */
      orderMatters: z.boolean().default(false),
      /** Compare column names only when the statement names them. */
      checkColumnNames: z.boolean().default(false),
      /**
       * Absolute tolerance for comparing numbers (with a relative slack of 1e-13 for
       * floating-point sums added in another order). 0: exact, no slack, as for money in
       * numeric, where 0.1 + 0.2 summed as a double (0.30000000000000004) is a mistake.
       */
      numericTolerance: z.number().min(0).default(1e-9),
    })
    .prefault({}),
  tests: z.array(SqlTest).min(1).max(50),
});


/** The checks of a sql-query manifest that one field alone cannot make. */
export function checkSqlQuery(m: z.infer<typeof SqlQueryManifest>, submitted: Set<string>, ctx: z.RefinementCtx): void {
  if (m.sql.dialect === 'postgres' && m.limits.memoryMb < LIMITS.exercise.postgresMemoryMbMin) {
    ctx.addIssue({
      code: 'custom',
      path: ['limits', 'memoryMb'],
      message: `a PostgreSQL exercise needs limits.memoryMb of at least ${LIMITS.exercise.postgresMemoryMbMin} (two PostgreSQL engines and the queries' own memory)`,
    });
  }
  if (!submitted.has(m.sql.queryFile)) {
    ctx.addIssue({ code: 'custom', path: ['sql', 'queryFile'], message: `${m.sql.queryFile} is not one of the student's files` });
  }
  checkSql(m, ctx);
}

function checkSql(m: z.infer<typeof SqlQueryManifest>, ctx: z.RefinementCtx): void {
  m.tests.forEach((t, i) => {
    if ((t.dataset === undefined) === (t.generated === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['tests', i], message: 'a test has either a dataset or generated datasets (generated), not both nor neither' });
    }
    if (t.generated && t.generated.schema === undefined && !m.tests.some((other) => other.dataset !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['tests', i, 'generated', 'schema'], message: 'generated datasets need a schema: a dataset script whose CREATE TABLE statements give the tables' });
    }
  });
}


export const SQL_QUERY_KIND: ManifestKind<typeof SqlQueryManifest> = {
  schema: SqlQueryManifest,
  check: checkSqlQuery,
  packageFiles: (m) => m.tests.flatMap((t) => [t.dataset ?? [], t.generated?.schema ?? []].flat()),
  // A query that ran out of time takes its engine with it, so the next test may start another.
  extraTestMs: (m) => (m.sql.dialect === 'postgres' ? LIMITS.exercise.postgresStartupMs : 0),
  warmProfile: (m) => (m.sql.dialect === 'postgres' ? 'postgres' : undefined),
  language: () => 'sql',
  environment: (m) => [m.sql.dialect === 'postgres' ? STACK.postgres : STACK.sqlite],
};
