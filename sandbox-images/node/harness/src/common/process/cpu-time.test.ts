import { spawn } from 'node:child_process';
import { processCpuMs } from './cpu-time';

describe('processCpuMs', () => {
  it("reads a live process's CPU time, growing as it computes", async () => {
    const child = spawn(process.execPath, ['-e', 'for (;;);']);
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      const first = processCpuMs(child.pid!);
      expect(first).toBeGreaterThanOrEqual(0);
      // It spins until killed: its CPU time grows, however busy the host.
      for (let tries = 0; (processCpuMs(child.pid!) ?? 0) <= first! && tries < 600; tries++) await new Promise((r) => setTimeout(r, 50));
      expect(processCpuMs(child.pid!)).toBeGreaterThan(first!);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('is undefined for a process that is gone', () => {
    expect(processCpuMs(2 ** 22 + 12_345)).toBeUndefined();
  });
});
