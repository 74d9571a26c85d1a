import type { Request } from 'express';
import type { z } from 'zod';
import { Errors, type FieldError } from './app-error';

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message }));
}

/** Typed data, or a 400 naming each field that is wrong. */
export function parseBody<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  if (req.body === undefined) throw Errors.unsupportedMediaType();
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) throw Errors.validation(fieldErrors(parsed.error));
  return parsed.data;
}

export function parseParams<S extends z.ZodType>(value: unknown, schema: S, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw Errors.notFound(what);
  return parsed.data;
}

/** Typed query parameters, or a 400 naming each one that is wrong. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) throw Errors.validation(fieldErrors(parsed.error), 'The query parameters are not valid; see errors.');
  return parsed.data;
}
