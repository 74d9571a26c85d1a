import type { RequestHandler } from 'express';

/**
 * Middleware run in order as one layer of Express's stack: the first error (or a handler that
 * answers without calling next) ends the chain, as in separate layers. Each layer Express walks
 * costs its dispatch (path matching, parameter processing, the next() machinery): the six
 * app-wide middleware the API had as separate layers took some 12 % of a status read's
 * requests/s (bench/api.ts, each taken out in turn). A rejected promise of an async middleware
 * goes to the error handler, as from a layer of its own. Not for `next('route')` or
 * `next('router')`, which no handler here uses.
 */
export function oneLayer(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let i = 0;
    const step = (err?: unknown): void => {
      if (err !== undefined && err !== null) return next(err);
      const handler = handlers[i++];
      if (!handler) return next();
      try {
        // An async middleware's rejection goes to the error handler, as Express 5 does for a layer.
        const returned: unknown = handler(req, res, step);
        if (returned instanceof Promise) returned.catch((rejected: unknown) => next(rejected ?? new Error('middleware rejected')));
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}

/** Whether `path` is `prefix` or under it, in any case, as Express's `use(prefix)` matches. */
export function isUnder(path: string, prefix: string): boolean {
  const lower = path.toLowerCase();
  const wanted = prefix.toLowerCase();
  return lower === wanted || (lower.startsWith(wanted) && lower[wanted.length] === '/');
}

/**
 * `handlers` as one layer (oneLayer) for a path at or under `prefix`, passed over for any other:
 * `app.use(prefix, …)` without Express's rewriting of `req.url` and `req.baseUrl` around the
 * layer (the handlers see the whole path), which every API request paid on the way in.
 */
export function atPrefix(prefix: string, ...handlers: RequestHandler[]): RequestHandler {
  const layer = oneLayer(...handlers);
  return (req, res, next) => (isUnder(req.path, prefix) ? layer(req, res, next) : next());
}
