import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { AUTHORING_ROUTES, ERROR_CATALOGUE, impliedErrors, type ErrorCode, type RouteSpec } from '@grader/contracts';

interface Helpers {
  problems(byStatus: Record<number, string>): Record<string, ResponseConfig>;
  signedIn: RouteConfig['security'];
  open: RouteConfig['security'];
}

/** A raw (non-JSON) request body, as OpenAPI names one. */
const BINARY = { type: 'string' as const, format: 'binary' };

/** The error codes a route may answer, by status, each with what it means there. */
function errorsByStatus(spec: RouteSpec): Record<number, string> {
  const codes = [...new Set<ErrorCode>([...impliedErrors(spec), ...(spec.errors ?? [])])];
  const byStatus: Record<number, string[]> = {};
  for (const code of codes) {
    const note = spec.errorNotes?.[code];
    (byStatus[ERROR_CATALOGUE[code].status] ??= []).push(note ? `\`${code}\` (${note})` : `\`${code}\``);
  }
  return Object.fromEntries(Object.entries(byStatus).map(([status, described]) => [status, described.join(', ')]));
}

function requestOf(spec: RouteSpec): RouteConfig['request'] {
  const types = spec.bodyContentType === undefined ? ['application/json'] : [spec.bodyContentType].flat();
  const body = spec.body && {
    required: spec.bodyRequired !== false,
    ...(spec.bodyDescription ? { description: spec.bodyDescription } : {}),
    content: Object.fromEntries(types.map((type) => [type, { schema: type === 'application/json' ? spec.body! : BINARY }])),
  };
  const request = { params: spec.params, query: spec.query, headers: spec.headers, body };
  const given = Object.entries(request).filter(([, value]) => value !== undefined);
  return given.length > 0 ? Object.fromEntries(given) : undefined;
}

function responsesOf(spec: RouteSpec): Record<string, ResponseConfig> {
  return Object.fromEntries(
    Object.entries(spec.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema } } } : {}),
        ...(r.headers ? { headers: r.headers } : {}),
      },
    ]),
  );
}

/** A declared route as zod-to-openapi registers it: security from its access, errors by status from its codes. */
export function routeConfig(spec: RouteSpec, { problems, signedIn, open }: Helpers): RouteConfig {
  const request = requestOf(spec);
  return {
    method: spec.method,
    path: spec.path,
    tags: [...spec.tags],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    security: spec.access === 'public' ? open : signedIn,
    ...(request ? { request } : {}),
    responses: { ...responsesOf(spec), ...problems(errorsByStatus(spec)) },
  };
}

/**
 * The exercise-authoring routes of the OpenAPI document, generated from their declarations in
 * AUTHORING_ROUTES (until the document is generated from the whole route table).
 */
export function authoringPaths(helpers: Helpers): RouteConfig[] {
  return Object.values(AUTHORING_ROUTES).map((spec) => routeConfig(spec, helpers));
}
