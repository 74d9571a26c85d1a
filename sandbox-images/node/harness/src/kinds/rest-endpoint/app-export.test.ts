import express from 'express';
import http from 'node:http';
import { appFromExports, AppExportProblem } from './app-export';

const app = express();

describe('finding the app in what the student exports', () => {
  it('calls createApp, sync or async', async () => {
    await expect(appFromExports({ createApp: () => app }, 'app.js')).resolves.toBe(app);
    await expect(appFromExports({ createApp: async () => app }, 'app.js')).resolves.toBe(app);
  });

  it('takes an exported app, under module.exports, default or app', async () => {
    await expect(appFromExports(app, 'app.js')).resolves.toBe(app);
    await expect(appFromExports({ default: app }, 'app.js')).resolves.toBe(app);
    await expect(appFromExports({ app }, 'app.js')).resolves.toBe(app);
    await expect(appFromExports({ default: { createApp: () => app } }, 'app.js')).resolves.toBe(app);
  });

  it('calls a bare exported function of no parameters as createApp', async () => {
    await expect(appFromExports(() => app, 'app.js')).resolves.toBe(app);
  });

  it('takes a plain (req, res) handler', async () => {
    const handler = (_req: unknown, _res: unknown) => undefined;
    await expect(appFromExports(handler, 'app.js')).resolves.toBe(handler);
  });

  it('says what is wrong with an export that gives no app', async () => {
    await expect(appFromExports({}, 'app.js')).rejects.toThrow(new AppExportProblem('app.js exports an empty object; it must export a function that builds the app: module.exports = { createApp }'));
    // A TypeScript student is shown their own file and their language's export.
    await expect(appFromExports({ default: {} }, 'app.ts')).rejects.toThrow(
      new AppExportProblem('app.ts exports an object with default; it must export a function that builds the app: export function createApp() { ... }'),
    );
    await expect(appFromExports({ createApp: () => undefined }, 'app.js')).rejects.toThrow(
      'createApp() in app.js returned nothing (undefined); it must return the Express app',
    );
  });

  it('tells a student who returned a running server not to listen', async () => {
    const server = http.createServer();
    await expect(appFromExports({ createApp: () => server }, 'app.js')).rejects.toThrow(/a running server \(do not call app\.listen yourself\)/);
  });
});
