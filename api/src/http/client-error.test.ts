import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { type Logger } from '@grader/runtime';

import { guardHttpServer } from './client-error';

const silent = { debug: () => undefined } as unknown as Logger;

/** Sends raw bytes and reads until the server closes: what a client that speaks broken HTTP gets. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine?.split(' ')[1]), headers, body: JSON.parse(body) as Record<string, unknown> };
}

let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer((_req, res) => res.end('ok'));
  guardHttpServer(server, silent);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('a request Node’s HTTP server refuses before Express sees it', () => {
  it.each([
    ['a NUL in a header value', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n', 400, 'malformed_request'],
    ['an unknown method', 'FROBNICATE / HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'malformed_request'],
    ['a malformed request line', 'GET /a b c\r\n\r\n', 400, 'malformed_request'],
    ['a header name with a space', 'GET / HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n', 400, 'malformed_request'],
    ['20 KB of headers', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
  ])('gets problem+json and Connection: close for %s', async (_name, bytes, status, code) => {
    const answer = parse(await raw(port, bytes));
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers.connection).toBe('close');
    expect(answer.body).toEqual({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), code });
  });

  it('gets 417 problem+json for an Expect other than 100-continue, where Node answers an empty body', async () => {
    const answer = parse(await raw(port, 'GET / HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nConnection: close\r\n\r\n'));
    expect(answer.status).toBe(417);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toEqual(expect.objectContaining({ status: 417, code: 'expectation_failed' }));
  });

  it('leaves a well-formed request on the same server alone', async () => {
    expect(await raw(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*ok$/);
  });
});
