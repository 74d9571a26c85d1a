import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { jsonBodies } from './json-bodies';

function app() {
  const a = express();
  a.use(jsonBodies({ limit: 100, strict: true }));
  a.all('/', (req, res) => void res.json({ body: req.body ?? 'none' }));
  a.use(((err: Error & { status?: number }, _req, res, _next) => void res.status(err.status ?? 500).json({ error: err.message })) as express.ErrorRequestHandler);
  return a;
}

describe('jsonBodies', () => {
  it('parses a JSON body sent with a length, or chunked', async () => {
    expect((await request(app()).post('/').send({ a: 1 })).body).toEqual({ body: { a: 1 } });
    const server = app().listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const req = http.request({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', method: 'POST', headers: { 'content-type': 'application/json' } });
      req.write('{"b":');
      req.end('2}'); // no length given: Node sends it chunked
      const [res] = (await once(req, 'response')) as [http.IncomingMessage];
      let text = '';
      for await (const chunk of res) text += String(chunk);
      expect(JSON.parse(text)).toEqual({ body: { b: 2 } });
    } finally {
      server.close();
    }
  });

  it('leaves a request without a body alone', async () => {
    expect((await request(app()).get('/')).body).toEqual({ body: 'none' });
  });

  it('refuses a malformed or oversized body as body-parser does', async () => {
    expect((await request(app()).post('/').set('content-type', 'application/json').send('{"a":')).status).toBe(400);
    expect((await request(app()).post('/').send({ a: 'x'.repeat(200) })).status).toBe(413);
  });
});
