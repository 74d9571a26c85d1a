import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { demuxLogs } from './docker-images';
import { formatBytes, listSandboxImages, sandboxImageName } from './sandbox-images';

describe('sandbox image sources', () => {
  it('lists runtime folders with a Dockerfile, but base, sorted, noting prepare-context.ts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'images-'));
    try {
      const make = (name: string, files: string[]) => {
        fs.mkdirSync(path.join(dir, name));
        for (const f of files) fs.writeFileSync(path.join(dir, name, f), '');
      };
      make('python', ['Dockerfile']);
      make('node', ['Dockerfile', 'prepare-context.ts']);
      make('base', ['Dockerfile', 'recipe.json']);
      make('wip', ['notes.md']);
      fs.writeFileSync(path.join(dir, 'README.md'), '');
      expect(listSandboxImages(dir)).toEqual([
        { runtime: 'node', dir: path.join(dir, 'node'), prepare: path.join(dir, 'node', 'prepare-context.ts') },
        { runtime: 'python', dir: path.join(dir, 'python'), prepare: undefined },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(listSandboxImages('/nonexistent/sandbox-images')).toEqual([]);
  });
  it('builds a runtime after the runtime it extends, and refuses an unknown base or a cycle', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'images-'));
    const make = (name: string, extended?: string) => {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, 'Dockerfile'), '');
      fs.writeFileSync(path.join(dir, name, 'runtime.json'), JSON.stringify(extended ? { name, extends: extended } : { name }));
    };
    try {
      make('alpha', 'zeta');
      make('zeta');
      make('node');
      expect(listSandboxImages(dir).map((s) => [s.runtime, s.extends])).toEqual([
        ['zeta', undefined],
        ['alpha', 'zeta'],
        ['node', undefined],
      ]);
      make('beta', 'nowhere');
      expect(() => listSandboxImages(dir)).toThrow(/beta extends nowhere, which has no sandbox-images\/nowhere\/Dockerfile/);
      fs.rmSync(path.join(dir, 'beta'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'zeta', 'runtime.json'), JSON.stringify({ name: 'zeta', extends: 'alpha' }));
      expect(() => listSandboxImages(dir)).toThrow(/cycle: alpha → zeta → alpha/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('names images with the configured prefix', () => {
    expect(sandboxImageName('grader-sandbox-', 'node')).toBe('grader-sandbox-node:latest');
  });
  it('formats sizes', () => {
    expect(formatBytes(136)).toBe('136 B');
    expect(formatBytes(12_345)).toBe('12.3 kB');
    expect(formatBytes(45_600_000)).toBe('45.6 MB');
  });
});

describe('demuxLogs', () => {
  it('joins the payloads of stdout and stderr frames', async () => {
    const frame = (stream: number, text: string) => {
      const payload = Buffer.from(text);
      const header = Buffer.alloc(8);
      header[0] = stream;
      header.writeUInt32BE(payload.length, 4);
      return Buffer.concat([header, payload]);
    };
    // A modem only: nothing is asked of an engine.
    expect(await demuxLogs(new Docker().modem, Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')]))).toBe('out\nerr\n');
  });
});
