import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { AssertionFailure } from './assertion-failure';
import { ExchangeAborted, RequestFailed, RequestTimedOut, ResponseTooLarge } from './http-exchange';
import { createTestKit, type TestKitSession } from './test-kit';

/** A real Express app on an ephemeral loopback port stands in for the student's. */
function booksApp(): express.Express {
  const app = express();
  app.post('/echo-raw', express.text({ type: '*/*' }), (req, res) => {
    res.json({ contentType: req.headers['content-type'], text: req.body as string });
  });
  app.use(express.json());
  app.get('/books', (_req, res) => {
    res.json([{ id: 1, title: 'Dune' }]);
  });
  app.post('/books', (req, res) => {
    res.status(201).location('/books/7').json({ id: 7, ...req.body });
  });
  app.get('/refused', (_req, res) => {
    res.status(400).json({ error: 'pageSize must be at most 49' });
  });
  app.get('/html', (_req, res) => {
    res.send('<p>hi</p>');
  });
  app.get('/broken-json', (_req, res) => {
    res.type('application/json').send('{"a":');
  });
  app.get('/huge', (_req, res) => {
    res.json({ data: 'x'.repeat(10_000) });
  });
  app.get('/deep', (_req, res) => {
    res.type('application/json').send(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  });
  app.get('/never', () => undefined);
  app.get('/throws', () => {
    throw new Error('boom');
  });
  return app;
}

let server: http.Server;
let port: number;
const sessions: TestKitSession[] = [];

beforeAll(async () => {
  server = http.createServer(booksApp());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(() => sessions.splice(0).forEach((s) => s.close()));
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function session(timeMs = 2_000, maxResponseBytes = 1024 * 1024): TestKitSession {
  const s = createTestKit({ port, deadline: performance.now() + timeMs, maxResponseBytes });
  sessions.push(s);
  return s;
}

function failure(assertion: () => void): AssertionFailure {
  try {
    assertion();
  } catch (err) {
    if (err instanceof AssertionFailure) return err;
    throw err;
  }
  throw new Error('the assertion passed');
}

describe('the test kit', () => {
  it('sends JSON and reads status, headers and the parsed body', async () => {
    const { kit } = session();
    const res = await kit.post('/books', { title: 'Dune' });
    expect(res).toMatchObject({ request: 'POST /books', status: 201, isJson: true, body: { id: 7, title: 'Dune' } });
    expect(res.headers.location).toBe('/books/7');
    kit.expectStatus(res, 201);
    kit.expectHeader(res, 'Location', /^\/books\/\d+$/);
    kit.expectContentType(res, /json/);
    kit.expectJson(res, { title: 'Dune', id: 7 });
    kit.expectJsonMatch(res, { title: 'Dune' });
  });

  it('names the request and both statuses when the status is wrong', async () => {
    const { kit } = session();
    const res = await kit.get('/books');
    const err = failure(() => kit.expectStatus(res, 201));
    expect(err.message).toBe('GET /books: expected status 201, got 200');
    expect(err.expected).toBe('HTTP 201');
    expect(err.actual).toBe('HTTP 200 OK\nContent-Type: application/json; charset=utf-8\n\n[\n  {\n    "id": 1,\n    "title": "Dune"\n  }\n]');
    expect(failure(() => kit.expectStatus(res, [400, 422])).message).toBe('GET /books: expected status 400 or 422, got 200');
  });

  it('says when a handler threw', async () => {
    const { kit } = session();
    const res = await kit.get('/throws');
    expect(failure(() => kit.expectStatus(res, 200)).message).toBe('GET /throws: expected status 200, got 500 (an app answers 500 when a route handler raises an error)');
  });

  it('reports a missing header and a header that does not match', async () => {
    const { kit } = session();
    const res = await kit.get('/books');
    expect(failure(() => kit.expectHeader(res, 'location', /^\/books\/\d+$/)).message).toBe('GET /books: expected a Location header matching /^\\/books\\/\\d+$/, got none');
    const created = await kit.post('/books', {});
    expect(failure(() => kit.expectHeader(created, 'location', '/books/8')).message).toBe('POST /books: expected a Location header "/books/8", got "/books/7"');
  });

  it('tells a student to answer with res.json when the body is not JSON', async () => {
    const { kit } = session();
    const html = await kit.get('/html');
    expect(html.isJson).toBe(false);
    expect(html.body).toBe('<p>hi</p>');
    expect(failure(() => kit.expectJson(html, [])).message).toBe('GET /html: expected a JSON body, got content-type "text/html; charset=utf-8" (answer with res.json(...))');
    expect(failure(() => kit.expectContentType(html, /application\/json/)).message).toMatch(/^GET \/html: expected a content-type matching .* \(answer with res\.json\(\.\.\.\)\)$/);
    const broken = await kit.get('/broken-json');
    expect(failure(() => kit.expectJsonMatch(broken, {})).message).toBe('GET /broken-json: the body is not valid JSON, or is nested deeper than 100 levels');
  });

  it('points at the first difference of a JSON body', async () => {
    const { kit } = session();
    const res = await kit.get('/books');
    const err = failure(() => kit.expectJson(res, [{ id: 1, title: 'Emma' }]));
    expect(err.message).toBe('GET /books: body[0].title should be "Emma", got "Dune"');
    expect(err.expected).toBe('[\n  {\n    "id": 1,\n    "title": "Emma"\n  }\n]');
  });

  it("names the answer's status when a body is compared without it and the answer was no success", async () => {
    const { kit } = session();
    const res = await kit.get('/refused');
    expect(failure(() => kit.expectJson(res, { items: [] })).message).toBe('GET /refused: body is missing the property "items" (in an answer with status 400)');
    expect(failure(() => kit.expectJsonMatch(res, { items: [] })).message).toMatch(/^GET \/refused: .* \(in an answer with status 400\)$/);
    const ok = await kit.get('/books');
    expect(failure(() => kit.expectJson(ok, [])).message).not.toMatch(/in an answer with status/);
  });

  it('refuses JSON nested too deep to compare, without overflowing its own stack', async () => {
    const { kit } = session();
    const res = await kit.get('/deep');
    expect(res.isJson).toBe(false);
    expect(failure(() => kit.expectJson(res, [])).message).toMatch(/nested deeper than 100 levels/);
  });

  it('sends a raw body for tests of malformed input', async () => {
    const { kit } = session();
    const res = await kit.send('POST', '/echo-raw', { text: '{"title": ', headers: { 'Content-Type': 'application/json' } });
    expect(res.body).toEqual({ contentType: 'application/json', text: '{"title": ' });
  });

  it('fails with a message of its own', () => {
    const { kit } = session();
    expect(failure(() => kit.fail('the list should be sorted by year')).message).toBe('the list should be sorted by year');
  });

  it("gives up on a request at the test's deadline and names it while it waits", async () => {
    const s = session(300);
    const waiting = s.kit.get('/never');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.pendingRequest()).toBe('GET /never');
    await expect(waiting).rejects.toBeInstanceOf(RequestTimedOut);
    expect(s.pendingRequest()).toBeUndefined();
  });

  it('refuses an answer larger than the cap', async () => {
    const { kit } = session(2_000, 1_000);
    await expect(kit.get('/huge')).rejects.toBeInstanceOf(ResponseTooLarge);
  });

  it('reports a refused connection as a failed request', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const s = createTestKit({ port: deadPort, deadline: performance.now() + 1_000, maxResponseBytes: 1_000 });
    await expect(s.kit.get('/books')).rejects.toBeInstanceOf(RequestFailed);
  });

  it('cuts requests under way when closed and refuses later ones', async () => {
    const s = session();
    const waiting = s.kit.get('/never');
    await new Promise((resolve) => setTimeout(resolve, 20));
    s.close();
    await expect(waiting).rejects.toBeInstanceOf(ExchangeAborted);
    await expect(s.kit.get('/books')).rejects.toBeInstanceOf(ExchangeAborted);
  });
});
