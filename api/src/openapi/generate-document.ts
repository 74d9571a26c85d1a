import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { API_ROUTES, carriesRetryAfter, ERROR_CATALOGUE, ERROR_CODES, impliedErrors, Problem, type ErrorCode, type RouteSpec } from '@grader/contracts';
import { SESSION_COOKIE } from '../auth/authenticate';
import { documentInfo, DOCUMENT_TAGS, registerWebhooks } from './document-info';

const PROBLEM_TYPE = 'application/problem+json';
const retryAfter = z.object({ 'Retry-After': z.string().meta({ description: 'Seconds to wait.' }) });

/** Every error code a route may answer (its own and those its access and inputs imply), in catalogue order. */
export function errorCodesOf(spec: RouteSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>([...(spec.errors ?? []), ...impliedErrors(spec)]);
  return ERROR_CODES.filter((code) => codes.has(code));
}

/** The route's error answers, by status: problem+json, each code named with what it means here; Retry-After on 429 and 503. */
function problemResponses(spec: RouteSpec): Record<number, ResponseConfig> {
  const byStatus = new Map<number, { lines: string[]; retry: boolean }>();
  for (const code of errorCodesOf(spec)) {
    const { status, meaning } = ERROR_CATALOGUE[code];
    const entry = byStatus.get(status) ?? { lines: [], retry: false };
    entry.lines.push(`\`${code}\`: ${spec.errorNotes?.[code] ?? meaning}`);
    entry.retry ||= carriesRetryAfter(code);
    byStatus.set(status, entry);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, { lines, retry }]) => [
      status,
      { description: lines.join('; '), ...(retry ? { headers: retryAfter } : {}), content: { [PROBLEM_TYPE]: { schema: Problem } } },
    ]),
  );
}

function successResponses(spec: RouteSpec): Record<number, ResponseConfig> {
  return Object.fromEntries(
    Object.entries(spec.responses).map(([status, answer]) => [
      status,
      {
        description: answer.description,
        ...(answer.headers ? { headers: answer.headers } : {}),
        ...(answer.schema
          ? { content: { [answer.contentType ?? 'application/json']: { schema: answer.schema, ...(answer.example === undefined ? {} : { example: answer.example }) } } }
          : {}),
      },
    ]),
  );
}

/** A raw (non-JSON) request body, as OpenAPI names one. */
const BINARY = { type: 'string' as const, format: 'binary' };

/** The request body: JSON and forms described by its schema, each other declared media type as binary. */
function requestBody(spec: RouteSpec, schema: z.ZodType) {
  const types = spec.bodyContentType === undefined ? ['application/json'] : [spec.bodyContentType].flat();
  return {
    required: spec.bodyRequired !== false,
    ...(spec.bodyDescription ? { description: spec.bodyDescription } : {}),
    // A form's fields are described like a JSON body's (OpenAPI 3.1 §4.8.14.4); other types as bytes.
    content: Object.fromEntries(types.map((type) => [type, { schema: type === 'application/json' || type === 'application/x-www-form-urlencoded' ? schema : BINARY }])),
  };
}

/** One declared route as the document describes it; security follows from its access. */
function routeConfig(spec: RouteSpec, signedIn: RouteConfig['security']): RouteConfig {
  const successes = successResponses(spec);
  const problems = problemResponses(spec);
  const clash = Object.keys(problems).find((status) => status in successes);
  if (clash) throw new Error(`${spec.method} ${spec.path}: status ${clash} is declared both as an answer and as an error`);
  return {
    method: spec.method,
    path: spec.path,
    tags: [...spec.tags],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    security: spec.access === 'public' ? [] : signedIn,
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.headers ? { headers: spec.headers } : {}),
      ...(spec.body ? { body: requestBody(spec, spec.body) } : {}),
    },
    responses: { ...successes, ...problems },
  };
}

/**
 * The OpenAPI 3.1 document of the public API, generated from the route table: every route
 * but the workers' (access `worker`), with the schemas that validate its requests and
 * describe its answers, and its error codes from the catalogue.
 */
export function buildOpenApiDocument(version: string, routes: readonly RouteSpec[] = Object.values(API_ROUTES)) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (`gr_tok_…`): from POST /api/users, POST /api/join, or data/admin-token on first start.',
  });
  const cookie = registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The browser session from POST /api/session. Requests that change something must also send `X-CSRF-Token`.',
  });
  const metrics = registry.registerComponent('securitySchemes', 'metricsToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The deployment\'s GRADER_METRICS_TOKEN, for a Prometheus scraper; it opens /metrics and nothing else.',
  });
  const signedIn = [{ [bearer.name]: [] }, { [cookie.name]: [] }];
  const scraper = [{ [metrics.name]: [] }];
  for (const spec of routes) if (spec.access !== 'worker') registry.registerPath(routeConfig(spec, spec.access === 'metrics' ? scraper : signedIn));
  registerWebhooks(registry);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: documentInfo(version),
    servers: [{ url: '/' }],
    security: signedIn,
    tags: DOCUMENT_TAGS,
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
