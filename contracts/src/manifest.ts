import { z } from 'zod';
import { LIMITS } from './limits';
import { SubmittedPath } from './submitted-files';

/**
 * The exercise manifest (`exercise.yaml` in an exercise folder). A package path is
 * relative to the exercise folder; a submitted path is what the student's file is called.
 */

export const Slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'lower-case letters, digits and inner hyphens, at most 64 characters');

/**
 * - visible: name, points, message, and expected vs actual are shown to the student.
 * - name-only: name, pass or fail and points are shown; never the message or data.
 * - hidden: shown as "hidden test N" with pass or fail and points only.
 */
export const Visibility = z.enum(['visible', 'name-only', 'hidden']);
export type Visibility = z.infer<typeof Visibility>;

const PackagePath = SubmittedPath;

export const TestBase = z.object({
  /** Shown to the student unless the test is hidden: say what behaviour it checks. */
  name: z.string().min(1).max(200),
  points: z.number().int().min(0).max(1000),
  visibility: Visibility.default('visible'),
});

export const Limits = z
  .object({
    /** Wall time for one test, milliseconds. */
    testTimeMs: z.number().int().min(100).max(LIMITS.exercise.testTimeMsMax).default(LIMITS.exercise.testTimeMs),
    /** Memory for the whole sandbox, MiB, without swap. */
    memoryMb: z.number().int().min(LIMITS.exercise.memoryMbMin).max(LIMITS.exercise.memoryMbMax).default(LIMITS.exercise.memoryMb),
  })
  .prefault({});
export type Limits = z.infer<typeof Limits>;

export const StudentFile = z.object({
  /** The name the student's file has, e.g. `query.sql`. */
  path: SubmittedPath,
  /** Package path of the starter content given to the student. */
  starter: PackagePath,
});

/** A folder of the package holding one file per student file, at the student's path under it. */
const SolutionDir = PackagePath;

export const KnownWrongSolution = z.object({
  dir: SolutionDir,
  /** The most this solution may score. */
  maxScore: z.number().int().min(0),
  /** The mistake it makes, for the next author: e.g. "answers 200 without Location". */
  why: z.string().min(1).max(500),
});

export const AlternativeSolution = z.object({
  dir: SolutionDir,
});

/** The fields every kind's manifest has, beside its `kind`, its own section and its tests. */
export const ManifestCommon = {
  slug: Slug,
  title: z.string().min(1).max(200),
  /** The sandbox image, `sandbox-images/<runtime>`. */
  runtime: z.enum(['node']).default('node'),
  /** Short tags naming what the exercise practises, e.g. `joins`. */
  skills: z.array(z.string().min(1).max(40)).max(12).default([]),
  /** Package path of the markdown statement. */
  statement: PackagePath.default('statement.md'),
  limits: Limits,
  /** Exactly the files a submission must contain: no more, no fewer. */
  files: z.array(StudentFile).min(1).max(LIMITS.submission.files),
  /** Submitted path → package path of the reference solution's file. Never shown to students. */
  solution: z.record(SubmittedPath, PackagePath),
  /** The score of a perfect solution; must equal the sum of the tests' points. */
  maxScore: z.number().int().min(1),
  /**
   * Solutions known to be wrong, each a folder holding every student file (e.g. `wrong/no-404/app.js`).
   * Grading one must score at most `maxScore`, which is below the exercise's: proof that the
   * tests catch the mistake named in `why`. Never shown to students.
   */
  knownWrong: z.array(KnownWrongSolution).max(20).optional(),
  /** Other correct solutions, written differently, each a folder holding every student file; each must score full marks. */
  alternatives: z.array(AlternativeSolution).max(20).optional(),
};

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
     * offsets (`30 days`, `-1 second`, `30 days 1 second`): times relative to another's.
     */
    offsetFrom: z
      .object({
        column: SqlTableColumn,
        offsets: z.array(z.string().regex(/^\s*(?:[+-]?\d+\s+(?:second|minute|hour|day)s?\s*)+$/, 'e.g. 30 days, -1 second, 1 day 2 hours')).min(1).max(20),
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
       * The database the queries run on: `sqlite` (better-sqlite3) or `postgres` (PostgreSQL 18
       * through PGlite, in WebAssembly). Datasets are written in the dialect's own SQL.
       */
      dialect: SqlDialect.default('sqlite'),
      /** The submitted file holding the query. */
      queryFile: SubmittedPath.default('query.sql'),
      /** Compare rows in order only when the statement asks for an ORDER BY. */
      orderMatters: z.boolean().default(false),
      /** Compare column names only when the statement names them. */
      checkColumnNames: z.boolean().default(false),
      /** Absolute tolerance for comparing numbers. */
      numericTolerance: z.number().min(0).default(1e-9),
    })
    .prefault({}),
  tests: z.array(SqlTest).min(1).max(50),
});

