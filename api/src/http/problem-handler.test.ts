import { gzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { type Logger } from '@grader/runtime';

import { fromClientError, problemHandler, routeNotFound } from './problem-handler';

/** A logger that records the level of each line. */
function recordingLogger() {
  const lines: Array<{ level: string; msg: unknown }> = [];
  const at = (level: string) => (_obj: unknown, msg?: unknown) => void lines.push({ level, msg });
  const logger = { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') } as unknown as Logger;
  return { logger, lines };
}

function appThrowing(error: unknown) {
  const { logger, lines } = recordingLogger();
  const app = express();
  app.use(express.json());
  app.get('/things/:id', (_req, res) => void res.json({ ok: true }));
  app.post('/things', (_req, res) => void res.json({ ok: true }));
  app.get('/boom', () => {
    throw error;
  });
  app.use(routeNotFound);
  app.use(problemHandler(logger));
  return { app, lines };
}

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(expect.objectContaining({ status, code, title: expect.any(String), detail: expect.any(String), type: expect.any(String) }));
}

describe('the problem handler', () => {
  it('answers a path parameter that is not valid percent-encoding with 400 malformed_path', async () => {
    expectProblem(await request(appThrowing(undefined).app).get('/things/%ZZ'), 400, 'malformed_path');
    expectProblem(await request(appThrowing(undefined).app).get('/things/%E0%A4%A'), 400, 'malformed_path');
  });

  it('answers a gzip body that does not decompress with 400 malformed_body', async () => {
    const res = await request(appThrowing(undefined).app)
      .post('/things')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send(Buffer.from('not gzip at all'));
    expectProblem(res, 400, 'malformed_body');
  });

  it('reads a gzip body that does decompress', async () => {
    const res = await request(appThrowing(undefined).app)
      .post('/things')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      // As bytes: superagent would otherwise serialise a Buffer sent as JSON (its type says string; it passes bytes through).
      .serialize((bytes: Buffer) => bytes as unknown as string)
      .send(gzipSync('{"a":1}'));
    expect(res.body).toEqual({ ok: true });
  });

  it('answers an unknown Content-Encoding with 415 unsupported_content_encoding', async () => {
    const res = await request(appThrowing(undefined).app).post('/things').set('content-type', 'application/json').set('content-encoding', 'compress').send('{}');
    expectProblem(res, 415, 'unsupported_content_encoding');
  });

  it('maps any other error carrying a 4xx status to that status, with a code from its reason phrase', async () => {
    expectProblem(await request(appThrowing(Object.assign(new Error('x'), { status: 416 })).app).get('/boom'), 416, 'range_not_satisfiable');
    expectProblem(await request(appThrowing(Object.assign(new Error('x'), { statusCode: 400 })).app).get('/boom'), 400, 'bad_request');
  });

  it.each([
    ['an Error without a status', new Error('SQLITE_CORRUPT at /srv/data/grader.sqlite')],
    ['a library error with a 5xx status', Object.assign(new Error('stream is not readable at /srv'), { status: 500, type: 'stream.not.readable' })],
    ['a status that is not a number', Object.assign(new Error('at /srv'), { status: '400' })],
    ['a thrown string', 'at /srv'],
  ])('answers %s with 500 internal_error, logged, without its details', async (_name, error) => {
    const { app, lines } = appThrowing(error);
    const res = await request(app).get('/boom');
    expectProblem(res, 500, 'internal_error');
    expect(JSON.stringify(res.body)).not.toContain('/srv');
    expect(lines.map((l) => l.level)).toContain('error');
  });

  it('does not log an aborted request as an error, and answers nothing', () => {
    const { logger, lines } = recordingLogger();
    const aborted = Object.assign(new Error('request aborted'), { status: 400, type: 'request.aborted' });
    expect(fromClientError(aborted)?.code).toBe('request_aborted');
    const res = { headersSent: false, status: jest.fn() };
    problemHandler(logger)(aborted, { id: '1', originalUrl: '/x', socket: { destroyed: true } } as never, res as never, () => undefined);
    expect(lines.map((l) => l.level)).toEqual(['debug']);
    expect(res.status).not.toHaveBeenCalled();
  });

  it('ends the connection instead of answering twice when an answer had already started', () => {
    const { logger } = recordingLogger();
    const destroy = jest.fn();
    const res = { headersSent: true, status: jest.fn() };
    problemHandler(logger)(new Error('late'), { id: '1', originalUrl: '/x', socket: { destroyed: false, destroy } } as never, res as never, () => undefined);
    expect(destroy).toHaveBeenCalled();
    expect(res.status).not.toHaveBeenCalled();
  });
});
