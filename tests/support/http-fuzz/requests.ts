import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import * as M from './mutations';
import { valueFor, type JsonSchema, type Known } from './schema-arbitrary';
import { describeRequest, type FuzzRequest, type Persona } from './send';

/** One route of the OpenAPI document, with what the fuzzer needs to build requests for it. */
export interface Operation {
  method: string;
  /** `/api/submissions/{id}` */
  template: string;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  queryParams: Array<{ name: string; schema: JsonSchema }>;
  headerParams: Array<{ name: string; schema: JsonSchema }>;
  jsonBody?: JsonSchema;
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema: JsonSchema;
}

/** Every operation of the document: new routes are fuzzed as soon as they are documented. */
export function operationsOf(document: { paths: Record<string, Record<string, any>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => {
        const params = (op.parameters ?? []) as OpenApiParameter[];
        const pick = (where: OpenApiParameter['in']) => params.filter((p) => p.in === where).map(({ name, schema }) => ({ name, schema }));
        return {
          method: method.toUpperCase(),
          template,
          pathParams: pick('path'),
          queryParams: pick('query'),
          headerParams: pick('header'),
          jsonBody: op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined,
        };
      }),
  );
}

/** Percent-encodes every byte of the UTF-8 form but the unreserved ones; never throws (lone surrogates become U+FFFD). */
function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** Mostly `usual`, sometimes one of `odd` (weights 1 in `1 + rarity`); shrinking goes back to `usual`. */
function mostly<T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>, rarity = 3): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: usual, weight: rarity }, { arbitrary: odd, weight: 1 });
}

const none = fc.constant(undefined);

interface Pieces {
  persona: Persona;
  method: string | undefined;
  params: Array<{ value: string; odd: boolean }>;
  query: string | undefined;
  validQuery: string;
  contentType: string | string[] | undefined;
  encoding: string | undefined;
  cookie: string | string[] | undefined;
  authorization: string | string[] | undefined;
  others: ReadonlyArray<readonly [string, string | string[]]>;
  headerParams: Record<string, string>;
  body: { bytes: Buffer; how: string } | undefined;
}

/** The body: a well-formed one most often, else one with a field, a key or the whole replaced. */
function bodyFor(op: Operation, known: Known, resolve: (ref: string) => JsonSchema): fc.Arbitrary<Pieces['body']> {
  const body = (text: string | Buffer, how: string) => ({ bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), how });
  const raw = fc.constantFrom(...M.RAW_BODIES).map((text) => body(text, 'raw body'));
  const odd = fc.constantFrom(...M.ODD_JSON).map((text) => body(text, 'odd JSON body'));
  if (!op.jsonBody) return mostly(none, fc.oneof(odd, raw), 6);
  const valid = valueFor(op.jsonBody, known, resolve);
  const keys = Object.keys(op.jsonBody.properties ?? {});
  const asObject = (value: unknown) => (typeof value === 'object' && value !== null ? { ...(value as object) } : {});
  const MARK = '"\u0001fuzz\u0001"';
  const withField = (value: unknown, key: string, json: string) => JSON.stringify({ ...asObject(value), [key]: '\u0001fuzz\u0001' }).replace(MARK, json);
  return fc.oneof(
    { arbitrary: valid.map((value) => body(JSON.stringify(value), 'schema body')), weight: 5 },
    {
      arbitrary: fc.tuple(valid, fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), fc.constantFrom(...M.ODD_JSON)).map(([value, key, json]) => body(withField(value, key, json), `field ${key} = ${json.slice(0, 40)}`)),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(valid, fc.constantFrom(...M.ODD_KEYS), fc.constantFrom(...M.ODD_JSON)).map(([value, key, json]) => body(withField(value, key, json), `extra key ${JSON.stringify(key.slice(0, 20))}`)),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(valid, fc.constantFrom(...(keys.length > 0 ? keys : ['x']))).map(([value, key]) => {
        const object: Record<string, unknown> = asObject(value);
        delete object[key];
        return body(JSON.stringify(object), `without ${key}`);
      }),
      weight: 1,
    },
    { arbitrary: odd, weight: 1 },
    { arbitrary: raw, weight: 1 },
  );
}

