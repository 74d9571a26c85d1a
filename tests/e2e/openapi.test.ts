import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { API_ROUTES, ERROR_CATALOGUE, FENCED_PREFIXES, routeKey, type RouteSpec } from '@grader/contracts';
import * as R from '@grader/contracts';
import { errorCodesOf } from '../../api/src/openapi/generate-document';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';
import { request } from '../support/http';
import { END, README, START, withErrorTable } from '../../scripts/docs-errors';

const EXERCISE = 'sql-revenue-by-customer';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A value for each path parameter of the table that parses, so a request reaches its route's handler. */
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const PLACEHOLDERS: Record<string, string> = { id: NO_SUCH_ID, courseId: NO_SUCH_ID, assignmentId: NO_SUCH_ID, userId: NO_SUCH_ID, slug: 'no-such-exercise', hash: 'a'.repeat(64) };

/** The path of a declared route with its parameters filled in. */
function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in PLACEHOLDERS)) throw new Error(`no placeholder for the path parameter {${name}} of ${path}`);
    return PLACEHOLDERS[name]!;
  });
}

const TABLE = Object.values(API_ROUTES) as RouteSpec[];

let pipeline: Pipeline;
let document: any;
beforeAll(async () => {
  pipeline = await startPipeline({ worker: false, env: { GRADER_METRICS_TOKEN: 'm'.repeat(40) } });
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

  it('documents every route of the table but the workers’, and nothing else', () => {
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, item]) => METHODS.filter((m) => m in item).map((m) => `${m} ${p}`))
      .sort();
    const declared = TABLE.filter((spec) => spec.access !== 'worker').map(routeKey);
    expect(declared.length).toBeGreaterThanOrEqual(19);
    expect(documented).toEqual([...declared].sort());
  });

  it('lists each route’s error codes under their status, with the catalogue’s meaning or the route’s note', () => {
    for (const spec of TABLE.filter((s) => s.access !== 'worker')) {
      const responses = document.paths[spec.path][spec.method].responses as Record<string, { description: string }>;
      for (const code of errorCodesOf(spec)) {
        const status = String(ERROR_CATALOGUE[code].status);
        expect({ route: routeKey(spec), status, description: responses[status]?.description }).toEqual({
          route: routeKey(spec),
          status,
          description: expect.stringContaining(`\`${code}\`: ${spec.errorNotes?.[code] ?? ERROR_CATALOGUE[code].meaning}`),
        });
      }
    }
  });

  it('describes request bodies, query parameters, the problem+json errors and both ways to sign in', () => {
    const post = document.paths['/api/submissions'].post;
    const body = post.requestBody.content['application/json'].schema;
    expect(body.properties).toEqual(expect.objectContaining({ exercise: expect.any(Object), files: expect.any(Object), callbackUrl: expect.objectContaining({ format: 'uri' }) }));
    expect(body.required).toEqual(['exercise', 'files']);
    expect(post.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]);
    expect(post.responses['422'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(Object.keys(post.responses).sort()).toEqual(['202', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503']);
    const query = document.paths['/api/submissions'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(query).toEqual(['query:exercise', 'query:status', 'query:user', 'query:limit', 'query:cursor']);
    expect(document.paths['/api/submissions/{id}/events'].get.responses['200'].content).toHaveProperty(['text/event-stream']);
    expect(document.components.securitySchemes).toEqual({
      bearerToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'grader_session' }),
      metricsToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(document.paths['/metrics'].get.security).toEqual([{ metricsToken: [] }]);
    expect(document.paths['/healthz'].get.security).toEqual([]);
    expect(Object.keys(document.webhooks)).toEqual(['submission.graded', 'submission.error']);
  });
});

describe('the route table', () => {
  it('names each method and path once', () => {
    const keys = TABLE.map(routeKey);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('is served: every route answers through the real app, anonymously and as a caller its access admits, never route_not_found', async () => {
    const admitted = (spec: RouteSpec): Record<string, string> =>
      spec.access === 'public'
        ? {}
        : { authorization: `Bearer ${spec.access === 'worker' ? pipeline.config.internalToken : spec.access === 'metrics' ? pipeline.config.metricsToken : pipeline.admin.token}` };
    for (const spec of TABLE) {
      for (const caller of ['anonymous', 'admitted'] as const) {
        const response = await request(pipeline.url, spec.method.toUpperCase(), concretePath(spec.path), undefined, caller === 'admitted' ? admitted(spec) : {});
        const answer = { route: routeKey(spec), caller, status: response.status, code: response.body?.code };
        // Its own answer or one of its documented codes; and once admitted, the handler's (not the guard's) answer.
        const declared = response.status in spec.responses || errorCodesOf(spec).includes(answer.code);
        const refusedByGuard = caller === 'admitted' && ['unauthorized', 'forbidden'].includes(answer.code);
        expect({ ...answer, declared, refusedByGuard }).toEqual({ ...answer, declared: true, refusedByGuard: false });
      }
    }
  });

  it('fences a prefix only where every route under it needs at least the fence’s access', () => {
    const rank = { public: 0, 'signed-in': 1, staff: 2, admin: 3, worker: 4, metrics: 4 } as const;
    for (const [prefix, access] of Object.entries(FENCED_PREFIXES)) {
      const under = TABLE.filter((spec) => spec.path === prefix || spec.path.startsWith(`${prefix}/`));
      expect(under.length).toBeGreaterThan(0);
      for (const spec of under) expect({ route: routeKey(spec), access: spec.access, weaker: rank[spec.access] < rank[access] }).toEqual({ route: routeKey(spec), access: spec.access, weaker: false });
    }
  });
});

describe('the error catalogue', () => {
  it('is the README’s error table, code for code (npm run docs:errors writes it)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    expect(withErrorTable(readme)).toBe(readme);
    const listed = [...readme.slice(readme.indexOf(START), readme.indexOf(END)).matchAll(/^\| `(\w+)` \| (\d+) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(listed).toEqual(R.ERROR_CODES.map((code) => `${code} ${ERROR_CATALOGUE[code].status}`));
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
