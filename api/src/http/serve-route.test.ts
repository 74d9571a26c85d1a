import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { z } from 'zod';
import type { RouteSpec } from '@grader/contracts';
import { respond, routerOf, serve, type AccessGuards, type Served } from './serve-route';

const spec = (method: RouteSpec['method'], path: RouteSpec['path'], access: RouteSpec['access'] = 'public', params?: z.ZodObject): RouteSpec => ({
  method,
  path,
  access,
  params,
  resource: 'Thing',
  tags: [],
  summary: path,
  responses: { 200: { description: 'ok' } },
});

/** Guards that record that they ran; `signed-in` refuses a request without `x-user`. */
const guardsSeen: string[] = [];
const guard =
  (name: string, refuse = false): RequestHandler =>
  (req, _res, next) => {
    guardsSeen.push(name);
    next(refuse && !req.get('x-user') ? Object.assign(new Error('refused'), { status: 401 }) : undefined);
  };
const guards = { public: [], 'signed-in': [guard('signed-in', true)], staff: [guard('staff', true)], worker: [guard('worker', true)] } as unknown as AccessGuards;

function appWith(routes: Served[], fences: Record<string, RouteSpec['access']> = {}) {
  const app = express();
  app.use(routerOf(routes, guards, fences));
  app.use((_req, res) => void res.status(404).json({ notFound: true }));
  app.use(((err: Error & { status?: number }, _req, res, _next) => void res.status(err.status ?? 500).json({ error: err.message })) as express.ErrorRequestHandler);
  return app;
}

const Id = z.object({ id: z.string().regex(/^[a-z0-9 ]+$/i) });
const routes = [
  serve(spec('get', '/things/{id}', 'signed-in', Id), ({ params }, _req, res) => void res.json({ id: params.id })),
  serve(spec('post', '/things/{id}/touch', 'signed-in', Id), ({ params }, _req, res) => void res.json({ touched: params.id })),
  serve(spec('get', '/health'), (_input, _req, res) => void res.json({ ok: true })),
  serve(spec('get', '/boom'), () => {
    throw new Error('boom');
  }),
] as Served[];

beforeEach(() => (guardsSeen.length = 0));

describe('routerOf (the API table in one layer)', () => {
  it('serves a route at its method and path, with its parameters parsed and percent-decoded', async () => {
    const res = await request(appWith(routes)).get('/things/a%20B1').set('x-user', 'u');
    expect(res.body).toEqual({ id: 'a B1' });
  });

  it('matches paths as Express did: any case (parameters keep theirs) and a trailing slash', async () => {
    expect((await request(appWith(routes)).get('/THINGS/AbC/').set('x-user', 'u')).body).toEqual({ id: 'AbC' });
    expect((await request(appWith(routes)).get('/Health')).body).toEqual({ ok: true });
  });

  it('answers HEAD with a GET route', async () => {
    const res = await request(appWith(routes)).head('/health');
    expect(res.status).toBe(200);
  });

  it('passes on to the next layer a path or method no route serves, and a parameter that does not decode', async () => {
    expect((await request(appWith(routes)).get('/nothing')).body).toEqual({ notFound: true });
    expect((await request(appWith(routes)).delete('/health')).body).toEqual({ notFound: true });
    expect((await request(appWith(routes)).get('/things/%E0%A4%A').set('x-user', 'u')).body).toEqual({ notFound: true });
  });

  it('runs the guards of the route access before its handler, and an error of a guard or handler goes to the error handler', async () => {
    expect((await request(appWith(routes)).get('/things/x')).status).toBe(401);
    expect(guardsSeen).toEqual(['signed-in']);
    expect((await request(appWith(routes)).get('/boom')).body).toEqual({ error: 'boom' });
  });

  it('guards a fenced prefix whatever the path under it, a path no route serves included, and only under it', async () => {
    const app = appWith(routes, { '/things': 'staff' });
    expect((await request(app).get('/things/nothing/here')).status).toBe(401);
    expect((await request(app).get('/Things')).status).toBe(401);
    expect((await request(app).get('/thingsmore')).body).toEqual({ notFound: true });
    guardsSeen.length = 0;
    expect((await request(app).get('/things/x').set('x-user', 'u')).body).toEqual({ id: 'x' });
    expect(guardsSeen).toEqual(['staff', 'signed-in']);
  });

  it('answers a malformed parameter with the route 404 naming the resource, as an unknown one', async () => {
    const res = await request(appWith(routes)).get('/things/a-b').set('x-user', 'u');
    expect(res.status).toBe(404);
  });
});

describe('respond', () => {
  const answering = (before?: (res: express.Response) => void) => {
    const app = express();
    app.get('/', (_req, res) => {
      before?.(res);
      respond(res, spec('get', '/'), 200 as never, { text: 'é'.repeat(600) } as never);
    });
    return app;
  };

  it('sends the JSON with its status, type and length in bytes', async () => {
    const res = await request(answering()).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify({ text: 'é'.repeat(600) })));
    expect(res.body).toEqual({ text: 'é'.repeat(600) });
  });

  it('keeps a JSON type the handler named, and sends no body to HEAD', async () => {
    expect((await request(answering((res) => res.type('application/schema+json'))).get('/')).headers['content-type']).toMatch(/^application\/schema\+json/);
    const head = await request(answering()).head('/');
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
  });
});
