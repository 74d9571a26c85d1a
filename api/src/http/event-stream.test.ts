import type { AddressInfo } from 'node:net';
import express from 'express';
import { EventStream } from './event-stream';

describe('an event stream', () => {
  it('sends numbered events and heartbeat comments, and cleans up when the client goes away', async () => {
    let closed!: () => void;
    const closedOnServer = new Promise<void>((resolve) => (closed = resolve));
    const app = express();
    app.get('/events', (_req, res) => {
      const stream = new EventStream(res, { heartbeatMs: 30, reconnectMs: 1234 });
      stream.send('status', { status: 'queued', text: 'two\nlines' });
      stream.send('status', { status: 'running' });
      stream.onClose(closed);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const controller = new AbortController();
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, { signal: controller.signal });
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes(': heartbeat\n\n')) text += (await reader.read()).value ?? '';
      const expected =
        'retry: 1234\n\n' +
        'id: 1\nevent: status\ndata: {"status":"queued","text":"two\\nlines"}\n\n' +
        'id: 2\nevent: status\ndata: {"status":"running"}\n\n' +
        ': heartbeat\n\n';
      expect(text.slice(0, expected.length)).toBe(expected);
      controller.abort();
      await closedOnServer;
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