/**
 * Model-based checking of a rest-endpoint exercise (`rest.model`): the operations requests are
 * drawn from, and how answers are compared. A generated check (a test with `generated`) sends
 * sequences of these requests, from the same fresh start, to the reference app and to the
 * student's, compares every answer, and shrinks the first sequence that tells them apart to the
 * shortest list of requests that still does.
 */
const RestName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'letters, digits, _ and -, starting with a letter or _');
const RestJsonScalar = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

/**
 * What a body or query field is given: a building block's name, or the name with options. Each
 * block mixes ordinary values with its edge cases and wrong types, and a body field may also be
 * left out or be `null` (a class of its own, in full and partial bodies alike: `!= null` takes
 * it for a field left out); the reference decides which are right. In a query every value is text.
 * - `text`: ordinary strings (`examples`), the empty string (in a query too: `?author=` is a
 *   filter on the empty author), a very long string, non-ASCII text, lengths around
 *   `minLength` and `maxLength`, only spaces (`spaces`, in a query too); a value sent
 *   before in the same field, as sent or in other letter case (duplicates).
 * - `email`: addresses (`examples`), a value sent before in other letter case, the empty
 *   string, and addresses without @, with nothing before or after it, with two.
 * - `integer`, `number`: `examples`, 0, -1, around `min` and `max`, a large number, a
 *   fractional one (a wrong value for `integer`), a number in a string. In a query where the
 *   range allows it, 0 is a usual value beside the others (`if (maxPrice)` skips a filter of 0).
 * - `boolean`; `oneOf` (these values, or another, and in a query the empty string where they are
 *   text); `arrayOf` (arrays of a block, empty, holding a wrong type, or not an array).
 * - `from` (on `text`, `email`, `integer`, `number`, `oneOf`): also values drawn from those sent
 *   before in the sequence in that other field, in a body or a query (an array's items one by
 *   one): text as sent, in other letter case, its first or last part, its inner part, two joined
 *   by a comma; a number as sent, one more, one less. For a filter (`?category=` from the
 *   `category` of the products created, `?minPrice=` from their `priceCents`), so that
 *   bounds, equal values, letter case and substrings meet the data stored.
 */
/** The field (of a body or a query) whose earlier values this one also draws from: see above. */
const RestFrom = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/).optional();
const RestTextBlock = z
  .object({
    examples: z.array(z.string().max(200)).min(1).max(20).optional(),
    minLength: z.number().int().min(0).max(10_000).optional(),
    maxLength: z.number().int().min(0).max(10_000).optional(),
    /** Also text of only spaces: for a rule about text once trimmed (where the statement says nothing, "   " is not empty, but a reader may doubt it). */
    spaces: z.boolean().default(false),
    from: RestFrom,
  })
  .strict();
const RestNumberBlock = z
  .object({
    examples: z.array(z.number()).min(1).max(20).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    from: RestFrom,
  })
  .strict();
