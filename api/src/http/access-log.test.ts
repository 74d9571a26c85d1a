import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { accessLog } from './access-log';

/** An app behind the access log, whose logger (at `level`) writes its JSON lines into `lines`. */
function appLogging(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use(accessLog(pino({ level }, sink)));
  app.get('/ok', (_req, res) => res.json({ ok: true }));
  app.get('/missing', (_req, res) => res.status(404).json({}));
  app.get('/broken', (_req, res) => res.status(500).json({}));
  // Never answers; tells `arrived` the request is in.
  const arrived = new Set<() => void>();
  app.get('/never', () => arrived.forEach((tell) => tell()));
  return { app, lines, arrived };
}

describe('access log', () => {
  it('writes one line per request with its id, method, URL, status and time', async () => {
    const { app, lines } = appLogging('debug');
    const answer = await request(app).get('/ok?page=2').set('X-Request-Id', 'caller-42');
    expect(answer.headers['x-request-id']).toBe('caller-42');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ req: { id: 'caller-42', method: 'GET', url: '/ok?page=2' }, res: { statusCode: 200 } });
    expect(typeof lines[0]!.responseTime).toBe('number');
  });

  it('never writes headers, so no token or cookie reaches the logs', async () => {
    const { app, lines } = appLogging('debug');
    await request(app).get('/missing').set('Authorization', 'Bearer secret-token-1').set('Cookie', 'session=secret-cookie-2');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('secret-token-1');
    expect(text).not.toContain('secret-cookie-2');
    expect(text).not.toContain('headers');
  });

  it('logs successes at debug, refusals at info and server errors at error', async () => {
    const { app, lines } = appLogging('debug');
    for (const path of ['/ok', '/missing', '/broken']) await request(app).get(path);
    expect(lines.map((l) => [(l.req as { url: string }).url, l.level])).toEqual([
      ['/ok', pino.levels.values.debug],
      ['/missing', pino.levels.values.info],
      ['/broken', pino.levels.values.error],
    ]);
  });

  it('writes a line, marked aborted, for a request whose client left before the answer', async () => {
    const { app, lines, arrived } = appLogging('info');
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = http.get({ host: '127.0.0.1', port, path: '/never' });
      client.on('error', () => undefined);
      arrived.add(() => client.destroy());
      while (lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(lines[0]).toMatchObject({ msg: 'request aborted', aborted: true, req: { method: 'GET', url: '/never' }, level: pino.levels.values.info });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("gives a request without a usable X-Request-Id a fresh UUID, and echoes it", async () => {
    const { app, lines } = appLogging('info');
    const answer = await request(app).get('/missing').set('X-Request-Id', 'has spaces and {braces}');
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[0]).toMatchObject({ req: { id: answer.headers['x-request-id'] } });
  });
});
