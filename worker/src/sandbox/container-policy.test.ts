import { ExerciseManifest, LIMITS } from '@grader/contracts';
import { CONTAINER_LAYOUT, EPHEMERAL_PORTS, STUDENT, STUDENT_APP_PORT, WARM_PROFILE_ENV } from '@grader/harness';
import { containerName, containerOptions, memoryUpdate, POOLED_SUBMISSION, SANDBOX_LABELS, wallTimeMs } from './container-policy';

const options = containerOptions({ image: 'grader-sandbox-node', submissionId: 'sub-1', deadline: 1_700_000_000_000, memoryMb: 200 });
const host = options.HostConfig!;

describe('containerOptions', () => {
  it('cuts the network off entirely', () => {
    expect(host.NetworkMode).toBe('none');
    expect(options.NetworkDisabled).toBe(true);
  });

  it("picks its connections' local ports from a range the student app's port is outside of", () => {
    const [first, last] = host.Sysctls!['net.ipv4.ip_local_port_range']!.split(' ').map(Number);
    expect([first, last]).toEqual([EPHEMERAL_PORTS.first, EPHEMERAL_PORTS.last]);
    expect(STUDENT_APP_PORT < first! || STUDENT_APP_PORT > last!).toBe(true);
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

  it("keeps the engine's read-only paths and makes the cgroup tree read-only (crun mounts a world-writable tmpfs there)", () => {
    expect(host.ReadonlyPaths).toEqual(expect.arrayContaining(['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger', '/sys/fs/cgroup']));
    // Not set: the engine's masked paths (/proc/kcore, /proc/keys, /sys/firmware...) stay as they are.
    expect(host.MaskedPaths).toBeUndefined();
  });

  it('labels the container with the worker that made it, when it is told', () => {
    expect(options.Labels![SANDBOX_LABELS.worker]).toBeUndefined();
    const labelled = containerOptions({ image: 'grader-sandbox-node', submissionId: 'sub-1', deadline: 1, memoryMb: 200, workerId: 'host-1-42-abc' });
    expect(labelled.Labels![SANDBOX_LABELS.worker]).toBe('host-1-42-abc');
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

  it('opens the home to the harness (0755): it enters it as it starts a student process, before the uid switch', () => {
    // crun applies the mode asked for (runc gave the mount point's): 0700 made every student process fail to start (EACCES).
    expect(host.Tmpfs?.[CONTAINER_LAYOUT.studentHome]).toContain('mode=0755');
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

  it("names the container after its submission, with a random part that keeps a retry's container apart", () => {
    expect(options.name).toMatch(/^grader-run-sub-1-[0-9a-f]{8}$/);
    expect(containerName('sub-1')).not.toBe(containerName('sub-1'));
    expect(containerName('a/b:c d')).toMatch(/^grader-run-a_b_c_d-[0-9a-f]{8}$/);
  });
});

describe('a warm container (made before its submission is known)', () => {
  const warm = containerOptions({ image: 'grader-sandbox-node', submissionId: POOLED_SUBMISSION, deadline: 1_700_000_000_000, memoryMb: 200 });

  it('has every setting of a cold one but its name and labels', () => {
    const { name: _name, Labels: _labels, ...rest } = warm;
    const { name: _coldName, Labels: _coldLabels, ...cold } = options;
    expect(rest).toEqual(cold);
  });

  it("tells a warm container's harness what to prepare in its environment (not on a command line student code can read), and a cold one nothing", () => {
    expect(warm.Env).toEqual(options.Env);
    const typescript = containerOptions({ image: 'grader-sandbox-node', submissionId: POOLED_SUBMISSION, deadline: 1, memoryMb: 256, warmProfile: 'typescript' });
    expect(typescript.Env).toEqual([...options.Env!, `${WARM_PROFILE_ENV}=typescript`]);
    expect(typescript.Cmd).toEqual([]);
  });

  it('is labelled pooled and named as such until a submission claims it', () => {
    expect(warm.Labels).toMatchObject({ [SANDBOX_LABELS.pooled]: 'true', [SANDBOX_LABELS.submission]: POOLED_SUBMISSION });
    expect(warm.name).toMatch(/^grader-pool-[0-9a-f]{8}$/);
  });
});

describe('memoryUpdate', () => {
  it("sets memory and swap to the exercise's memory, so that swap stays off", () => {
    expect(memoryUpdate(256, 640)).toEqual({ Memory: 640 * 1024 * 1024, MemorySwap: 640 * 1024 * 1024 });
    expect(memoryUpdate(256, 128)).toEqual({ Memory: 128 * 1024 * 1024, MemorySwap: 128 * 1024 * 1024 });
  });

  it('asks for nothing when the warm container already has it', () => {
    expect(memoryUpdate(256, 256)).toBeUndefined();
  });
});

describe('wallTimeMs', () => {
  const common = { slug: 'x', title: 'x', files: [{ path: 'app.js', starter: 's/app.js' }], solution: { 'app.js': 'r/app.js' }, maxScore: 2 };

  it("is every test's time, as far as a busy host may stretch it, plus the sandbox overhead", () => {
    const manifest = ExerciseManifest.parse({
      ...common,
      files: [{ path: 'query.sql', starter: 's/q.sql' }],
      solution: { 'query.sql': 'r/q.sql' },
      kind: 'sql-query',
      limits: { testTimeMs: 3000 },
      tests: [1, 2].map((i) => ({ name: `t${i}`, points: 1, dataset: 'd.sql' })),
    });
    expect(wallTimeMs(manifest)).toBe(2 * 3000 * LIMITS.exercise.starvedFactor + LIMITS.sandbox.overheadMs);
  });

  it("counts a server's start-up time in each test", () => {
    const manifest = ExerciseManifest.parse({
      ...common,
      kind: 'rest-endpoint',
      limits: { testTimeMs: 3000 },
      rest: { testsFile: 'tests/cases.js', startupTimeMs: 2000 },
      tests: [1, 2].map((i) => ({ name: `t${i}`, points: 1, case: `c${i}` })),
    });
    expect(wallTimeMs(manifest)).toBe(2 * (3000 + 2000) * LIMITS.exercise.starvedFactor + LIMITS.sandbox.overheadMs);
  });
});