const RestScalarBlock = z.union([
  z.enum(['text', 'email', 'integer', 'number', 'boolean']),
  z.object({ text: RestTextBlock }).strict(),
  z.object({ email: z.object({ examples: z.array(z.string().max(200)).min(1).max(20).optional(), from: RestFrom }).strict() }).strict(),
  z.object({ integer: RestNumberBlock }).strict(),
  z.object({ number: RestNumberBlock }).strict(),
  z.object({ oneOf: z.array(RestJsonScalar).min(1).max(20), from: RestFrom }).strict(),
]);
export const RestValueBlock = z.union([RestScalarBlock, z.object({ arrayOf: RestScalarBlock }).strict()]);
export type RestValueBlock = z.infer<typeof RestValueBlock>;

/** A block's `from` option, if it has one. */
function fromOf(block: RestValueBlock): string | undefined {
  if (typeof block === 'string') return undefined;
  if ('arrayOf' in block) return fromOf(block.arrayOf);
  if ('oneOf' in block) return block.from;
  const options = Object.values(block)[0];
  return typeof options === 'object' && options !== null && 'from' in options ? options.from : undefined;
}

export const RestOperation = z
  .object({
    /**
     * `METHOD /path`; a `:name` segment is an id: one the app gave earlier in the sequence (the
     * n-th id of each app, whatever its value), or one it never gave (`unknownIds`), or one it
     * gave made malformed (`1abc`, `1.5`: not an id, whatever a lenient parse reads in it).
     * A request with a body is also sent now and then with malformed JSON (content-type
     * application/json): its error answer is compared as any other (`errorBody`).
     */
    request: z.string().regex(/^(GET|POST|PUT|PATCH|DELETE) \/[A-Za-z0-9_\-/:.]*$/, 'METHOD /path, e.g. POST /books or GET /books/:id'),
    /** The JSON body's fields. A body is also sent now and then as an array of itself, or not at all. */
    body: z.record(RestName, RestValueBlock).optional(),
    /** Fields are left out as often as given (PATCH), instead of now and then. */
    partial: z.boolean().default(false),
    /**
     * Properties the statement says a body's other properties are (ignored, never stored): the
     * body carries one of them now and then, an `ids` property holding an id the app gave or a
     * number no resource has, any other the text `extra`. Added to the model's `extras`.
     */
    extras: z.array(RestName).max(10).default([]),
    /** Query parameters, each left out about half of the time. */
    query: z.record(RestName, RestValueBlock).optional(),
    /** How often this operation is drawn relative to the others of a check. */
    weight: z.number().int().min(1).max(10).default(1),
  })
  .strict();
export type RestOperation = z.infer<typeof RestOperation>;

const HttpStatus = z.number().int().min(100).max(599);

