import type { Request, RequestHandler, Response } from 'express';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { Access, ResponseBody, RouteInput, RouteSpec } from '@grader/contracts';
import { isUnder, oneLayer } from './one-layer';
import { parseBody, parseHeaders, parseParams, parseQuery } from './parse';

/** A route's handler: its inputs already parsed with the route's schemas, access already checked. */
export type Handler<S extends RouteSpec> = (input: RouteInput<S>, req: Request, res: Response) => void | Promise<void>;

/** A route of the table with the API's handler for it, and middleware that runs first (rate limits). */
export interface Served<S extends RouteSpec = RouteSpec> {
  spec: S;
  handle: Handler<S>;
  before: RequestHandler[];
}

/** Pairs a declared route with its handler (the handler is typed from the declaration). */
export function serve<S extends RouteSpec>(spec: S, handle: Handler<S>, before: RequestHandler[] = []): Served<S> {
  return { spec, handle, before };
}

/** Handlers for every route of a table: leaving one out is a type error, so every declared route is served. */
export type TableHandlers<T extends Record<string, RouteSpec>> = { [K in keyof T]: Served<T[K]> };

/** The guards of each access level (the worker secret is known only when the app is built). */
export type AccessGuards = Record<Access, RequestHandler[]>;

/** `/api/submissions/{id}` → `/api/submissions/:id`. */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * Sends a route's answer, its body typed from the route's response schema for that status.
 * Typing only: the schemas are checked against real answers by the end-to-end tests.
 *
 * The JSON goes out as one string with its Content-Length, as res.json would send it (no ETag:
 * app.ts), without Express's send: that turns a body of 1,000 characters or more into a Buffer,
 * which Node then writes beside the head as a second chunk, and checks freshness for a validator
 * the API never sets; a status read (about 1.4 kB) spent some 5 % of its requests/s there.
 * Node leaves the body out of an answer to HEAD; a Content-Type the handler set stays.
 */
export function respond<S extends RouteSpec, St extends keyof S['responses'] & number>(res: Response, spec: S, status: St, body: ResponseBody<S, St>): void {
  respondJsonText(res, spec, status, JSON.stringify(body));
}

/**
 * As respond, with the body's JSON text made already: by a route that keeps the text of a body
 * it serves again unchanged (routes/submissions.ts), made with JSON.stringify of a body of the
 * route's response type.
 */
export function respondJsonText<S extends RouteSpec, St extends keyof S['responses'] & number>(res: Response, _spec: S, status: St, text: string): void {
  res.statusCode = status;
  // A handler may have named a more precise JSON type (application/schema+json), as res.json kept.
  if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** The parsed inputs of a request for a route; a malformed path parameter is a 404, as an unknown id would be. */
function inputOf<S extends RouteSpec>(spec: S, req: Request): RouteInput<S> {
  const params = spec.params
    ? parseParams(req.params, spec.params, `${spec.resource ?? 'Resource'} "${Object.values(req.params).join('/')}"`)
    : {};
  const query = spec.query ? parseQuery(req, spec.query) : {};
  const body = bodyOf(spec, req);
  const headers = spec.headers ? parseHeaders(req, spec.headers) : {};
  return { params, query, body, headers } as RouteInput<S>;
}

/** A JSON body parsed with the route's schema (`{}` for a missing optional one); a body of another declared type as it came. */
function bodyOf(spec: RouteSpec, req: Request): unknown {
  if (!spec.body) return undefined;
  if (spec.bodyContentType) return req.body;
  if (req.body === undefined && spec.bodyRequired === false) return spec.body.parse({});
  return parseBody(req, spec.body);
}

/**
 * One Express layer serving every route given, each at its declared method and path behind the
 * guards of its access, then its own middleware, then its handler; each fenced prefix first
 * behind the guards of its access, whatever the path under it. Errors (thrown or rejected) go to
 * the app's one problem handler; a path no route serves goes on to the next layer.
 *
 * Routes are found in a radix tree (find-my-way, Fastify's router), not by Express's router,
 * which walks one layer per route (each a regular expression) and then one per guard of the
 * route found: a status read went through some twenty; measured with bench/api.ts, that walk
 * was ~8 % of a status read's requests/s. Matching is Express's: paths case-insensitive
 * (parameters keep their case), a trailing slash ignored, parameters percent-decoded (one that
 * does not decode matches nothing: a 404, as an unknown id); a GET route answers HEAD too.
 */
export function routerOf(routes: Served[], guards: AccessGuards, fences: Readonly<Record<string, Access>> = {}): RequestHandler {
  const table = FindMyWay({ caseSensitive: false, ignoreTrailingSlash: true });
  for (const { spec, handle, before } of routes) {
    const run: RequestHandler = (req, res, next) => {
      try {
        Promise.resolve(handle(inputOf(spec, req), req, res)).catch(next);
      } catch (err) {
        next(err);
      }
    };
    // The store carries the declared path: the access log's metrics label requests by route, never by raw path.
    table.on(spec.method.toUpperCase() as HTTPMethod, expressPath(spec.path), oneLayer(...guards[spec.access], ...before, run) as never, { path: spec.path });
  }
  const fenced = Object.entries(fences)
    .filter(([, access]) => guards[access].length > 0)
    .map(([prefix, access]) => ({ prefix, guard: oneLayer(...guards[access]) }));

  return (req, res, next) => {
    const path = req.path;
    const found = table.find(req.method as HTTPMethod, path) ?? (req.method === 'HEAD' ? table.find('GET', path) : null);
    if (found) req.routePattern = (found.store as { path: string }).path;
    const serve = (err?: unknown): void => {
      if (err !== undefined && err !== null) return next(err);
      if (!found) return next();
      req.params = { ...found.params } as Record<string, string>;
      (found.handler as unknown as RequestHandler)(req, res, next);
    };
    // The first fence only: FENCED_PREFIXES are disjoint (a nested one would need its guards chained here).
    const fence = fenced.find((f) => isUnder(path, f.prefix));
    if (fence) fence.guard(req, res, serve);
    else serve();
  };
}
