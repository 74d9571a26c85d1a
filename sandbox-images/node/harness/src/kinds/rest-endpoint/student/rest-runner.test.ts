import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { RESET_PATH_PREFIX } from '../reset-path';
import { waitForListening } from '../wait-for-listening';

/**
 * The runner's reset, as generated checks use it: one process serves many sequences, each from
 * a fresh start. The runner is bundled as the image bundles it and run by this process's Node
 * (no uid switch), serving on a Unix socket.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'rest-runner-'));
const runner = path.join(dir, 'rest-runner.js');
let socketPath = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  await build({ entryPoints: [path.join(__dirname, 'rest-runner.ts')], outfile: runner, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3'], logLevel: 'error' });
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function request(method: string, target: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: target, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function serve(source: string, token: string): Promise<void> {
  const entry = path.join(dir, `app-${token}.js`);
  socketPath = path.join(dir, `${token}.sock`);
  writeFileSync(entry, source);
  const child = spawn(process.execPath, [runner], {
    env: { GRADER_APP_ENTRY: entry, GRADER_APP_SOCKET: socketPath, GRADER_RESET_TOKEN: token, NODE_PATH: path.resolve(__dirname, '../../../../../../../node_modules') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  expect(await waitForListening({ socketPath }, 10_000, exited)).toBe('listening');
}

describe('the rest runner, reset between the sequences of a generated check', () => {
  it('starts the app over, module-level state included, and closes the servers the app opened itself', async () => {
    // A port free now, found by the kernel: a fixed or random one could be the local end of
    // another connection on this host (it was once: EADDRINUSE, a failed run).
    const strayPort = await freePort();
    await serve(
      `
      const express = require('express');
      const books = [];                                      // state at the module's top level
      require('node:http').createServer().listen(${strayPort}); // a stray listen: taken again by each load
      exports.createApp = () => {
        const app = express();
        app.post('/books', (req, res) => { books.push(books.length + 1); res.status(201).json(books); });
        return app;
      };`,
      'token-a',
    );
    expect(await request('POST', '/books')).toEqual({ status: 201, text: '[1]' });
    expect(await request('POST', '/books')).toEqual({ status: 201, text: '[1,2]' });
    expect((await request('POST', `${RESET_PATH_PREFIX}token-a`)).status).toBe(204);
    expect(await request('POST', '/books')).toEqual({ status: 201, text: '[1]' });
    // A module quick to load is loaded again at every reset, not only the first.
    expect((await request('POST', `${RESET_PATH_PREFIX}token-a`)).status).toBe(204);
    expect(await request('POST', '/books')).toEqual({ status: 201, text: '[1]' });
    // Only the exact token resets; anything else is the app's.
    expect((await request('POST', `${RESET_PATH_PREFIX}token-b`)).status).toBe(404);
    expect(await request('POST', '/books')).toEqual({ status: 201, text: '[1,2]' });
  });

  it('answers 500 with the error when the app cannot be built again', async () => {
    await serve(
      `
      const express = require('express');
      globalThis.built = (globalThis.built ?? 0) + 1;
      if (globalThis.built > 1) throw new Error('built twice');
      exports.createApp = () => express();`,
      'token-c',
    );
    const reset = await request('POST', `${RESET_PATH_PREFIX}token-c`);
    expect(reset.status).toBe(500);
    expect(reset.text).toContain('built twice');
  });

  it('loads a module slow to load only once more, then builds its app again from the module already loaded', async () => {
    // 200 ms of CPU at every load, measured in CPU so that a busy host changes nothing.
    await serve(
      `
      const express = require('express');
      const cpu = () => { const { user, system } = process.cpuUsage(); return user + system; };
      const until = cpu() + 200_000;
      while (cpu() < until);
      globalThis.loads = (globalThis.loads ?? 0) + 1;
      exports.createApp = () => {
        let requests = 0;
        const app = express();
        app.get('/state', (req, res) => res.json({ loads: globalThis.loads, requests: ++requests }));
        return app;
      };`,
      'token-d',
    );
    expect(JSON.parse((await request('GET', '/state')).text)).toEqual({ loads: 1, requests: 1 });
    expect((await request('POST', `${RESET_PATH_PREFIX}token-d`)).status).toBe(204);
    expect(JSON.parse((await request('GET', '/state')).text)).toEqual({ loads: 2, requests: 1 });
    for (let i = 0; i < 3; i += 1) {
      expect((await request('POST', `${RESET_PATH_PREFIX}token-d`)).status).toBe(204);
      // createApp() ran again (its state starts over); the module did not load again.
      expect(JSON.parse((await request('GET', '/state')).text)).toEqual({ loads: 2, requests: 1 });
    }
  });
});
