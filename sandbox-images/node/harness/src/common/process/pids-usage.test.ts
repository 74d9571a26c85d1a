import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPidsLimitHits } from './pids-usage';

describe('readPidsLimitHits', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pids-events-'));
  const file = (name: string, text: string): string => {
    const at = path.join(dir, name);
    writeFileSync(at, text);
    return at;
  };

  it("reads the count of forks refused at the limit from the cgroup's pids.events", () => {
    expect(readPidsLimitHits([file('v1', 'max 0\n')])).toBe(0);
    // cgroup v2 may list more events; only "max" counts.
    expect(readPidsLimitHits([file('v2', 'max 5417\nmax.imposed 0\n')])).toBe(5417);
  });

  it('takes the first readable source and is undefined where there is none', () => {
    expect(readPidsLimitHits([path.join(dir, 'missing'), file('later', 'max 3\n')])).toBe(3);
    expect(readPidsLimitHits([path.join(dir, 'missing')])).toBeUndefined();
    expect(readPidsLimitHits([file('garbled', 'nothing here\n')])).toBeUndefined();
  });
});
