import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AddressPolicy, AddressRefusedError } from './address-policy';
import { WebhookClient } from './webhook-client';

/** A receiver on loopback that answers each request as `answer` says, and counts them. */
async function receiver(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const requests: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('the webhook HTTP client', () => {
  const clients: WebhookClient[] = [];
  const client = (allow: string[] = [], timeoutMs?: number) => {
    const c = new WebhookClient(new AddressPolicy(allow), timeoutMs);
    clients.push(c);
    return c;
  };
  afterAll(() => clients.forEach((c) => c.close()));

  it('never connects to a loopback receiver that is not allow-listed, by address or by name', async () => {
    const r = await receiver((_req, res) => res.end());
    try {
      const byAddress = await client().post(`http://127.0.0.1:${r.port}/hook`, '{}', {});
      const byName = await client().post(`http://localhost:${r.port}/hook`, '{}', {});
      expect(byAddress.error).toBeInstanceOf(AddressRefusedError);
      expect(byAddress.error?.message).toBe('refused to connect to 127.0.0.1: it is a loopback address');
      expect(byName.error).toBeInstanceOf(AddressRefusedError);
      expect(byName.error?.message).toMatch(/^refused to connect to localhost: it resolves to (127\.0\.0\.1|::1), a loopback address$/);
      expect(byName.statusCode).toBeNull();
      expect(r.requests).toHaveLength(0);
    } finally {
      await r.close();
    }
  });

  it('posts the body and headers to an allow-listed receiver and reports its status', async () => {
    const r = await receiver((_req, res) => res.writeHead(204).end());
    try {
      const outcome = await client(['127.0.0.1']).post(`http://127.0.0.1:${r.port}/hook`, '{"a":1}', { 'Content-Type': 'application/json', 'X-Grader-Event': 'submission.graded' });
      expect(outcome).toMatchObject({ statusCode: 204, error: null });
      expect(r.requests[0]).toMatchObject({ body: '{"a":1}', headers: expect.objectContaining({ 'content-type': 'application/json', 'x-grader-event': 'submission.graded', 'content-length': '7' }) });
    } finally {
      await r.close();
    }
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const r = await receiver((_req, res) => res.writeHead(307, { Location: 'http://169.254.169.254/' }).end());
    try {
      expect(await client(['127.0.0.1']).post(`http://127.0.0.1:${r.port}/`, '{}', {})).toMatchObject({ statusCode: 307, error: null });
      expect(r.requests).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const r = await receiver(() => undefined);
    try {
      const outcome = await client(['127.0.0.1'], 200).post(`http://127.0.0.1:${r.port}/`, '{}', {});
      expect(outcome.statusCode).toBeNull();
      expect(outcome.error?.message).toMatch(/no answer within 200 ms/);
      expect(outcome.durationMs).toBeGreaterThanOrEqual(190);
    } finally {
      await r.close();
    }
  });
});
