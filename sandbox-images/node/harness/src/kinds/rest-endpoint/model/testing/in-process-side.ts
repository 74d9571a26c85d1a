import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppSide } from '../check';
import { sendRequest } from '../send';

/**
 * For unit tests: an app side served in this process, its state reset by building the app
 * again with `build` (as the runner does with the student's createApp). No sandbox, no uid.
 */
export interface InProcessSide extends AppSide {
  /** Sequences started (resets), and fresh starts among them. */
  readonly resets: number;
  readonly freshStarts: number;
  close(): Promise<void>;
}

export async function inProcessSide(build: () => http.RequestListener): Promise<InProcessSide> {
  let handler: http.RequestListener = build();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let resets = 0;
  let freshStarts = 0;
  return {
    get resets() {
      return resets;
    },
    get freshStarts() {
      return freshStarts;
    },
    async reset({ fresh }) {
      resets += 1;
      if (fresh) freshStarts += 1;
      handler = build();
      return undefined;
    },
    send: (request, timeoutMs, timeUp) => sendRequest({ port }, request, timeoutMs, undefined, timeUp),
    async failure(error) {
      return { kind: 'connection', request: 'a request', reason: (error as Error).message };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