function piecesFor(op: Operation, known: Known, resolve: (ref: string) => JsonSchema): fc.Arbitrary<Pieces> {
  const param = (schema: JsonSchema) =>
    fc.oneof(
      { arbitrary: valueFor(schema, known, resolve).map((v) => ({ value: percentEncode(String(v)), odd: false })), weight: 3 },
      { arbitrary: fc.constantFrom(...M.PATH_VALUES).map((value) => ({ value, odd: true })), weight: 2 },
      { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).map((s) => ({ value: percentEncode(s), odd: true })), weight: 1 },
    );
  const validQuery = fc
    .record(Object.fromEntries(op.queryParams.map((p) => [p.name, valueFor(p.schema, known, resolve)])), { requiredKeys: [] })
    .map((values) => Object.entries(values).map(([k, v]) => `${percentEncode(k)}=${percentEncode(String(v))}`).join('&'));
  const repeated = op.queryParams.length > 0 ? [fc.constantFrom(...op.queryParams.map((p) => p.name)).map((n) => `${n}=1&${n}=2`)] : [];
  return fc.record({
    persona: fc.constantFrom<Persona>('anonymous', 'student', 'instructor', 'admin', 'browser'),
    method: mostly(none, fc.constantFrom(...M.METHODS), 6),
    params: fc.tuple(...op.pathParams.map((p) => param(p.schema))),
    query: mostly(none, fc.oneof(fc.constantFrom(...M.QUERY_STRINGS), ...repeated), 4),
    validQuery,
    contentType: op.jsonBody ? mostly(fc.constant('application/json'), fc.constantFrom(...M.CONTENT_TYPES)) : mostly(none, fc.constantFrom(...M.CONTENT_TYPES), 6),
    encoding: mostly(none, fc.constantFrom(...M.CONTENT_ENCODINGS), 8),
    cookie: mostly(none, fc.constantFrom(...M.COOKIES), 8),
    authorization: mostly(none, fc.constantFrom(...M.AUTHORIZATIONS), 8),
    others: mostly(fc.constant<Pieces['others']>([]), fc.array(fc.constantFrom(...M.OTHER_HEADERS), { minLength: 1, maxLength: 2 }), 6),
    headerParams: fc.record(Object.fromEntries(op.headerParams.map((p) => [p.name.toLowerCase(), valueFor(p.schema, known, resolve).map(String)])), { requiredKeys: [] }),
    body: bodyFor(op, known, resolve),
  }) as fc.Arbitrary<Pieces>;
}

/** Puts the pieces together into the request as it goes on the wire. */
function build(op: Operation, p: Pieces): FuzzRequest {
  const mutations: string[] = [];
  let i = 0;
  const path = op.template.replace(/\{[^}]+\}/g, () => {
    const param = p.params[i++]!;
    if (param.odd) mutations.push(`path ${param.value.slice(0, 30)}`);
    return param.value;
  });
  const query = p.query ?? p.validQuery;
  if (p.query !== undefined) mutations.push(`query ${p.query.slice(0, 30)}`);
  const headers: Record<string, string | string[]> = { ...p.headerParams };
  const set = (name: string, value: string | string[] | undefined, note: string) => {
    if (value === undefined) return;
    headers[name] = value;
    mutations.push(note);
  };
  if (p.contentType === 'application/json') headers['content-type'] = p.contentType;
  else set('content-type', p.contentType, `content-type ${String(p.contentType).slice(0, 30)}`);
  set('cookie', p.cookie, 'cookie');
  set('authorization', p.authorization, 'authorization');
  for (const [name, value] of p.others) set(name, value, `${name} header`);
  let body = p.body?.bytes;
  if (p.body && p.body.how !== 'schema body') mutations.push(p.body.how);
  if (p.encoding !== undefined) {
    const [name = '', kind] = p.encoding.split(':');
    set('content-encoding', name, `content-encoding ${p.encoding}`);
    if (kind === 'valid') body = gzipSync(body ?? Buffer.alloc(0));
    if (kind === 'garbage') body = Buffer.from('this is not compressed at all');
  }
  if (p.method !== undefined && p.method !== op.method) mutations.push(`method ${p.method}`);
  const request: FuzzRequest = { persona: p.persona, method: p.method ?? op.method, path: query ? `${path}?${query}` : path, headers, body, mutations };
  // What fast-check prints for a counterexample: the request as a person reads it, long values cut.
  Object.defineProperty(request, fc.toStringMethod, { value: () => `\n${describeRequest(request)}\n`, enumerable: false });
  return request;
}

/** Requests for every operation, each a well-formed one with some of the catalogue's mutations. */
export function fuzzRequests(operations: Operation[], known: Known, resolve: (ref: string) => JsonSchema): fc.Arbitrary<FuzzRequest> {
  // Routes that take a body weigh more: they have the most to get wrong (and the most to store).
  return fc.oneof(...operations.map((op) => ({ arbitrary: piecesFor(op, known, resolve).map((pieces) => build(op, pieces)), weight: op.jsonBody ? 3 : 1 })));
}
