import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Queue } from 'bullmq';
import { connectRedis } from '@grader/runtime';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';
import { until } from '../support/wait';

const REVENUE = 'sql-revenue-by-customer';
const SOLUTION = fs.readFileSync(path.join(REPO_ROOT, 'exercises', REVENUE, 'solution/query.sql'), 'utf8');

interface Received {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  at: number;
}

/** A webhook receiver on loopback that answers each delivery with the next status of `answers`. */
async function startReceiver(answers: number[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      res.writeHead(answers[received.length - 1] ?? 200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/grader-hook`,
    received,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** What a receiver does with a delivery: the HMAC over "<timestamp>.<raw body>", with the user's secret. */
function expectedSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

async function obliterateWebhookQueue(pipeline: Pipeline) {
  const redis = connectRedis(pipeline.config.redisUrl);
  const queue = new Queue('webhooks', { connection: redis, prefix: pipeline.config.queuePrefix });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  redis.disconnect();
}

describe('webhooks through the real pipeline (receiver on 127.0.0.1, allow-listed)', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    // Retries after 200 ms instead of 30 s, so the second attempt comes within the test.
    pipeline = await startPipeline({ env: { GRADER_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', GRADER_WEBHOOK_BACKOFF_MS: '200' } });
  });
  afterAll(async () => {
    if (pipeline) await obliterateWebhookQueue(pipeline);
    await pipeline?.close();
  });

  it('retries a delivery answered 500, and both carry the graded result, signed with the user’s secret', async () => {
    const receiver = await startReceiver([500, 200]);
    try {
      const created = await pipeline.student.request('POST', '/api/submissions', { exercise: REVENUE, files: { 'query.sql': SOLUTION }, callbackUrl: receiver.url });
      expect(created.status).toBe(202);
      const id = created.body.id as string;
      const graded = await pipeline.student.waitForGrade(id);
      expect(graded).toMatchObject({ status: 'graded', verdict: 'accepted', score: 10 });

      await until(async () => receiver.received.length >= 2, 30_000, 'two deliveries');
      const secret = (await pipeline.student.request('GET', '/api/me')).body.webhookSecret as string;
      const [first, second] = receiver.received;
      for (const delivery of [first!, second!]) {
        expect(JSON.parse(delivery.rawBody)).toEqual(graded);
        expect(delivery.headers['content-type']).toBe('application/json');
        expect(delivery.headers['x-grader-event']).toBe('submission.graded');
        const timestamp = delivery.headers['x-grader-timestamp'] as string;
        // Signed after grading ended and before it arrived (whole seconds), however slow the machine.
        expect(Number(timestamp)).toBeGreaterThanOrEqual(Math.floor(Date.parse(graded.finishedAt) / 1000));
        expect(Number(timestamp)).toBeLessThanOrEqual(Math.ceil(delivery.at / 1000));
        expect(delivery.headers['x-grader-signature']).toBe(expectedSignature(secret, timestamp, delivery.rawBody));
      }
      // One delivery, two attempts: the receiver can drop the repeat by its id.
      expect(first!.headers['x-grader-delivery']).toMatch(/^[0-9a-f-]{36}$/);
      expect(second!.headers['x-grader-delivery']).toBe(first!.headers['x-grader-delivery']);
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(150);

      await until(async () => (await pipeline.student.request('GET', `/api/submissions/${id}/deliveries`)).body.items.length >= 2, 10_000, 'two attempts recorded');
      const deliveries = await pipeline.student.request('GET', `/api/submissions/${id}/deliveries`);
      expect(deliveries.body.items).toEqual([
        expect.objectContaining({ attempt: 1, statusCode: 500, ok: false, event: 'submission.graded', url: receiver.url, error: null }),
        expect.objectContaining({ attempt: 2, statusCode: 200, ok: true, event: 'submission.graded', url: receiver.url, error: null }),
      ]);
      expect(deliveries.body.items[0].durationMs).toEqual(expect.any(Number));
      // Nothing more once a 2xx came back.
      await new Promise((r) => setTimeout(r, 600));
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it('shows the attempts to the owner and staff only', async () => {
    const created = await pipeline.student.submit(REVENUE, { 'query.sql': SOLUTION });
    const other = await pipeline.createUser('student', 'nosy-student');
    expectProblem(await other.request('GET', `/api/submissions/${created.body.id}/deliveries`), 404, 'not_found');
    expectProblem(await pipeline.anonymous.request('GET', `/api/submissions/${created.body.id}/deliveries`), 401, 'unauthorized');
    expect((await pipeline.admin.request('GET', `/api/submissions/${created.body.id}/deliveries`)).body).toEqual({ items: [] });
    await pipeline.student.waitForGrade(created.body.id);
  });
});

describe('callback URLs refused when the submission arrives (no allow-list)', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await startPipeline({ worker: false });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  // Only IP literals and names from /etc/hosts: no test sends a packet past loopback or asks public DNS.
  const refused: Array<[string, RegExp]> = [
    ['http://127.0.0.1:9/x', /loopback/],
    ['http://localhost:9/x', /loopback/],
    ['file:///etc/passwd', /http or https/],
    ['http://user:pw@example.com/', /credentials/],
    ['http://169.254.169.254/', /link-local/],
    ['http://[::1]/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://10.0.0.1/', /private/],
  ];

  it.each(refused)('refuses %s with 422 and a field error, storing nothing', async (callbackUrl, reason) => {
    const before = pipeline.submissionRows();
    const response = await pipeline.student.request('POST', '/api/submissions', { exercise: REVENUE, files: { 'query.sql': SOLUTION }, callbackUrl });
    expectProblem(response, 422, 'callback_url_refused');
    expect(response.body.errors).toEqual([{ path: 'callbackUrl', message: expect.stringMatching(reason) }]);
    expect(pipeline.submissionRows()).toBe(before);
  });

  it('refuses something that is not a URL at all as a malformed request (400)', async () => {
    const response = await pipeline.student.request('POST', '/api/submissions', { exercise: REVENUE, files: { 'query.sql': SOLUTION }, callbackUrl: 'not a url' });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.errors[0].path).toBe('callbackUrl');
  });
});