export const RestModel = z
  .object({
    /** Response properties, at any depth, holding ids the app makes: compared by order of appearance, and the ids `:name` path segments take. */
    ids: z.array(RestName).max(10).default(['id']),
    /** Ids no resource has, for `:name` segments (e.g. `not-a-number` where the statement says what it gets). */
    unknownIds: z.array(z.string().regex(/^[A-Za-z0-9._~-]{1,40}$/)).min(1).max(5).default(['424242']),
    /**
     * `extras` of every operation with a body: where the statement says once for all that a
     * body's other properties (an id among them) are ignored, e.g. `[id, role]`.
     */
    extras: z.array(RestName).max(10).default([]),
    /** Body and query fields the statement wants unique (an e-mail address): feedback says when a request repeats a value sent before. */
    unique: z.array(RestName).max(10).default([]),
    /** Response properties holding times the app makes: any date-time text is as good as another. */
    times: z.array(RestName).max(10).default([]),
    /** Response headers compared besides the status and the body (ids in them compared by order of appearance), e.g. location. */
    headers: z.array(z.string().regex(/^[a-z0-9-]{1,60}$/, 'a header name in lower case')).max(10).default([]),
    /**
     * What the body of an answer other than 2xx holds: property → JSON type. Required of the
     * student's answer where the reference's has it; error texts themselves are never compared.
     * (A 2xx JSON body is compared whole.)
     */
    errorBody: z.record(RestName, z.enum(['string', 'number', 'boolean', 'object', 'array'])).default({}),
    /**
     * Pairs of statuses the statement leaves in either order (a PUT to an id that does not exist
     * with an invalid body: 404 or 400): one app answering one and the other the other is no difference.
     */
    either: z.array(z.tuple([HttpStatus, HttpStatus])).max(20).default([]),
    /** Name → operation. */
    operations: z
      .record(RestName, RestOperation)
      .refine((o) => Object.keys(o).length > 0, 'declare at least one operation')
      // A `from` naming no field would draw only ordinary values, silently: the filter it was for goes untested.
      .superRefine((operations, ctx) => {
        const fields = new Set(Object.values(operations).flatMap((op) => [...Object.keys(op.body ?? {}), ...Object.keys(op.query ?? {})]));
        for (const [name, op] of Object.entries(operations)) {
          for (const [place, record] of [['body', op.body], ['query', op.query]] as const) {
            for (const [field, block] of Object.entries(record ?? {})) {
              const from = fromOf(block);
              if (from !== undefined && !fields.has(from)) ctx.addIssue({ code: 'custom', path: [name, place, field], message: `from: ${from} is no body or query field of any operation` });
            }
          }
        }
      }),
  })
  .strict();
export type RestModel = z.infer<typeof RestModel>;

/** A generated check: sequences of requests drawn from some of `rest.model.operations`. */
export const RestGenerated = z
  .object({
    /** The operations drawn from (names in rest.model.operations). */
    operations: z.array(RestName).min(1).max(20),
    /** Sequences to try (LIMITS.generated.runs by default): each costs a reset of both apps and every request twice. */
    runs: z.number().int().min(1).max(LIMITS.generated.runsMax).optional(),
    /** Requests in a sequence, at most. */
    length: z.number().int().min(1).max(20).default(8),
  })
  .strict();
export type RestGenerated = z.infer<typeof RestGenerated>;

/** A test: a `case` of the tests module, or a `generated` check. */
export const RestTest = TestBase.extend({
  /** The id of a test case exported by the tests module (`rest.testsFile`). */
  case: z.string().min(1).max(200).optional(),
  /** A generated check instead of a case. */
  generated: RestGenerated.optional(),
});

export const RestEndpointManifest = z.object({
  ...ManifestCommon,
  kind: z.literal('rest-endpoint'),
  rest: z
    .object({
      /**
       * The language of the student's files: `javascript` (CommonJS), or `typescript`, which the
       * harness type-checks and compiles to CommonJS before anything runs (a type error is a compile error).
       */
      language: z.enum(['javascript', 'typescript']).default('javascript'),
      /** The submitted module that exports createApp() (or the app itself); a .ts file for TypeScript. */
      entry: SubmittedPath.default('app.js'),
      /**
       * Package path of the instructor's CommonJS module: `module.exports = { '<case id>': async (t) => { ... } }`,
       * run inside the trusted harness against the student's app.
       */
      testsFile: PackagePath,
      /** Milliseconds from starting the student's app to its listening, on top of each test's own time. */
      startupTimeMs: z.number().int().min(100).max(LIMITS.exercise.startupTimeMsMax).default(LIMITS.exercise.startupTimeMs),
      /** The operations and comparison rules of the generated checks (tests with `generated`). */
      model: RestModel.optional(),
    }),
  tests: z.array(RestTest).min(1).max(50),
});

/**
 * The classes of SQL injection an injection-prevention test can attack with, each with the
 * phrase feedback uses: "<phrase> in <parameter> returned 3 rows it should not".
 */
