import { z } from 'zod';
import { defineRoute } from '../route';
import { Health } from '../documents';

/** The service's own routes: health, and the API's documentation (generated from the route table). */
export const SERVICE_ROUTES = {
  health: defineRoute({
    method: 'get',
    path: '/healthz',
    access: 'public',
    tags: ['service'],
    summary: 'Is the service able to grade?',
    responses: {
      200: { description: 'The database and Redis answer (`ok`, or `degraded` when no worker can grade now).', schema: Health },
      503: {
        description: 'The database or Redis is down, or a canary grading is overdue (`stalled`); `checks` says which. Answered at once, with Retry-After.',
        schema: Health,
        headers: z.object({ 'Retry-After': z.string().meta({ description: 'Seconds to wait.' }) }),
      },
    },
  }),
  openApi: defineRoute({
    method: 'get',
    path: '/openapi.json',
    access: 'public',
    tags: ['service'],
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1', schema: z.looseObject({}) } },
  }),
  docs: defineRoute({
    method: 'get',
    path: '/docs',
    access: 'public',
    tags: ['service'],
    summary: 'This document as a web page (Swagger UI, served locally)',
    responses: { 200: { description: 'HTML', schema: z.string(), contentType: 'text/html' } },
  }),
} as const;
