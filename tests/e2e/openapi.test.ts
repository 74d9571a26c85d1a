import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { buildApp, type AppDeps } from '../../api/src/app';
import { authoringRoutes } from '../../api/src/authoring/routes';
import type { AuthoringContext } from '../../api/src/authoring/context';
import * as R from '@grader/contracts';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';
import { request } from '../support/http';

const EXERCISE = 'sql-revenue-by-customer';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Layer {
  rawPath?: string | RegExp | unknown[];
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method and path the Express app routes, found by walking its router stack (mounted routers included). */
function expressRoutes(stack: Layer[], prefix = ''): string[] {
  const join = (a: string, b: string) => `${a}/${b}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  const found: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
        found.push(`${method} ${join(prefix, layer.route.path).replace(/:(\w+)/g, '{$1}')}`);
      }
    } else if (layer.handle?.stack) {
      if (typeof layer.rawPath !== 'string') throw new Error(`a router is mounted on a non-string path (${String(layer.rawPath)}): the walk cannot name its routes`);
      found.push(...expressRoutes(layer.handle.stack, join(prefix, layer.rawPath)));
    }
  }
  return found;
}

/** The app as main.ts builds it; routes are registered at build time, so stand-in dependencies do. */
function appRoutes(): string[] {
  const authoring = { routes: authoringRoutes({} as AuthoringContext) };
  const app = buildApp({ logger: pino({ level: 'silent' }), internalToken: 'x'.repeat(32), fairUse: { submissionsPerMinute: 1, queuedPerUser: 1, queueCapacity: 1 }, authoring } as unknown as AppDeps);
  return [...new Set(expressRoutes((app as unknown as { router: { stack: Layer[] } }).router.stack))].sort();
}

let pipeline: Pipeline;
let document: any;
beforeAll(async () => {
  pipeline = await startPipeline({ worker: false });
  const response = await request(pipeline.url, 'GET', '/openapi.json');
  expect(response.status).toBe(200);
  document = response.body;
});
afterAll(async () => {
  await pipeline?.close();
});

describe('the OpenAPI document at /openapi.json', () => {
  it('is valid OpenAPI 3.1 (checked by @seriousme/openapi-schema-validator, offline)', async () => {
    expect(document.openapi).toBe('3.1.0');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-')), 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(document));
    // Its own CLI, in a plain Node process: the package is ESM only, which jest's CommonJS runtime cannot load.
    const cli = path.join(REPO_ROOT, 'node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
    const run = await promisify(execFile)(process.execPath, [cli, file]).catch((err: { stdout: string }) => err);
    expect(JSON.parse(run.stdout)).toEqual({ valid: true });
  });

  it('documents every route the app serves except /internal and the web pages, and no route it does not serve', () => {
    // The web app's page route is a pattern (every path outside the API) that answers HTML, not an API route.
    const isWebPages = (route: string) => route.split(' ')[1]!.startsWith('/^');
    const served = appRoutes().filter((r) => !r.split(' ')[1]!.startsWith('/internal') && !isWebPages(r));
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, item]) => METHODS.filter((m) => m in item).map((m) => `${m} ${p}`))
      .sort();
    expect(served.length).toBeGreaterThanOrEqual(19);
    expect(documented).toEqual(served);
  });

  it('describes request bodies, query parameters, the problem+json errors and both ways to sign in', () => {
    const post = document.paths['/api/submissions'].post;
    const body = post.requestBody.content['application/json'].schema;
    expect(body.properties).toEqual(expect.objectContaining({ exercise: expect.any(Object), files: expect.any(Object), callbackUrl: expect.objectContaining({ format: 'uri' }) }));
    expect(body.required).toEqual(['exercise', 'files']);
    expect(post.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]);
    expect(post.responses['422'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(Object.keys(post.responses).sort()).toEqual(['202', '400', '401', '403', '409', '413', '415', '422', '429', '503']);
    const query = document.paths['/api/submissions'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(query).toEqual(['query:exercise', 'query:status', 'query:user', 'query:limit', 'query:cursor']);
    expect(document.paths['/api/submissions/{id}/events'].get.responses['200'].content).toHaveProperty(['text/event-stream']);
    expect(document.components.securitySchemes).toEqual({
      bearerToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'grader_session' }),
    });
    expect(document.paths['/healthz'].get.security).toEqual([]);
    expect(Object.keys(document.webhooks)).toEqual(['submission.graded', 'submission.error']);
  });
});

describe('answers match the documented schemas', () => {
  it('parses what each route really answers with the schema the document was generated from', async () => {
    const { admin, student } = pipeline;
    R.Health.parse((await request(pipeline.url, 'GET', '/healthz')).body);
    R.Me.parse((await student.request('GET', '/api/me')).body);
    R.items(R.UserView).parse((await admin.request('GET', '/api/users')).body);
    R.UserCreated.parse((await admin.request('POST', '/api/users', { username: 'schema-check', displayName: 'S', password: 'long enough password' })).body);
    const course = R.Course.parse((await admin.request('POST', '/api/courses', { name: 'Schemas 101' })).body);
    R.items(R.Course).parse((await admin.request('GET', '/api/courses')).body);
    R.Joined.parse((await request(pipeline.url, 'POST', '/api/join', { joinCode: course.joinCode, username: 'joined-one', displayName: 'J', password: 'long enough password' })).body);
    R.SessionOpened.parse((await request(pipeline.url, 'POST', '/api/session', { username: 'schema-check', password: 'long enough password' })).body);
    R.SessionInfo.parse((await student.request('GET', '/api/session')).body);
    R.items(R.ExerciseSummary).parse((await student.request('GET', '/api/exercises')).body);
    R.ExerciseDetail.parse((await student.request('GET', `/api/exercises/${EXERCISE}`)).body);
    const created = R.SubmissionAccepted.parse((await student.submit(EXERCISE, { 'query.sql': 'SELECT 1' })).body);
    R.SubmissionDocument.parse((await student.request('GET', `/api/submissions/${created.id}`)).body);
    R.SubmissionPage.parse((await student.request('GET', '/api/submissions')).body);
    R.items(R.WebhookAttemptView).parse((await student.request('GET', `/api/submissions/${created.id}/deliveries`)).body);
    R.Problem.parse((await student.request('POST', '/api/submissions', { exercise: EXERCISE, files: { '../x': '' } })).body);
  });
});

describe('the documentation page at /docs', () => {
  it('renders the document with Swagger UI served by the API itself, nothing from elsewhere', async () => {
    const page = await fetch(`${pipeline.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await page.text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const ref of references) {
      expect(ref).toMatch(/^\/docs\//);
      const asset = await fetch(`${pipeline.url}${ref}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript|css|png/);
    }
    const init = await (await fetch(`${pipeline.url}/docs/assets/init.js`)).text();
    expect(init).toContain("url: '/openapi.json'");
    expect(init).toContain('validatorUrl: null');
    // The package's demo page (which loads a remote petstore) is not served.
    expect((await fetch(`${pipeline.url}/docs/assets/index.html`)).status).toBe(404);
    expect((await fetch(`${pipeline.url}/docs/assets/swagger-initializer.js`)).status).toBe(404);
  });
});