export const INJECTION_PAYLOAD_CLASSES = {
  tautology: "a tautology (' OR '1'='1)",
  'union-select': "a UNION SELECT of another table's rows",
  'stacked-query': "a stacked query ('; DROP TABLE …)",
  'comment-truncation': "a comment that cuts the query short (admin'--)",
  'like-wildcard': 'a LIKE wildcard (% or _)',
  'glob-wildcard': 'a GLOB wildcard (*, ? or [...])',
  quote: "a quote or a backslash, doubled or alone (O''Brien, \\', \\)",
  'control-character': 'a newline or another control character',
  'order-by': 'an ORDER BY injection',
  'second-order': 'a stored value (second-order injection)',
  'blind-boolean': 'a boolean condition (blind injection)',
  'plain-text': 'a plain word',
  'inherited-name': 'a name every JavaScript object inherits (constructor, toString, __proto__)',
  'ordinary-variant': "an ordinary value in another letter case, cut short, empty or joined with another (ADA for Ada, é for É, a prefix, '', name,price)",
} as const;
export const InjectionPayloadClass = z.enum(Object.keys(INJECTION_PAYLOAD_CLASSES) as [keyof typeof INJECTION_PAYLOAD_CLASSES, ...(keyof typeof INJECTION_PAYLOAD_CLASSES)[]]);
export type InjectionPayloadClass = z.infer<typeof InjectionPayloadClass>;

const Identifier = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/, 'a JavaScript identifier');

/** A JSON value an argument may take: what a web request could hand the function. */
const ArgumentValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const InjectionCall = z.object({
  /** A function the student's module exports, declared in `injection.functions`. */
  fn: Identifier,
  /** Its arguments by parameter name (the names in `injection.functions`); a missing one is passed as undefined. */
  args: z.record(Identifier, ArgumentValue).default({}),
});

/**
 * A generated check: instead of calls written out, the harness attacks parameters with a battery
 * drawn from payload grammars (one per class), each input on a fresh database for the student's
 * module and the reference alike, and shrinks the first difference to a minimal counterexample.
 * Every generated text carries a taint marker, which must never appear in the SQL text of a
 * statement the student's code prepares.
 */
export const InjectionGenerated = z.object({
  /** Function → the parameters to attack. Default: every parameter of every declared function. */
  attack: z.record(Identifier, z.array(Identifier).min(1).max(10)).optional(),
  /** The payload classes to draw from. Default: every class. */
  classes: z.array(InjectionPayloadClass).min(1).optional(),
  /**
   * Ordinary values by parameter name: what a parameter not under attack is given, and what
   * payloads are built around (`admin'--`). Default: the values the tests without a payload pass.
   */
  values: z.record(Identifier, z.array(ArgumentValue).min(1).max(20)).optional(),
  /** Inputs to try, spread over every (function, parameter, class) attacked, at least one each (LIMITS.generated). */
  runs: z.number().int().min(1).max(LIMITS.generated.runsMax).optional(),
  /** Time the search may take, milliseconds, shrinking included (LIMITS.generated). */
  timeMs: z.number().int().min(100).max(LIMITS.generated.timeMsMax).optional(),
});

/** A test: either `calls` written out (with an optional `setup` and `payload`), or `generated`. */
export const InjectionTest = TestBase.extend({
  /** SQL run on this test's fresh database before the calls (trusted), e.g. a value an attacker stored earlier. */
  setup: z.string().max(20_000).optional(),
  /**
   * The calls, in order, each on the same database. Each result (or thrown error) and the
   * database afterwards are compared with what the reference solution gives.
   */
  calls: z.array(InjectionCall).min(1).max(10).optional(),
  /** What the test attacks with, for feedback: the payload's class and the parameter it goes in. Absent: an ordinary input. */
  payload: z.object({ class: InjectionPayloadClass, in: Identifier }).optional(),
  /** A generated check instead of calls. */
  generated: InjectionGenerated.optional(),
});

