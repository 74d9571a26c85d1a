import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashContext, imageHash } from './context-hash';

describe('hashContext', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctx-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM x\n');
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'app', 'b.js'), 'b');
    fs.writeFileSync(path.join(dir, 'app', 'a.js'), 'a');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists files sorted with / separators and counts bytes', () => {
    const d = hashContext(dir);
    expect(d.files).toEqual(['Dockerfile', 'app/a.js', 'app/b.js']);
    expect(d.bytes).toBe(9);
    expect(d.hash).toMatch(/^[0-9a-f]{64}$/);
  });
  it('is stable, and changes with content, mode, names, symbolic links and empty folders', () => {
    const first = hashContext(dir).hash;
    expect(hashContext(dir).hash).toBe(first);
    const changes: Array<() => void> = [
      () => fs.writeFileSync(path.join(dir, 'app', 'a.js'), 'A'),
      () => fs.chmodSync(path.join(dir, 'app', 'a.js'), 0o755),
      () => fs.renameSync(path.join(dir, 'app', 'b.js'), path.join(dir, 'app', 'c.js')),
      () => fs.symlinkSync('a.js', path.join(dir, 'app', 'link')),
      () => fs.mkdirSync(path.join(dir, 'empty')),
    ];
    const seen = new Set([first]);
    for (const change of changes) {
      change();
      const h = hashContext(dir).hash;
      expect(seen.has(h)).toBe(false);
      seen.add(h);
    }
  });
  it('hashes a symbolic link by its target, not what it points to', () => {
    fs.symlinkSync('/nonexistent/target', path.join(dir, 'dangling'));
    expect(hashContext(dir).files).toContain('dangling');
  });
  it('ties the image hash to the base image', () => {
    expect(imageHash('c', 'sha256:1')).not.toBe(imageHash('c', 'sha256:2'));
  });
});
