/**
 * The catalogue of malformed pieces the HTTP fuzzer puts into requests, by part of the request.
 * Each list runs from the plain to the strange: fast-check shrinks a failing case towards the
 * first entries, so the request it reports is the least strange one that still fails.
 */

const long = (n: number) => 'a'.repeat(n);

/** Path parameter values, as they go on the wire (already percent-encoded, or deliberately not). */
export const PATH_VALUES: readonly string[] = [
  'x',
  '0',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  '..%2F..%2Fetc%2Fpasswd',
  '%ZZ', // not a percent-escape: decodeURIComponent throws URIError
  '%',
  '%E0%A4%A', // a truncated UTF-8 sequence
  '%C0%AF', // an overlong encoding of "/"
  '%FF',
  '%00',
  '%0D%0A',
  '%C3%A9', // é
  '%F0%9F%92%A9', // an emoji
  '%ED%A0%80', // a lone surrogate encoded in UTF-8
  '__proto__',
  'constructor',
  'hasOwnProperty',
  "1'%20OR%20'1'%3D'1",
  '%3Cscript%3E',
  'a;b=c',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  long(300),
  long(6000),
];

/** Whole query strings (without "?"), on routes with or without query parameters. */
export const QUERY_STRINGS: readonly string[] = [
  'limit=2',
  'limit=1&limit=2',
  'limit[]=1',
  'limit[a]=1',
  'limit=-1',
  'limit=1e999',
  'limit=0x10',
  'limit=%ZZ',
  'cursor=%ZZ',
  'cursor=eyJjcmVhdGVkQXQiOjF9', // a cursor that decodes to JSON of the wrong shape
  'cursor=' + long(5000),
  'status=graded&status=error',
  'status=',
  '__proto__=1',
  '__proto__[admin]=1',
  'constructor=1',
  'user=not-a-uuid',
  'version=0',
  'version=1.5',
  'course=%00',
  'all=maybe',
  '&&&',
  '=',
  'a',
  '%',
  long(8000) + '=1',
];

/** Content-Type values: absent, right, almost right, wrong, and malformed. */
export const CONTENT_TYPES: ReadonlyArray<string | string[] | undefined> = [
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/JSON',
  'application/json; charset=utf-16',
  'application/json; charset=nope',
  'application/json; ;',
  'application/json, text/plain',
  ['application/json', 'text/plain'],
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/zip',
  'application/gzip',
  'application/merge-patch+json',
  '*/*',
  ';',
  long(2000),
];

/** Content-Encoding values; `gzip:valid` is replaced by a real gzip of the body, `*:garbage` by bytes that do not decompress. */
export const CONTENT_ENCODINGS: readonly string[] = ['identity', 'gzip:valid', 'gzip:garbage', 'deflate:garbage', 'br:garbage', 'compress', 'gzip, gzip', 'x-unknown'];

/** Cookie headers (replacing the persona's own, if any). */
export const COOKIES: ReadonlyArray<string | string[]> = [
  'grader_session=',
  'grader_session=hello',
  'grader_session=j:{"a":1}', // cookie-parser made an object of this
  'grader_session=j:[1,2]',
  'grader_session=j:"gr_ses_x"',
  'grader_session=%ZZ',
  'grader_session=a; grader_session=b',
  ['grader_session=a', 'grader_session=b'],
  '__proto__=x; constructor=y',
  'grader_session=' + long(8000),
  '=; ;;; =x',
];

/** Authorization headers (replacing the persona's own); `{token}` stands for the persona's token. */
export const AUTHORIZATIONS: ReadonlyArray<string | string[]> = [
  '',
  'Bearer',
  'Bearer ',
  'Bearer gr_tok_forged',
  'bearer {token}',
  'Bearer  {token}',
  'Bearer {token} extra',
  'Basic dXNlcjpwYXNz',
  'Bearer ' + long(8000),
  ['Bearer {token}', 'Bearer gr_tok_other'],
  'Bearer j:{"a":1}',
];

/** Other headers that handlers or middleware read. */
export const OTHER_HEADERS: ReadonlyArray<readonly [string, string | string[]]> = [
  ['x-csrf-token', 'gr_csrf_forged'],
  ['x-csrf-token', ['a', 'b']],
  ['idempotency-key', 'k'],
  ['idempotency-key', ['k1', 'k2']],
  ['idempotency-key', long(500)],
  ['idempotency-key', 'é'],
  ['x-request-id', '../../etc'],
  ['x-request-id', long(300)],
  ['x-request-id', ['a', 'b']],
  ['accept', 'application/xml'],
  ['accept', 'text/event-stream'],
  ['accept', ';;;'],
  ['accept-encoding', 'br;q=abc'],
  ['expect', '100-continue'],
  ['expect', 'teapot'],
  ['range', 'bytes=abc'],
  ['range', 'bytes=5-1'],
  ['if-none-match', '*'],
  ['if-modified-since', 'yesterday'],
  ['origin', 'null'],
  ['x-forwarded-for', '1.2.3.4, garbage'],
  ['content-language', long(3000)],
];

/** Methods beside each route's own (Node's parser refuses unknown ones itself). */
export const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'FROBNICATE'];

/** JSON texts put where a field's value goes, or as the whole body. */
export const ODD_JSON: readonly string[] = [
  'null',
  '[]',
  '{}',
  '""',
  '0',
  '-1',
  'true',
  '1e308',
  '-0',
  '9007199254740993',
  '1' + '0'.repeat(400),
  '"\\u0000"',
  '"\\ud800"', // a lone surrogate
  '"' + long(70_000) + '"',
  '["a","b"]',
  '{"__proto__":{"admin":true,"role":"admin"}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '[' + '['.repeat(3000) + ']'.repeat(3000) + ']',
  '{"a":' + '{"a":'.repeat(3000) + '1' + '}'.repeat(3000) + '}',
];

/** Whole bodies that are not JSON, or not the JSON the route takes. */
export const RAW_BODIES: ReadonlyArray<string | Buffer> = [
  '',
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  'NaN',
  '{"a":1,"a":2}',
  '\uFEFF{}',
  '\u0000',
  Buffer.from([0xff, 0xfe, 0xfd]), // not UTF-8
  'a=1&b=2',
  '['.repeat(100_000) + ']'.repeat(100_000),
  '{"x":"' + long(600 * 1024) + '"}', // over the 512 KiB JSON limit
];

/** Keys added to an object body. */
export const ODD_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', '', ' ', 'a'.repeat(1000), '\u0000'];