export const InjectionPreventionManifest = z.object({
  ...ManifestCommon,
  kind: z.literal('injection-prevention'),
  injection: z.object({
    /** The submitted CommonJS module that exports the data-access functions. */
    module: SubmittedPath.default('repository.js'),
    /** Package path of an SQLite script that creates and fills the database; each test gets a fresh copy. */
    database: PackagePath,
    /** Function name → its parameters after `db` (the better-sqlite3 Database every function gets first). */
    functions: z.record(Identifier, z.array(Identifier).max(10)).refine((f) => Object.keys(f).length > 0, 'declare at least one function'),
    /**
     * Values of the database that must never reach a caller who should not see them (password
     * hashes, tokens): a result holding one that the reference's result does not hold has leaked it.
     */
    secrets: z.array(z.string().min(4).max(200)).max(100).default([]),
  }),
  tests: z.array(InjectionTest).min(1).max(50),
});

/**
 * Each kind's manifest schema (ManifestCommon, its `kind`, its section and its tests): the
 * kinds an exercise may be. The harness grades each with the plug-in of that name
 * (sandbox-images/node/harness/src/kinds/registry.ts).
 */
export const KIND_MANIFESTS = [SqlQueryManifest, RestEndpointManifest, InjectionPreventionManifest] as const;

export const ExerciseManifest = z
  .discriminatedUnion('kind', KIND_MANIFESTS)
  .superRefine((m, ctx) => {
    const sum = m.tests.reduce((total, t) => total + t.points, 0);
    if (sum !== m.maxScore) {
      ctx.addIssue({ code: 'custom', path: ['maxScore'], message: `maxScore is ${m.maxScore} but the tests' points add up to ${sum}` });
    }
    const names = new Set<string>();
    m.tests.forEach((t, i) => {
      if (names.has(t.name)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'name'], message: `duplicate test name ${JSON.stringify(t.name)}` });
      names.add(t.name);
    });
    const submitted = new Set(m.files.map((f) => f.path));
    for (const p of Object.keys(m.solution)) {
      if (!submitted.has(p)) ctx.addIssue({ code: 'custom', path: ['solution', p], message: `the solution names ${p}, which is not one of the student's files` });
    }
    for (const p of submitted) {
      if (!(p in m.solution)) ctx.addIssue({ code: 'custom', path: ['solution'], message: `the solution has no ${p}` });
    }
    if (m.kind === 'sql-query' && m.sql.dialect === 'postgres' && m.limits.memoryMb < LIMITS.exercise.postgresMemoryMbMin) {
      ctx.addIssue({
        code: 'custom',
        path: ['limits', 'memoryMb'],
        message: `a PostgreSQL exercise needs limits.memoryMb of at least ${LIMITS.exercise.postgresMemoryMbMin} (a PostgreSQL engine takes about 400 MiB)`,
      });
    }
    if (m.kind === 'sql-query' && !submitted.has(m.sql.queryFile)) {
      ctx.addIssue({ code: 'custom', path: ['sql', 'queryFile'], message: `${m.sql.queryFile} is not one of the student's files` });
    }
    if (m.kind === 'rest-endpoint') {
      if (!submitted.has(m.rest.entry)) {
        ctx.addIssue({ code: 'custom', path: ['rest', 'entry'], message: `${m.rest.entry} is not one of the student's files` });
      }
      if (m.rest.language === 'javascript' && !/\.c?js$/.test(m.rest.entry)) {
        ctx.addIssue({ code: 'custom', path: ['rest', 'entry'], message: `${m.rest.entry} is not a JavaScript file (.js or .cjs)` });
      }
      if (m.rest.language === 'typescript' && !/\.c?ts$/.test(m.rest.entry)) {
        ctx.addIssue({ code: 'custom', path: ['rest', 'entry'], message: `${m.rest.entry} is not a TypeScript file (.ts or .cts)` });
      }
      checkRest(m, ctx);
    }
    if (m.kind === 'sql-query') checkSql(m, ctx);
    if (m.kind === 'injection-prevention') checkInjection(m, submitted, ctx);
    m.knownWrong?.forEach((w, i) => {
      if (w.maxScore >= m.maxScore) {
        ctx.addIssue({ code: 'custom', path: ['knownWrong', i, 'maxScore'], message: `a known-wrong solution must score below the exercise's maxScore (${m.maxScore}), not up to ${w.maxScore}` });
      }
    });
    const dirs = new Set<string>();
    [...(m.knownWrong ?? []), ...(m.alternatives ?? [])].forEach((s) => {
      if (dirs.has(s.dir)) ctx.addIssue({ code: 'custom', path: ['knownWrong'], message: `the solution folder ${s.dir} is listed twice` });
      dirs.add(s.dir);
    });
  });
