import { z } from 'zod';
import { LIMITS } from '../limits';
import { SubmittedPath } from '../submitted-files';
import { ManifestCommon, PackagePath, TestBase, type ManifestKind, STACK } from './common';

/**
 * What a graphql-endpoint test checks, named to the student with its lesson whenever the check
 * fails (whatever the test's visibility): what a GraphQL API must do, nothing of the test's
 * queries or data.
 * - `n-plus-one`: a nested query costs a bounded number of requests to the backend, not one per parent.
 * - `errors`: a failure is reported as GraphQL reports it: an entry of `errors` with the failing
 *   field's `path`, that field null, the rest of the data kept.
 * - `validation`: invalid arguments and inputs are refused with an error, never stored or answered as data.
 */
export const GRAPHQL_CHECKS = ['n-plus-one', 'errors', 'validation'] as const;
export type GraphqlCheck = (typeof GRAPHQL_CHECKS)[number];

export const GraphqlEndpointTest = TestBase.extend({
  /** The id of a test case exported by the tests module (`graphql.testsFile`). */
  case: z.string().min(1).max(200),
  /** What this test checks (GRAPHQL_CHECKS), named with its lesson when the check fails. */
  check: z.enum(GRAPHQL_CHECKS).optional(),
}).strict();

export const GraphqlEndpointManifest = z.object({
  ...ManifestCommon,
  kind: z.literal('graphql-endpoint'),
  graphql: z
    .object({
      /**
       * The language of the student's app: `javascript` (Express with graphql-js 16 and DataLoader,
       * CommonJS) or `python` (runtime `python`: Flask or any WSGI or ASGI app, with Debian's graphene 2
       * and promise's DataLoader).
       */
      language: z.enum(['javascript', 'python']).default('javascript'),
      /** The submitted module that exports createApp() (or the app; for Python create_app() or a module-level `app`), started afresh for each test with SOURCE_URL (its backend). */
      entry: SubmittedPath.default('app.js'),
      /** Where the app serves GraphQL: queries are POSTed there as `{ "query", "variables" }`. */
      path: z.string().regex(/^\/[A-Za-z0-9/_-]*$/).default('/graphql'),
      /**
       * Package path of the instructor's CommonJS module: `module.exports = { '<case id>': async (t) => { ... } }`.
       * `t` is the rest-endpoint test kit plus `t.graphql` (queries and their assertions) and
       * `t.source` (the backend's requests counted): harness/src/kinds/graphql-endpoint/README.md.
       */
      testsFile: PackagePath,
      /**
       * Package path of the backend's data, a JSON object of collections: `{ "books": [{ "id": 1, ... }] }`,
       * served at SOURCE_URL (GET /<collection>[?field=value&field=value…], GET, PUT, PATCH and
       * DELETE /<collection>/<id>, POST /<collection>), a fresh copy for each test.
       */
      sourceFile: PackagePath,
      /** How long the backend takes to answer each request, milliseconds. Requests are counted, never timed. */
      sourceLatencyMs: z.number().int().min(0).max(LIMITS.dataSource.latencyMsMax).default(0),
      /** Milliseconds from starting the student's app to its listening, on top of each test's own time. */
      startupTimeMs: z.number().int().min(100).max(LIMITS.exercise.startupTimeMsMax).default(LIMITS.exercise.startupTimeMs),
    })
    .strict(),
  tests: z.array(GraphqlEndpointTest).min(1).max(50),
});

function checkGraphqlEndpoint(m: z.infer<typeof GraphqlEndpointManifest>, submitted: Set<string>, ctx: z.RefinementCtx): void {
  const { entry } = m.graphql;
  if (!submitted.has(entry)) ctx.addIssue({ code: 'custom', path: ['graphql', 'entry'], message: `${entry} is not one of the student's files` });
  const { language } = m.graphql;
  if (language === 'javascript' && !/\.c?js$/.test(entry)) ctx.addIssue({ code: 'custom', path: ['graphql', 'entry'], message: `${entry} is not a JavaScript file (.js or .cjs)` });
  if (language === 'python' && !/\.py$/.test(entry)) ctx.addIssue({ code: 'custom', path: ['graphql', 'entry'], message: `${entry} is not a Python file (.py)` });
  if (language === 'python' && m.runtime !== 'python') ctx.addIssue({ code: 'custom', path: ['runtime'], message: 'a Python app runs in the python runtime: set runtime: python' });
  const cases = new Set<string>();
  m.tests.forEach((t, i) => {
    if (cases.has(t.case)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'case'], message: `test case ${JSON.stringify(t.case)} is used by two tests` });
    cases.add(t.case);
  });
}

export const GRAPHQL_ENDPOINT_KIND: ManifestKind<typeof GraphqlEndpointManifest> = {
  schema: GraphqlEndpointManifest,
  check: checkGraphqlEndpoint,
  packageFiles: (m) => [m.graphql.testsFile, m.graphql.sourceFile],
  // A fresh app per test.
  extraTestMs: (m) => m.graphql.startupTimeMs + (m.graphql.language === 'python' ? LIMITS.exercise.pythonAppTestMs : 0),
  language: (m) => m.graphql.language,
  environment: (m) => (m.graphql.language === 'python' ? [STACK.python, STACK.graphene] : [STACK.node, STACK.graphqlJs]),
};
