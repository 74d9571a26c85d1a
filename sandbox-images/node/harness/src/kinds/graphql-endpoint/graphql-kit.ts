import { jsonDifference, render } from '../../common/json-difference';
import { createSourceKit, type SourceKit } from '../../common/data-source/kit';
import type { DataSource } from '../../common/data-source/server';
import { AssertionFailure, CheckFailed } from '../rest-endpoint/assertion-failure';
import type { HttpResponse } from '../rest-endpoint/http-exchange';
import { renderExpected, renderResponse } from '../rest-endpoint/render-response';
import type { Headers, TestKit } from '../rest-endpoint/test-kit';

/**
 * `t.graphql`, what a graphql-endpoint test case gets beside the REST kit and `t.source`:
 *
 *   'books-with-authors-in-three-requests': async (t) => {
 *     const res = await t.graphql.query('{ books { title author { name } } }');
 *     t.graphql.expectData(res, { books: [{ title: 'Dune', author: { name: 'Frank Herbert' } }] });
 *     t.source.expectAtMostHits(/^GET \/authors/, 1, 'the authors of all the books in one request');
 *   },
 *
 * Queries go to the app over loopback HTTP as the GraphQL over HTTP convention has them (POST,
 * `{ "query", "variables" }`, JSON back); the assertions read the answer as plain data.
 */
export interface GraphqlKit {
  /** POSTs `{ query, variables }` to the app's GraphQL path; resolves with the HTTP answer. */
  query(document: string, variables?: Record<string, unknown>, headers?: Headers): Promise<HttpResponse>;
  /** The answer is 200 with no `errors` and `data` deeply equal to `expected` (key order aside). */
  expectData(res: HttpResponse, expected: unknown): void;
  /**
   * The answer holds an error at exactly `path` (e.g. ['book', 'reviews']) as the GraphQL spec
   * has it: an entry of `errors` with a `message` (matching `message` when given, and with
   * `extensions.code` equal to `code` when given). `data`, when given, is what the rest of the
   * answer must hold (the failing field null, or null further up for a non-null field).
   * The check's failure (CheckFailed) when no error has that path.
   */
  expectError(res: HttpResponse, expected: { path: readonly (string | number)[]; message?: RegExp; code?: string; data?: unknown }): void;
  /** The whole request was refused (a document invalid against the schema, a variable of the wrong type): errors and no data, status 200 or 400. */
  expectRequestError(res: HttpResponse): void;
}

interface GraphqlError {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown };
}

export type GraphqlEndpointKit = TestKit & { graphql: GraphqlKit; source: SourceKit };

export function createGraphqlKit(kit: TestKit, source: DataSource, graphqlPath: string): GraphqlEndpointKit {
  const asked = new WeakMap<HttpResponse, string>();
  const label = (res: HttpResponse) => `the query ${asked.get(res) ?? res.request}`;
  const body = (res: HttpResponse, expected: unknown): { data?: unknown; errors?: GraphqlError[] } => {
    if (!res.isJson || typeof res.body !== 'object' || res.body === null || Array.isArray(res.body)) {
      throw new AssertionFailure(`${label(res)}: expected a JSON object with "data" and maybe "errors", got status ${res.status}${res.isJson ? '' : ' and no JSON'}`, renderExpected(expected), renderResponse(res));
    }
    const answer = res.body as { data?: unknown; errors?: unknown };
    if (answer.errors !== undefined && !Array.isArray(answer.errors)) throw new AssertionFailure(`${label(res)}: "errors" should be an array`, renderExpected(expected), renderResponse(res));
    return answer as { data?: unknown; errors?: GraphqlError[] };
  };
  const messages = (errors: GraphqlError[] | undefined) => (errors ?? []).map((e) => render(e.message)).join('; ');

  const graphql: GraphqlKit = {
    async query(document, variables, headers) {
      const res = await kit.post(graphqlPath, variables === undefined ? { query: document } : { query: document, variables }, headers);
      asked.set(res, abbreviate(document));
      return res;
    },
    expectData(res, expected) {
      const answer = body(res, { data: expected });
      if (answer.errors && answer.errors.length > 0) throw new AssertionFailure(`${label(res)}: expected no errors, got ${answer.errors.length}: ${messages(answer.errors)}`, renderExpected({ data: expected }), renderResponse(res));
      if (res.status !== 200) throw new AssertionFailure(`${label(res)}: expected status 200, got ${res.status}`, renderExpected({ data: expected }), renderResponse(res));
      const difference = jsonDifference(JSON.parse(JSON.stringify(expected)) as unknown, answer.data, 'equal', 'data');
      if (difference) throw new AssertionFailure(`${label(res)}: ${difference.message}`, renderExpected({ data: expected }), renderResponse(res));
    },
    expectError(res, expected) {
      const answer = body(res, { errors: [{ path: expected.path }] });
      const wanted = JSON.stringify(expected.path);
      const at = (answer.errors ?? []).find((e) => JSON.stringify(e.path) === wanted);
      if (!at) {
        const paths = (answer.errors ?? []).map((e) => JSON.stringify(e.path ?? null)).join(', ');
        throw new CheckFailed(`${label(res)}: expected an error at path ${wanted}, got ${answer.errors?.length ? `errors at ${paths}` : 'no error'}`, renderExpected({ errors: [{ path: expected.path }] }), renderResponse(res));
      }
      if (typeof at.message !== 'string' || at.message === '') throw new CheckFailed(`${label(res)}: the error at ${wanted} should have a message`, undefined, renderResponse(res));
      if (expected.message && !expected.message.test(at.message)) throw new CheckFailed(`${label(res)}: the error at ${wanted} says ${render(at.message)}, expected a message matching ${String(expected.message)}`, undefined, renderResponse(res));
      if (expected.code !== undefined && at.extensions?.code !== expected.code) {
        throw new CheckFailed(`${label(res)}: the error at ${wanted} should have extensions.code ${render(expected.code)}, got ${render(at.extensions?.code)}`, undefined, renderResponse(res));
      }
      if ('data' in expected) {
        const difference = jsonDifference(JSON.parse(JSON.stringify(expected.data ?? null)) as unknown, answer.data ?? null, 'equal', 'data');
        if (difference) throw new CheckFailed(`${label(res)}: ${difference.message}`, renderExpected({ data: expected.data }), renderResponse(res));
      }
    },
    expectRequestError(res) {
      const answer = body(res, { errors: [{ message: '…' }] });
      const refused = (answer.errors?.length ?? 0) > 0 && (answer.data === undefined || answer.data === null) && (res.status === 200 || res.status === 400);
      if (!refused) throw new CheckFailed(`${label(res)}: expected the request refused (errors, no data, status 200 or 400), got status ${res.status}${answer.errors?.length ? '' : ' and no error'}`, renderExpected({ errors: [{ message: '…' }] }), renderResponse(res));
    },
  };
  return { ...kit, graphql, source: createSourceKit(source) };
}

/** A query on one line, shortened: how a message names it. */
function abbreviate(document: string): string {
  const line = document.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}