export type ExerciseManifest = z.infer<typeof ExerciseManifest>;
export type ExerciseKind = ExerciseManifest['kind'];

function checkRest(m: z.infer<typeof RestEndpointManifest>, ctx: z.RefinementCtx): void {
  const cases = new Set<string>();
  const operations = m.rest.model?.operations ?? {};
  m.tests.forEach((t, i) => {
    if (t.generated) {
      if (t.case !== undefined) ctx.addIssue({ code: 'custom', path: ['tests', i, 'case'], message: 'a generated check has no case of its own' });
      if (!m.rest.model) ctx.addIssue({ code: 'custom', path: ['tests', i, 'generated'], message: 'a generated check needs rest.model' });
      else {
        for (const name of t.generated.operations) {
          if (!Object.prototype.hasOwnProperty.call(operations, name)) {
            ctx.addIssue({ code: 'custom', path: ['tests', i, 'generated', 'operations'], message: `${name} is not an operation of rest.model (it has ${Object.keys(operations).join(', ')})` });
          }
        }
      }
      return;
    }
    if (t.case === undefined) {
      ctx.addIssue({ code: 'custom', path: ['tests', i, 'case'], message: 'a test needs a case, or generated for a generated check' });
      return;
    }
    if (cases.has(t.case)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'case'], message: `test case ${JSON.stringify(t.case)} is used by two tests` });
    cases.add(t.case);
  });
  for (const [name, op] of Object.entries(operations)) {
    if (op.body && /^(GET|DELETE) /.test(op.request)) ctx.addIssue({ code: 'custom', path: ['rest', 'model', 'operations', name, 'body'], message: `${op.request.split(' ')[0]} requests carry no body` });
  }
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

function checkInjection(m: z.infer<typeof InjectionPreventionManifest>, submitted: Set<string>, ctx: z.RefinementCtx): void {
  const { module, functions } = m.injection;
  if (!submitted.has(module)) ctx.addIssue({ code: 'custom', path: ['injection', 'module'], message: `${module} is not one of the student's files` });
  if (!/\.c?js$/.test(module)) ctx.addIssue({ code: 'custom', path: ['injection', 'module'], message: `${module} is not a JavaScript file (.js or .cjs)` });
  m.tests.forEach((t, i) => {
    if (t.generated) {
      if (t.calls || t.setup !== undefined || t.payload) ctx.addIssue({ code: 'custom', path: ['tests', i, 'generated'], message: 'a generated check has no calls, setup or payload of its own' });
      checkGenerated(t.generated, functions, ['tests', i, 'generated'], ctx);
      return;
    }
    if (!t.calls) {
      ctx.addIssue({ code: 'custom', path: ['tests', i, 'calls'], message: 'a test needs calls, or generated for a generated check' });
      return;
    }
    const parameters = new Set<string>();
    t.calls.forEach((call, j) => {
      const declared = Object.prototype.hasOwnProperty.call(functions, call.fn) ? functions[call.fn] : undefined;
      if (!declared) {
        ctx.addIssue({ code: 'custom', path: ['tests', i, 'calls', j, 'fn'], message: `${call.fn} is not declared in injection.functions` });
        return;
      }
      declared.forEach((p) => parameters.add(p));
      for (const name of Object.keys(call.args)) {
        if (!declared.includes(name)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'calls', j, 'args', name], message: `${call.fn} has no parameter ${name} (it has ${declared.join(', ') || 'none'})` });
      }
    });
    if (t.payload && !parameters.has(t.payload.in)) {
      ctx.addIssue({ code: 'custom', path: ['tests', i, 'payload', 'in'], message: `the payload goes in ${t.payload.in}, which no call of this test has as a parameter` });
    }
  });
}

