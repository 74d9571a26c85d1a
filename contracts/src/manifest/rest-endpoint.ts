import { z } from 'zod';
import { LIMITS } from '../limits';
import { SubmittedPath } from '../submitted-files';
import { ManifestCommon, PackagePath, TestBase, type ManifestKind, webAppStack } from './common';

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

/** The field a block also draws its values from (its `from` option), if it has one. */
export function fromOf(block: RestValueBlock): string | undefined {
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
       * The language of the student's files: `javascript` (CommonJS); `typescript`, which the
       * harness type-checks and compiles to CommonJS before anything runs (a type error is a
       * compile error); or `python` (runtime `python`): a Flask, FastAPI or other WSGI or ASGI
       * app, every .py file compiled before anything runs.
       */
      language: z.enum(['javascript', 'typescript', 'python']).default('javascript'),
      /**
       * The submitted module that exports createApp() (or the app itself); a .ts file for
       * TypeScript; for Python a .py module defining create_app() (or a module-level `app`).
       */
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


/** The checks of a rest-endpoint manifest that one field alone cannot make. */
export function checkRestEndpoint(m: z.infer<typeof RestEndpointManifest>, submitted: Set<string>, ctx: z.RefinementCtx): void {
  if (!submitted.has(m.rest.entry)) {
    ctx.addIssue({ code: 'custom', path: ['rest', 'entry'], message: `${m.rest.entry} is not one of the student's files` });
  }
  if (m.rest.language === 'javascript' && !/\.c?js$/.test(m.rest.entry)) {
    ctx.addIssue({ code: 'custom', path: ['rest', 'entry'], message: `${m.rest.entry} is not a JavaScript file (.js or .cjs)` });
  }
  if (m.rest.language === 'typescript' && !/\.c?ts$/.test(m.rest.entry)) {
    ctx.addIssue({ code: 'custom', path: ['rest', 'entry'], message: `${m.rest.entry} is not a TypeScript file (.ts or .cts)` });
  }
  if (m.rest.language === 'python' && !/\.py$/.test(m.rest.entry)) {
    ctx.addIssue({ code: 'custom', path: ['rest', 'entry'], message: `${m.rest.entry} is not a Python file (.py)` });
  }
  if (m.rest.language === 'python' && m.runtime !== 'python') {
    ctx.addIssue({ code: 'custom', path: ['runtime'], message: 'a Python app runs in the python runtime: set runtime: python' });
  }
  checkRest(m, ctx);
}

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


export const REST_ENDPOINT_KIND: ManifestKind<typeof RestEndpointManifest> = {
  schema: RestEndpointManifest,
  check: checkRestEndpoint,
  packageFiles: (m) => [m.rest.testsFile],
  // A fresh app per test: its start, and for TypeScript the type check, counted per test so the total stays a plain product.
  extraTestMs: (m) => m.rest.startupTimeMs + (m.rest.language === 'typescript' ? LIMITS.exercise.typeCheckMs : 0) + (m.rest.language === 'python' ? LIMITS.exercise.pythonAppTestMs : 0),
  warmProfile: (m) => (m.rest.language === 'typescript' ? 'typescript' : undefined),
  language: (m) => m.rest.language,
  environment: (m) => webAppStack(m.rest.language),
};
