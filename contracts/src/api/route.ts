import type { z } from 'zod';
import type { ErrorCode } from './errors';

/**
 * Who may call a route. `public`: anyone; `signed-in`: any user (token or session);
 * `staff`: instructors and admins; `admin`: admins; `worker`: the workers' shared secret
 * (internal routes, left out of the public document); `metrics`: the scraper's own token
 * (GRADER_METRICS_TOKEN), which opens nothing else.
 */
export type Access = 'public' | 'signed-in' | 'staff' | 'admin' | 'worker' | 'metrics';

/** One answer a route may give: its description, and its body's schema and media type when it has one. */
export interface ResponseSpec {
  description: string;
  /** The body's schema; none for an empty answer (204, a redirect). */
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  /** Response headers worth documenting (Location, Retry-After, …), as a zod object of strings. */
  headers?: z.ZodObject;
  /** An example body, documented beside the media type (e.g. a stream's text). */
  example?: unknown;
}

/**
 * One route of the API, declared once: the API registers its handler from this declaration
 * (access checked, params/query/body parsed with these schemas before the handler runs) and
 * the OpenAPI document is generated from it. Paths use OpenAPI's `{name}` for parameters.
 */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: `/${string}`;
  access: Access;
  tags: readonly string[];
  summary: string;
  description?: string;
  /** Path parameters; a value that does not parse answers 404 naming `resource`. */
  params?: z.ZodObject;
  /** What a 404 from a malformed or unknown path parameter calls the resource, e.g. `Submission`. */
  resource?: string;
  query?: z.ZodObject;
  /** A JSON body (parsed), or a raw body of another media type (left to the handler, documented here). */
  body?: z.ZodType;
  /**
   * The media type(s) of a body left to the handler. Several: `application/json` among them is
   * documented with `body`, each other one as binary (e.g. JSON files or an archive upload).
   */
  bodyContentType?: string | readonly string[];
  /** What the body is, when its schema says too little (documented on the request body). */
  bodyDescription?: string;
  /** `false`: a request without a body is taken as `{}` (parsed with `body`, defaults applied). Default true. */
  bodyRequired?: boolean;
  /** Request headers the route reads (e.g. Idempotency-Key): documented, and parsed like the query (400 naming the header). */
  headers?: z.ZodObject;
  responses: Readonly<Record<number, ResponseSpec>>;
  /**
   * The error codes the route itself may answer, beyond those its access and body imply
   * (unauthorized, forbidden, csrf_token_invalid, validation_failed, malformed_json, …).
   */
  errors?: readonly ErrorCode[];
  /** What an error code means on this route, where the catalogue's general meaning says too little. */
  errorNotes?: Partial<Record<ErrorCode, string>>;
}

/** Keeps a route's literal types (for typed handlers) while checking it against RouteSpec. */
export function defineRoute<const S extends RouteSpec>(spec: S): S {
  return spec;
}

/** Parsed inputs of a route, as its handler receives them. */
export interface RouteInput<S extends RouteSpec> {
  params: S['params'] extends z.ZodObject ? z.output<S['params']> : Record<string, never>;
  query: S['query'] extends z.ZodObject ? z.output<S['query']> : Record<string, never>;
  body: S['body'] extends z.ZodType ? (S['bodyContentType'] extends string | readonly string[] ? unknown : z.output<S['body']>) : undefined;
  headers: S['headers'] extends z.ZodObject ? z.output<S['headers']> : Record<string, never>;
}

/** The body a route answers with a given status, typed from its response schema. */
export type ResponseBody<S extends RouteSpec, Status extends keyof S['responses']> = S['responses'][Status] extends { schema: infer B extends z.ZodType }
  ? z.input<B>
  : never;

/** The error codes every route with this access may answer without listing them. */
export function impliedErrors(spec: Pick<RouteSpec, 'access' | 'method' | 'body' | 'bodyContentType' | 'bodyRequired' | 'query' | 'params' | 'headers'>): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (spec.access !== 'public') codes.push('unauthorized');
  if (spec.access === 'staff' || spec.access === 'admin') codes.push('forbidden');
  if (spec.access !== 'public' && spec.access !== 'worker' && spec.access !== 'metrics' && spec.method !== 'get') codes.push('csrf_token_invalid');
  if (spec.body && !spec.bodyContentType) codes.push('validation_failed', 'malformed_json', 'payload_too_large');
  // A body that may be left out: a request whose body is not JSON is taken as one without a body.
  if (spec.body && !spec.bodyContentType && spec.bodyRequired !== false) codes.push('unsupported_media_type');
  if ((spec.query || spec.headers) && !codes.includes('validation_failed')) codes.push('validation_failed');
  if (spec.params) codes.push('not_found');
  return codes;
}

/** A table of routes, each under a name its handler is registered by. */
export type RouteTable = Readonly<Record<string, RouteSpec>>;

/** Method and path of a route, e.g. `get /api/submissions/{id}`: what is unique in a table. */
export function routeKey(spec: Pick<RouteSpec, 'method' | 'path'>): string {
  return `${spec.method} ${spec.path}`;
}
