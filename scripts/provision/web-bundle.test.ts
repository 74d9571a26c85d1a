import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@grader/runtime/src/config';
import { createContext } from './context';
import { ensureWebBundle } from './web-bundle';

/** A repository with a one-file web app: enough for esbuild, quick to bundle. */
function fakeRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'web-bundle-'));
  fs.mkdirSync(path.join(root, 'web', 'src'), { recursive: true });
  fs.writeFileSync(path.join(root, 'web', 'package.json'), '{"name":"web"}');
  fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
  fs.writeFileSync(path.join(root, 'web', 'src', 'main.ts'), 'const greeting: string = "hello";\ndocument.title = greeting;\n');
  fs.writeFileSync(path.join(root, 'web', 'src', 'index.html'), '<!doctype html><script type="module" src="/app.js"></script>');
  return root;
}

describe('the web bundle step', () => {
  const root = fakeRepo();
  const ctx = createContext({ log: () => undefined, config: loadConfig({}), repoRoot: root });
  const progress: string[] = [];
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('bundles web/src into web/dist with index.html beside the script', async () => {
    const outcome = await ensureWebBundle(ctx, (line) => progress.push(line));
    expect(outcome.message).toMatch(/^web app bundled into web\/dist/);
    expect(progress).toEqual(['bundling the web app (web/src → web/dist)']);
    expect(fs.readFileSync(path.join(root, 'web', 'dist', 'app.js'), 'utf8')).toContain('hello');
    expect(fs.existsSync(path.join(root, 'web', 'dist', 'index.html'))).toBe(true);
  });

  it('does nothing when the sources have not changed', async () => {
    const outcome = await ensureWebBundle(ctx, (line) => progress.push(line));
    expect(outcome.message).toMatch(/^web app bundle up to date/);
    expect(progress).toHaveLength(1);
  });

  it('rebuilds when a source file changes', async () => {
    fs.writeFileSync(path.join(root, 'web', 'src', 'main.ts'), 'document.title = "changed";\n');
    const outcome = await ensureWebBundle(ctx, () => undefined);
    expect(outcome.message).toMatch(/^web app bundled/);
    expect(fs.readFileSync(path.join(root, 'web', 'dist', 'app.js'), 'utf8')).toContain('changed');
  });

  it('names the file and line when the sources do not bundle, and keeps the last good bundle', async () => {
    fs.writeFileSync(path.join(root, 'web', 'src', 'main.ts'), 'import "./missing";\n');
    await expect(ensureWebBundle(ctx, () => undefined)).rejects.toMatchObject({
      message: 'esbuild could not bundle web/src',
      detail: [expect.stringMatching(/main\.ts:1: .*missing/)],
    });
    expect(fs.readFileSync(path.join(root, 'web', 'dist', 'app.js'), 'utf8')).toContain('changed');
  });
});
