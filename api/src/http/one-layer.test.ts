import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { oneLayer } from './one-layer';

function appWith(layer: RequestHandler) {
  const app = express();
  app.use(layer);
  app.get('/', (_req, res) => void res.json({ reached: true, seen: res.locals.seen ?? [] }));
  app.use(((err, _req, res, _next) => void res.status(418).json({ error: String((err as Error).message) })) as express.ErrorRequestHandler);
  return app;
}

const mark =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.seen = [...((res.locals.seen as string[] | undefined) ?? []), name];
    next();
  };

describe('oneLayer', () => {
  it('runs the middleware in order, then what follows the layer', async () => {
    const res = await request(appWith(oneLayer(mark('a'), mark('b'), mark('c')))).get('/');
    expect(res.body).toEqual({ reached: true, seen: ['a', 'b', 'c'] });
  });

  it('goes on after a middleware that calls next later', async () => {
    const later: RequestHandler = (_req, _res, next) => void setTimeout(next, 5);
    const res = await request(appWith(oneLayer(mark('a'), later, mark('b')))).get('/');
    expect(res.body).toEqual({ reached: true, seen: ['a', 'b'] });
  });

  it('stops at the first error, passed on or thrown, as separate layers would', async () => {
    const failing: RequestHandler = (_req, _res, next) => next(new Error('refused'));
    const throwing: RequestHandler = () => {
      throw new Error('thrown');
    };
    expect((await request(appWith(oneLayer(failing, mark('never')))).get('/')).body).toEqual({ error: 'refused' });
    expect((await request(appWith(oneLayer(throwing, mark('never')))).get('/')).body).toEqual({ error: 'thrown' });
  });

  it('passes an async middleware\'s rejection to the error handler, as a layer of its own would', async () => {
    const rejecting: RequestHandler = async () => {
      throw new Error('rejected');
    };
    expect((await request(appWith(oneLayer(rejecting, mark('never')))).get('/')).body).toEqual({ error: 'rejected' });
  });

  it('ends with a middleware that answers without calling next', async () => {
    const answering: RequestHandler = (_req, res) => void res.status(204).end();
    expect((await request(appWith(oneLayer(answering, mark('never')))).get('/')).status).toBe(204);
  });
});
