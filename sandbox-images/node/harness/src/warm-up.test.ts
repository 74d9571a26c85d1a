import { WARM_PROFILE_ENV } from './container-layout';
import { warmUp } from './harness';
import type { AnyKind } from './kinds/registry';

/** A kind reduced to its warm-up: what warmUp calls. */
const kind = (name: string, prepare?: () => void | Promise<void>) => ({ name, warmUp: prepare }) as unknown as AnyKind;
const env = (profile?: string) => (profile ? { [WARM_PROFILE_ENV]: profile } : {});

describe("a warm container's preparation (warmUp)", () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  it('is prepared at once without a profile, and asks no kind to prepare', async () => {
    const prepare = jest.fn();
    await expect(warmUp([kind('a', prepare)], env())).resolves.toBe(true);
    expect(prepare).not.toHaveBeenCalled();
  });

  it("runs each kind's synchronous part before it returns, and is prepared when every asynchronous part is", async () => {
    let started = false;
    let finish!: () => void;
    const prepared = warmUp(
      [
        kind('sync', () => {
          started = true;
        }),
        kind('async', () => new Promise<void>((resolve) => (finish = resolve))),
      ],
      env('postgres'),
    );
    expect(started).toBe(true);
    let settled = false;
    void prepared.then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    finish();
    await expect(prepared).resolves.toBe(true);
  });

  it('is unprepared, and logs why, when a kind throws or its preparation rejects; the other kinds still prepare', async () => {
    const other = jest.fn();
    await expect(warmUp([kind('throws', () => { throw new Error('no compiler'); }), kind('other', other)], env('typescript'))).resolves.toBe(false);
    expect(other).toHaveBeenCalled();
    await expect(warmUp([kind('rejects', () => Promise.reject(new Error('server did not start')))], env('postgres'))).resolves.toBe(false);
    const logged = stderr.mock.calls.map(([line]) => String(line)).join('');
    expect(logged).toMatch(/warming up throws for typescript failed: Error: no compiler/);
    expect(logged).toMatch(/warming up rejects for postgres failed: Error: server did not start/);
  });

  it('is unprepared for a profile it does not know', async () => {
    await expect(warmUp([kind('a', jest.fn())], env('cobol'))).resolves.toBe(false);
  });
});
