import type { Request } from 'express';
import type { z } from 'zod';
import { Errors, type FieldError } from './app-error';

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message }));
}

/**
 * Where a JSON document holds a key "__proto__" (JSON.parse makes it an own property), e.g.
 * `files.__proto__`. zod, like every object copy, silently drops such a key, so a submitted
 * file of that name would vanish instead of being refused.
 */
export function prototypeKeyPath(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return [...path, key].join('.');
    const found = prototypeKeyPath((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Typed data, or a 400 naming each field that is wrong. */
export function parseBody<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  if (req.body === undefined) throw Errors.unsupportedMediaType();
  const protoPath = prototypeKeyPath(req.body);
  if (protoPath) throw Errors.validation([{ path: protoPath, message: 'the key "__proto__" is not allowed' }]);
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) throw Errors.validation(fieldErrors(parsed.error));
  return parsed.data;
}

export function parseParams<S extends z.ZodType>(value: unknown, schema: S, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw Errors.notFound(what);
  return parsed.data;
}

/**
 * Typed query parameters, or a 400 naming each one that is wrong. A parameter given more than
 * once (`?limit=1&limit=2`, which the query parser turns into an array) is refused by name
 * rather than left to the schema, where a coercion could quietly accept `["5"]` as 5.
 */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const repeated = Object.entries(req.query as Record<string, unknown>)
    .filter(([, value]) => typeof value !== 'string')
    .map(([name]) => ({ path: name, message: 'given more than once; give it once' }));
  if (repeated.length > 0) throw Errors.validation(repeated, 'The query parameters are not valid; see errors.');
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) throw Errors.validation(fieldErrors(parsed.error), 'The query parameters are not valid; see errors.');
  return parsed.data;
}

/**
 * The request headers a route declares, typed, or a 400 naming each one that is wrong. Only the
 * declared names are read (case-insensitively), as strings.
 */
export function parseHeaders<S extends z.ZodObject>(req: Request, schema: S): z.infer<S> {
  const given = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, req.get(name)]));
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw Errors.validation(fieldErrors(parsed.error));
  return parsed.data;
}
