import { randomBytes } from 'node:crypto';
import type { ContainerCreateOptions } from 'dockerode';
import { LIMITS, testSlotMs, type ExerciseManifest, type WarmProfile } from '@grader/contracts';
import { CONTAINER_LAYOUT, EPHEMERAL_PORTS, STUDENT, WARM_PROFILE_ENV } from '@grader/harness';

/** Labels on every sandbox container: they let any worker find and sweep leftovers safely. */
export const SANDBOX_LABELS = {
  managed: 'grader.managed',
  submission: 'grader.submission',
  /** Epoch milliseconds after which the container has no reason to exist. */
  deadline: 'grader.deadline',
  /** Set on a warm container, made before any submission was known (warm-pool.ts). */
  pooled: 'grader.pooled',
  /** The worker that made it (its id: host, pid, random): on an engine several workers share, whose it is. */
  worker: 'grader.worker',
} as const;

/** How a warm container's name starts while it waits in the pool. */
export const POOL_NAME_PREFIX = 'grader-pool-';

/** The submission label of a warm container: it learns its submission only by its name, at claim. */
export const POOLED_SUBMISSION = 'pool';

/**
 * A sandbox container's name: `grader-run-<submission>-<random>` once it runs a submission
 * (tests and operators find a submission's container by it), `grader-pool-<random>` while it
 * waits in the pool. The random part keeps two runs of one submission (a retry) apart.
 */
export function containerName(submissionId: string): string {
  const suffix = randomBytes(4).toString('hex');
  if (submissionId === POOLED_SUBMISSION) return `${POOL_NAME_PREFIX}${suffix}`;
  return `grader-run-${submissionId.replace(/[^a-zA-Z0-9_.-]/g, '_').slice(0, 100)}-${suffix}`;
}

export interface ContainerPolicyRequest {
  image: string;
  /** The submission it runs, or POOLED_SUBMISSION for a warm container. */
  submissionId: string;
  /** Epoch milliseconds; see wallTimeMs. */
  deadline: number;
  /** The container's memory, MiB (the exercise's, or the default for a warm container). */
  memoryMb: number;
  /** For a warm container: what its harness prepares while it waits (WARM_PROFILE_ENV). */
  warmProfile?: WarmProfile;
  /** The id of the worker making it, for the worker label. */
  workerId?: string;
}

/**
 * Wall time for a whole run: every test's own wall time (for a server, its start-up too) as
 * far as the harness may stretch it for a process a busy host kept waiting for a CPU
 * (LIMITS.exercise.starvedFactor), plus container start, harness set-up and teardown. A
 * backstop for a harness that cannot end the run: one that keeps its own limits never meets it.
 */
export function wallTimeMs(manifest: ExerciseManifest): number {
  return manifest.tests.length * testSlotMs(manifest) + LIMITS.sandbox.overheadMs;
}

const MIB = 1024 * 1024;

/** A tmpfs mount's options: bounded, no device files, no set-uid, no executables. */
function tmpfs(mode: string, owner?: { uid: number; gid: number }): string {
  const options = ['rw', 'nosuid', 'nodev', 'noexec', `size=${LIMITS.sandbox.tmpfsBytes}`, `mode=${mode}`];
  if (owner) options.push(`uid=${owner.uid}`, `gid=${owner.gid}`);
  return options.join(',');
}

/**
 * Every setting of a sandbox container, in one place, with its reason. The harness inside
 * is trusted and runs as root with almost no capabilities; it drops each student process
 * to STUDENT's uid and gid.
 */