function checkGenerated(g: z.infer<typeof InjectionGenerated>, functions: Record<string, string[]>, at: Array<string | number>, ctx: z.RefinementCtx): void {
  const declared = (fn: string): string[] | undefined => (Object.prototype.hasOwnProperty.call(functions, fn) ? functions[fn] : undefined);
  for (const [fn, parameters] of Object.entries(g.attack ?? {})) {
    const has = declared(fn);
    if (!has) ctx.addIssue({ code: 'custom', path: [...at, 'attack', fn], message: `${fn} is not declared in injection.functions` });
    else for (const p of parameters) if (!has.includes(p)) ctx.addIssue({ code: 'custom', path: [...at, 'attack', fn], message: `${fn} has no parameter ${p} (it has ${has.join(', ') || 'none'})` });
  }
  const every = new Set(Object.values(functions).flat());
  for (const p of Object.keys(g.values ?? {})) {
    if (!every.has(p)) ctx.addIssue({ code: 'custom', path: [...at, 'values', p], message: `no declared function has a parameter ${p}` });
  }
}

/**
 * The submission a solution folder stands for: each student file read from `<dir>/<path>`.
 * Used for known-wrong and alternative solutions.
 */
export function solutionFolderFiles(manifest: ExerciseManifest, dir: string): Record<string, string> {
  return Object.fromEntries(manifest.files.map((f) => [f.path, `${dir}/${f.path}`]));
}

/** Every package file the manifest names, whatever its kind: the loader checks that each is in the package. */
export function referencedPackageFiles(manifest: ExerciseManifest): string[] {
  const byKind =
    manifest.kind === 'sql-query' ? manifest.tests.flatMap((t) => [t.dataset ?? [], t.generated?.schema ?? []].flat()) : manifest.kind === 'rest-endpoint' ? [manifest.rest.testsFile] : [manifest.injection.database];
  const folders = [...(manifest.knownWrong ?? []), ...(manifest.alternatives ?? [])].flatMap((s) => Object.values(solutionFolderFiles(manifest, s.dir)));
  return [manifest.statement, ...manifest.files.map((f) => f.starter), ...Object.values(manifest.solution), ...byKind, ...folders];
}

/**
 * Wall time one test may take inside the sandbox, milliseconds: its own time, for a web app
 * also the time the app gets to start listening (a fresh process per test), for PostgreSQL
 * the time a database engine takes to start (a query that ran out of time takes its engine
 * with it, so the next test may start another), and for TypeScript the type check, counted
 * per test so that the total stays a plain product.
 */
export function testWallTimeMs(manifest: ExerciseManifest): number {
  let ms = manifest.limits.testTimeMs;
  if (manifest.kind === 'rest-endpoint') ms += manifest.rest.startupTimeMs;
  if (manifest.kind === 'rest-endpoint' && manifest.rest.language === 'typescript') ms += LIMITS.exercise.typeCheckMs;
  if (manifest.kind === 'sql-query' && manifest.sql.dialect === 'postgres') ms += LIMITS.exercise.postgresStartupMs;
  return ms;
}
