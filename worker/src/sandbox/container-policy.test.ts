import { ExerciseManifest, LIMITS, Limits } from '@grader/contracts';
import { CONTAINER_LAYOUT, STUDENT } from '@grader/harness';
import { containerOptions, SANDBOX_LABELS, wallTimeMs } from './container-policy';

const limits = Limits.parse({ memoryMb: 200, testTimeMs: 3000 });
const options = containerOptions({ image: 'grader-sandbox-node', submissionId: 'sub-1', deadline: 1_700_000_000_000, limits });
const host = options.HostConfig!;

describe('containerOptions', () => {
  it('cuts the network off entirely', () => {
    expect(host.NetworkMode).toBe('none');
    expect(options.NetworkDisabled).toBe(true);
  });

  it('drops every capability but the three the harness needs', () => {
    expect(host.CapDrop).toEqual(['ALL']);
    expect([...(host.CapAdd ?? [])].sort()).toEqual(['KILL', 'SETGID', 'SETUID']);
    expect(host.Privileged).toBe(false);
  });

  it('forbids gaining privileges and never turns seccomp off', () => {
    expect(host.SecurityOpt).toEqual(['no-new-privileges:true']);
    expect(JSON.stringify(host.SecurityOpt)).not.toMatch(/seccomp|unconfined/);
  });

  it('mounts no host path, no socket and no device', () => {
    expect(host.Binds).toEqual([]);
    expect(host.Mounts).toEqual([]);
    expect(host.Devices).toEqual([]);
    expect(JSON.stringify(options)).not.toContain('docker.sock');
  });

  it("gives the whole container the exercise's memory without swap", () => {
    expect(host.Memory).toBe(200 * 1024 * 1024);
    expect(host.MemorySwap).toBe(host.Memory);
  });

  it('takes CPU, pids and per-process limits from LIMITS, with core dumps off', () => {
    expect(host.NanoCpus).toBe(LIMITS.sandbox.cpus * 1e9);
    expect(host.PidsLimit).toBe(LIMITS.sandbox.pids);
    expect(host.Ulimits).toEqual([
      { Name: 'nofile', Soft: LIMITS.sandbox.openFiles, Hard: LIMITS.sandbox.openFiles },
      { Name: 'fsize', Soft: LIMITS.sandbox.fileSizeBytes, Hard: LIMITS.sandbox.fileSizeBytes },
      { Name: 'core', Soft: 0, Hard: 0 },
    ]);
  });

  it('makes the root file system read-only and every writable mount a bounded tmpfs without exec, suid or devices', () => {
    expect(host.ReadonlyRootfs).toBe(true);
    const mounts = host.Tmpfs ?? {};
    expect(Object.keys(mounts).sort()).toEqual(
      [CONTAINER_LAYOUT.graderDir, CONTAINER_LAYOUT.submissionDir, CONTAINER_LAYOUT.tmpDir, CONTAINER_LAYOUT.studentHome].sort(),
    );
    for (const value of Object.values(mounts)) {
      const flags = value.split(',');
      expect(flags).toEqual(expect.arrayContaining(['nosuid', 'nodev', 'noexec', `size=${LIMITS.sandbox.tmpfsBytes}`]));
    }
  });

  it("keeps /grader root's alone, /submission read-only for the student and the home the student's", () => {
    const mounts = host.Tmpfs ?? {};
    expect(mounts[CONTAINER_LAYOUT.graderDir]).toContain('mode=0700');
    expect(mounts[CONTAINER_LAYOUT.graderDir]).not.toContain('uid=');
    expect(mounts[CONTAINER_LAYOUT.submissionDir]).toContain('mode=0755');
    expect(mounts[CONTAINER_LAYOUT.tmpDir]).toContain('mode=1777');
    expect(mounts[CONTAINER_LAYOUT.studentHome]).toContain(`uid=${STUDENT.uid},gid=${STUDENT.gid}`);
  });

  it('runs the harness as root under an init that reaps orphans, with a private IPC namespace', () => {
    expect(options.User).toBe('0:0');
    expect(host.Init).toBe(true);
    expect(host.IpcMode).toBe('private');
    expect(options.Hostname).toBe('sandbox');
  });

  it('passes no environment beyond PATH', () => {
    expect(options.Env).toEqual([expect.stringMatching(/^PATH=/)]);
  });

  it('keeps stdin open for one document and logs nothing on the host', () => {
    expect(options).toMatchObject({ OpenStdin: true, StdinOnce: true, AttachStdin: true, Tty: false });
    expect(host.LogConfig?.Type).toBe('none');
    expect(host.AutoRemove).toBe(false);
  });

  it('labels the container for the sweeper', () => {
    expect(options.Labels).toEqual({
      [SANDBOX_LABELS.managed]: 'true',
      [SANDBOX_LABELS.submission]: 'sub-1',
      [SANDBOX_LABELS.deadline]: '1700000000000',
    });
  });
});

describe('wallTimeMs', () => {
  const common = { slug: 'x', title: 'x', files: [{ path: 'app.js', starter: 's/app.js' }], solution: { 'app.js': 'r/app.js' }, maxScore: 2 };

  it("is every test's time plus the sandbox overhead", () => {
    const manifest = ExerciseManifest.parse({
      ...common,
      files: [{ path: 'query.sql', starter: 's/q.sql' }],
      solution: { 'query.sql': 'r/q.sql' },
      kind: 'sql-query',
      limits: { testTimeMs: 3000 },
      tests: [1, 2].map((i) => ({ name: `t${i}`, points: 1, dataset: 'd.sql' })),
    });
    expect(wallTimeMs(manifest)).toBe(2 * 3000 + LIMITS.sandbox.overheadMs);
  });

  it("counts a server's start-up time in each test", () => {
    const manifest = ExerciseManifest.parse({
      ...common,
      kind: 'rest-endpoint',
      limits: { testTimeMs: 3000 },
      rest: { testsFile: 'tests/cases.js', startupTimeMs: 2000 },
      tests: [1, 2].map((i) => ({ name: `t${i}`, points: 1, case: `c${i}` })),
    });
    expect(wallTimeMs(manifest)).toBe(2 * (3000 + 2000) + LIMITS.sandbox.overheadMs);
  });
});
