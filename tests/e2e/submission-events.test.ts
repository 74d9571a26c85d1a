import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '@grader/runtime';
import { SubmissionDocument } from '@grader/contracts';
import { startWorker, type RunningWorker } from '../../worker/src/start-worker';
import { REPO_ROOT, startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

const REVENUE = 'sql-revenue-by-customer';
const SOLUTION = fs.readFileSync(path.join(REPO_ROOT, 'exercises', REVENUE, 'solution/query.sql'), 'utf8');

interface ServerSentEvent {
  id?: string;
  event?: string;
  data?: any;
  retry?: number;
  comment?: string;
}

/** An SSE stream read the way a client reads it: blocks separated by a blank line, `field: value` lines. */
async function openEvents(url: string, token: string | undefined) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) }, signal: controller.signal });
  const received: ServerSentEvent[] = [];
  let ended = false;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());

  const pump = (async () => {
    if (!response.ok || !response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerSentEvent = {};
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === '') event.comment = value;
            else if (field === 'data') event.data = JSON.parse(value);
            else if (field === 'retry') event.retry = Number(value);
            else if (field === 'id' || field === 'event') event[field] = value;
          }
          received.push(event);
          wake();
        }
      }
    } catch {
      /* aborted by the test */
    }
    ended = true;
    wake();
  })();

  return {
    response,
    received,
    /** The `event: status` documents so far. */
    statuses: () => received.filter((e) => e.event === 'status'),
    /** Waits until `n` status events arrived (or the stream ended). */
    async waitForStatuses(n: number, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.filter((e) => e.event === 'status').length < n && !ended) {
        if (Date.now() > deadline) throw new Error(`only ${JSON.stringify(received)} after ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received.filter((e) => e.event === 'status');
    },
    async ended() {
      await pump;
      return ended;
    },
    close() {
      controller.abort();
    },
  };
}

let pipeline: Pipeline;
let worker: RunningWorker | undefined;
beforeAll(async () => {
  // The worker starts inside the test, once the stream is open: otherwise a fast worker could
  // move the submission to running before the stream's first event, and the order would be luck.
  pipeline = await startPipeline({ worker: false });
});
afterAll(async () => {
  await worker?.close();
  await pipeline?.close();
});

describe('live status over server-sent events', () => {
  it('streams queued, running and graded, in order, with the final score, then ends', async () => {
    const created = await pipeline.student.submit(REVENUE, { 'query.sql': SOLUTION });
    expect(created.status).toBe(202);
    const stream = await openEvents(`${pipeline.url}/api/submissions/${created.body.id}/events`, pipeline.student.token);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toMatch(/no-cache/);

    const [queued] = await stream.waitForStatuses(1);
    expect(queued!.data).toMatchObject({ id: created.body.id, status: 'queued', score: null });

    worker = await startWorker(pipeline.config, createLogger({ name: 'test-worker', level: 'silent', pretty: false }));
    const statuses = await stream.waitForStatuses(3);
    expect(await stream.ended()).toBe(true);

    expect(statuses.map((e) => e.data.status)).toEqual(['queued', 'running', 'graded']);
    expect(statuses.map((e) => e.id)).toEqual(['1', '2', '3']);
    const graded = statuses[2]!.data;
    expect(graded).toMatchObject({ status: 'graded', verdict: 'accepted', score: 10, maxScore: 10 });
    // … in the shape the OpenAPI document gives for it.
    SubmissionDocument.parse(graded);
    // Each event carries exactly what GET /api/submissions/:id answers.
    expect(graded).toEqual((await pipeline.student.request('GET', `/api/submissions/${created.body.id}`)).body);
    expect(stream.received[0]).toEqual({ retry: 3000 });
  });

  it('sends a finished submission’s final state at once and ends the stream', async () => {
    const graded = await pipeline.student.submitAndWait(REVENUE, { 'query.sql': SOLUTION });
    const stream = await openEvents(`${pipeline.url}/api/submissions/${graded.id}/events`, pipeline.student.token);
    expect(await stream.ended()).toBe(true);
    expect(stream.statuses().map((e) => e.data)).toEqual([graded]);
  });

  it('answers 404 to another student and 401 to nobody, as GET /api/submissions/:id does; staff may follow', async () => {
    const graded = await pipeline.student.submitAndWait(REVENUE, { 'query.sql': SOLUTION });
    const other = await pipeline.createUser('student', 'curious-student');
    expectProblem(await other.request('GET', `/api/submissions/${graded.id}/events`), 404, 'not_found');
    expectProblem(await pipeline.anonymous.request('GET', `/api/submissions/${graded.id}/events`), 401, 'unauthorized');
    expectProblem(await other.request('GET', '/api/submissions/not-a-uuid/events'), 404, 'not_found');
    const staff = await openEvents(`${pipeline.url}/api/submissions/${graded.id}/events`, pipeline.admin.token);
    expect(await staff.ended()).toBe(true);
    expect(staff.statuses()).toHaveLength(1);
  });
});

describe('event streams and their connections', () => {
  it('caps a user’s open streams, and frees a slot when the client disconnects', async () => {
    // No worker for this one: its submission stays queued, so its streams stay open.
    await worker?.close();
    worker = undefined;
    const waiter = await pipeline.createUser('student', 'patient-student');
    const created = await waiter.submit(REVENUE, { 'query.sql': SOLUTION });
    const url = `${pipeline.url}/api/submissions/${created.body.id}/events`;
    const streams = await Promise.all(Array.from({ length: 10 }, () => openEvents(url, waiter.token)));
    await Promise.all(streams.map((s) => s.waitForStatuses(1)));
    expect(streams.every((s) => s.statuses()[0]?.data.status === 'queued')).toBe(true);

    expectProblem(await waiter.request('GET', `/api/submissions/${created.body.id}/events`), 429, 'too_many_streams');

    streams[0]!.close();
    await streams[0]!.ended();
    // The server notices the disconnect, unsubscribes and gives the slot back.
    const deadline = Date.now() + 5_000;
    let again = await openEvents(url, waiter.token);
    while (again.response.status === 429 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      again = await openEvents(url, waiter.token);
    }
    expect(again.response.status).toBe(200);
    for (const s of [...streams, again]) s.close();
  });
});