export function containerOptions(request: ContainerPolicyRequest): ContainerCreateOptions {
  const memoryBytes = request.memoryMb * MIB;
  const pooled = request.submissionId === POOLED_SUBMISSION;
  return {
    name: containerName(request.submissionId),
    Image: request.image,
    Labels: {
      [SANDBOX_LABELS.managed]: 'true',
      [SANDBOX_LABELS.submission]: request.submissionId,
      [SANDBOX_LABELS.deadline]: String(request.deadline),
      ...(pooled ? { [SANDBOX_LABELS.pooled]: 'true' } : {}),
      ...(request.workerId ? { [SANDBOX_LABELS.worker]: request.workerId } : {}),
    },
    // No name of the host leaks in; the same for every run.
    Hostname: 'sandbox',
    // The harness needs root to prepare /grader and /submission and to switch to the student's uid.
    User: '0:0',
    WorkingDir: '/',
    Cmd: [],
    // Nothing of the worker's environment, and no secret, goes in. A warm container's harness is
    // told what to prepare while it waits in its environment, which student processes (another
    // uid, a fresh environment) cannot read, rather than on its command line, which they can.
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...(request.warmProfile ? [`${WARM_PROFILE_ENV}=${request.warmProfile}`] : [])],
    // One input document in through stdin, closed after it (StdinOnce), results out through the attach stream.
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: true,
    Tty: false,
    // No network at all: nothing to exfiltrate hidden tests to, nothing to attack.
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: 'none',
      // The image cannot be changed; writable space is only the tmpfs mounts below.
      ReadonlyRootfs: true,
      // SETUID/SETGID: the harness (root) drops children to the student's uid and gid, and their
      // supplementary groups. KILL: root without it cannot signal another uid's processes.
      CapDrop: ['ALL'],
      CapAdd: ['SETUID', 'SETGID', 'KILL'],
      // No privilege regained through exec; Docker's default seccomp profile stays on (never unconfined).
      SecurityOpt: ['no-new-privileges:true'],
      // Fork bombs stop here.
      PidsLimit: LIMITS.sandbox.pids,
      // The exercise's memory for the whole container; swap equal to memory means no swap at all.
      // (A warm container gets the default and is set to the exercise's at claim: memoryUpdate.)
      Memory: memoryBytes,
      MemorySwap: memoryBytes,
      // One CPU per container: two submissions on a two-core host do not starve it.
      NanoCpus: Math.round(LIMITS.sandbox.cpus * 1e9),
      Ulimits: [
        // Enough open files for Node, not enough to exhaust the host's.
        { Name: 'nofile', Soft: LIMITS.sandbox.openFiles, Hard: LIMITS.sandbox.openFiles },
        // No single file may fill a tmpfs (or memory) in one go.
        { Name: 'fsize', Soft: LIMITS.sandbox.fileSizeBytes, Hard: LIMITS.sandbox.fileSizeBytes },
        // A crash must not write a core dump of the harness's memory (hidden tests) anywhere.
        { Name: 'core', Soft: 0, Hard: 0 },
      ],
      Tmpfs: {
        // The harness's private workspace: hidden datasets and reference databases.
        [CONTAINER_LAYOUT.graderDir]: tmpfs('0700'),
        // The student's files, written by the harness: readable, not writable, by the student.
        [CONTAINER_LAYOUT.submissionDir]: tmpfs('0755'),
        // Scratch space for everyone; SQLite's temporary files go here.
        [CONTAINER_LAYOUT.tmpDir]: tmpfs('1777'),
        // A home the student owns, for tools that insist on one. 0755, as the image's directory and
        // as the harness resets it between tests: the harness (root without DAC capabilities) enters
        // it as it starts a student process (libuv's chdir comes before the uid switch). runc gave a
        // tmpfs its mount point's mode whatever the option said; crun applies the option.
        [CONTAINER_LAYOUT.studentHome]: tmpfs('0755', STUDENT),
      },
      // Read-only, as the engine's defaults (which this list replaces), and the cgroup tree: crun on a
      // cgroup v1 host mounts a tmpfs there that anyone may write (1777), a place whose files would
      // outlive a test (the harness clears only the student's scratch space). Its controllers'
      // files, which the harness reads (oom-counter.ts, pids-usage.ts), stay readable.
      ReadonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger', '/sys/fs/cgroup'],
      // Own IPC namespace; POSIX shared memory is not used by anything in the sandbox.
      IpcMode: 'private',
      // The container's own network namespace picks its connections' local ports from here, never
      // the student app's port (STUDENT_APP_PORT): whatever the host's tuning, it is this range.
      Sysctls: { 'net.ipv4.ip_local_port_range': `${EPHEMERAL_PORTS.first} ${EPHEMERAL_PORTS.last}` },
      ShmSize: 1 * MIB,
      // docker-init as PID 1 reaps orphans and forwards signals; the harness is PID 2.
      Init: true,
      // Output is taken from the attach stream only; nothing is logged to the host's disk.
      LogConfig: { Type: 'none', Config: {} },
      // We inspect the exited container (OOMKilled) before removing it ourselves.
      AutoRemove: false,
      Privileged: false,
      PublishAllPorts: false,
      // No host path, no Docker socket, no device inside.
      Binds: [],
      Mounts: [],
      Devices: [],
    },
  };
}

/**
 * The engine update that gives a warm container an exercise's memory (Docker's container
 * update; both values, as swap must stay equal to memory). Undefined when it already has it.
 */
export function memoryUpdate(currentMb: number, wantedMb: number): { Memory: number; MemorySwap: number } | undefined {
  if (wantedMb === currentMb) return undefined;
  const bytes = wantedMb * MIB;
  return { Memory: bytes, MemorySwap: bytes };
}
