import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compiledName, compileTypeScript } from './typescript-compile';

const NODE_MODULES = path.resolve(__dirname, '../../../../../../node_modules');

describe('compileTypeScript', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ts-compile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const compile = (source: string) => {
    writeFileSync(path.join(dir, 'app.ts'), source);
    return compileTypeScript(['app.ts'], { rootDir: dir, nodeModulesDir: NODE_MODULES });
  };

  it('compiles an Express app to CommonJS with an inline source map', () => {
    const outcome = compile("import express from 'express';\nexport function createApp() { const app = express(); app.use(express.json()); return app; }\n");
    expect(outcome.ok).toBe(true);
    const js = outcome.ok ? outcome.outputs.get('app.js') : '';
    expect(js).toMatch(/require\("express"\)/);
    expect(js).toMatch(/exports\.createApp = createApp/);
    expect(js).toMatch(/sourceMappingURL=data:application\/json;base64,/);
  }, 30_000);

  it('reports a type error with its file and line, strict on', () => {
    const outcome = compile("import express from 'express';\nconst port: number = process.env.PORT;\nexport function createApp() { return express(); }\n");
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/^app\.ts:2: Type 'string \| undefined' is not assignable to type 'number'\./) });
  }, 30_000);

  it('names an implicit any and a package it cannot find', () => {
    const outcome = compile("import left from 'left-pad';\nexport function createApp(x) { return x; }\n");
    expect(outcome.ok).toBe(false);
    const message = outcome.ok ? '' : outcome.message;
    expect(message).toMatch(/app\.ts:1: Cannot find module 'left-pad'.*\(TS2307\): available packages/);
    expect(message).toMatch(/app\.ts:2: Parameter 'x' implicitly has an 'any' type\. \(TS7006\)/);
  }, 30_000);

  it('knows the compiled names', () => {
    expect(compiledName('app.ts')).toBe('app.js');
    expect(compiledName('lib/db.cts')).toBe('lib/db.cjs');
  });
});
