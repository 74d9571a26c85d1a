import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProvisionError } from './errors';
import { findExecutable, formatCommand, run, systemPath, tryRun, waitFor } from './exec';

describe('exec', () => {
  it('runs a program with an argument array: no shell interprets the data', async () => {
    const r = await run(process.execPath, ['-e', 'console.log(process.argv[1])', '$(echo hi); `x` "q"']);
    expect(r.stdout.trim()).toBe('$(echo hi); `x` "q"');
  });
  it('reports the exit code and the output tail on failure', async () => {
    expect((await tryRun(process.execPath, ['-e', 'process.exit(3)'])).code).toBe(3);
    const failing = run(process.execPath, ['-e', 'console.error("first\\nlast"); process.exit(2)']);
    await expect(failing).rejects.toThrow(ProvisionError);
    await expect(failing).rejects.toMatchObject({ detail: ['first', 'last'] });
    await expect(failing).rejects.toThrow(/exited with code 2/);
  });
  it('fails clearly when the program does not exist', async () => {
    await expect(run('/nonexistent/program', [])).rejects.toThrow(/cannot run \/nonexistent\/program/);
  });
  it('quotes commands for messages', () => {
    expect(formatCommand('redis-server', ['--save', '', '--dir', '/a b'])).toBe("redis-server --save '' --dir '/a b'");
  });
  it('finds executables on PATH and in the system directories', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bin-'));
    try {
      fs.writeFileSync(path.join(dir, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
      fs.writeFileSync(path.join(dir, 'data'), '', { mode: 0o644 });
      expect(findExecutable('tool', dir)).toBe(path.join(dir, 'tool'));
      expect(findExecutable('data', dir)).toBeUndefined();
      expect(findExecutable('sh', '')).toMatch(/\/sh$/);
      expect(findExecutable('no-such-tool-here', dir)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('appends the sbin directories to PATH once', () => {
    expect(systemPath('/usr/sbin:/opt/bin').split(':').filter((d) => d === '/usr/sbin')).toHaveLength(1);
    expect(systemPath('/opt/bin').split(':')).toEqual(expect.arrayContaining(['/opt/bin', '/usr/sbin', '/sbin']));
  });
  it('waits for a probe, or gives up', async () => {
    let n = 0;
    expect(await waitFor(async () => (++n >= 3 ? 'up' : undefined), { timeoutMs: 1000, intervalMs: 1 })).toBe('up');
    expect(await waitFor(async () => undefined, { timeoutMs: 20, intervalMs: 5 })).toBeUndefined();
  });
});
