import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type Docker from 'dockerode';
import { POOLED_SUBMISSION, containerOptions } from '../../worker/src/sandbox/container-policy';
import type { ProvisionContext } from './context';
import { dockerClient } from './docker-engine';
import { oneLine } from './errors';
import { isRoot, sleep } from './exec';
import { done, type Progress, type StepOutcome } from './progress';

/**
 * The OCI runtime the engine starts sandbox containers with. One container per submission means
 * a class's deadline pays one container start per submission, and crun (C) starts one for less
 * CPU than runc (Go, whose `runc init` also copies its own binary into every container: the fix
 * of CVE-2019-5736): a burst of 40 gradings drained at 0.65 and 0.78 of the floor with crun, 0.52
 * and 0.59 with runc, alternating on the 2-core machine (docs/benchmarks.md). Both enforce the
 * same settings (container-policy.ts); the adversarial suite runs on whichever is the default.
 *
 * So where this provisioning is root on the engine's host, crun is installed, registered in
 * daemon.json and made the engine's default runtime, once a container with the sandbox's
 * settings has started with it; runc stays, and the step says why, when any of that fails.
 * GRADER_SANDBOX_RUNTIME=engine leaves the engine's runtime as it is.
 */
export async function ensureContainerRuntime(ctx: ProvisionContext, progress: Progress, image: string): Promise<StepOutcome<void>> {
  const docker = dockerClient(ctx.config.dockerSocket);
  const before = ((await docker.info()) as EngineInfo).DefaultRuntime;
  if (ctx.config.sandboxRuntime === 'engine') return done(`${before}, the engine's default (GRADER_SANDBOX_RUNTIME=engine)`);
  if (!isRoot()) {
    if (before === 'crun') return done("crun, the engine's default runtime");
    return done(`${before}, the engine's default (crun would start sandboxes for less CPU; making it the default needs root)`);
  }
  try {
    const crun = await ctx.apt.ensureCommand('crun', 'crun', progress);
    // Again on every run: the mounts do not outlive a reboot, daemon.json does.
    const mounted = mountHybridControllers(fs.readFileSync('/proc/mounts', 'utf8'), progress);
    if (before !== 'crun') {
      progress("making crun the engine's default runtime");
      writeDaemonConfig(DAEMON_JSON, (config) => withDefaultRuntime(config, 'crun', crun.path));
      await reloadEngine(docker, 'crun');
    }
    await probe(docker, image);
    const how = before === 'crun' ? "crun, the engine's default runtime" : "crun, now the engine's default runtime";
    return done(`${how}${mounted.length > 0 ? ` (cgroup v1 hierarchies mounted for ${mounted.join(', ')}: crun refuses a hybrid host's cgroup v2 tree that holds controllers)` : ''}`);
  } catch (err) {
    // Back to the engine's built-in default (runc): a sandbox that cannot start is every submission's grader error.
    if (fs.existsSync(DAEMON_JSON)) writeDaemonConfig(DAEMON_JSON, (config) => withDefaultRuntime(config, 'runc'));
    const after = await reloadEngine(docker, 'runc').catch(async () => ((await docker.info()) as EngineInfo).DefaultRuntime);
    return done(`${after}, the engine's default (crun could not be used: ${oneLine(err)})`);
  }
}

/**
 * Run right after the engine answers, before anything builds or starts a container: an engine
 * whose daemon.json already names crun (a provisioning before a reboot, which the cgroup mounts
 * do not outlive) would otherwise fail every image build's RUN step on a hybrid host until
 * ensureContainerRuntime runs. Nothing to do when not root or when crun is not the default.
 */
export async function prepareCgroupsForCrun(ctx: ProvisionContext, progress: Progress): Promise<StepOutcome<void>> {
  const runtime = ((await dockerClient(ctx.config.dockerSocket).info()) as EngineInfo).DefaultRuntime;
  if (runtime !== 'crun' || !isRoot()) return done(`nothing to prepare (the engine runs ${runtime})`);
  const mounted = mountHybridControllers(fs.readFileSync('/proc/mounts', 'utf8'), progress);
  return done(mounted.length > 0 ? `cgroup v1 hierarchies mounted for ${mounted.join(', ')}, which crun needs out of the hybrid v2 tree` : 'ready for crun');
}

interface EngineInfo {
  DefaultRuntime: string;
  Runtimes?: Record<string, unknown>;
}

const DAEMON_JSON = '/etc/docker/daemon.json';
const DAEMON_PID = '/var/run/docker.pid';
const CGROUP_ROOT = '/sys/fs/cgroup';
/** How long the engine has to take a reloaded configuration in. */
const RELOAD_MS = 10_000;

/**
 * daemon.json with crun registered (`path`) and made the default, or with runc (the engine's
 * built-in) named the default. Named, not dropped: a reload keeps the default it had when the
 * setting is merely absent (seen: crun stayed after `default-runtime` was deleted and SIGHUP sent).
 */
export function withDefaultRuntime(config: Record<string, unknown>, runtime: 'crun' | 'runc', path?: string): Record<string, unknown> {
  if (runtime === 'runc') return { ...config, 'default-runtime': 'runc' };
  const runtimes = { ...((config.runtimes as Record<string, unknown> | undefined) ?? {}), [runtime]: { path } };
  return { ...config, runtimes, 'default-runtime': runtime };
}

function writeDaemonConfig(file: string, change: (config: Record<string, unknown>) => Record<string, unknown>): void {
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.mkdirSync('/etc/docker', { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(change(current), null, 2)}\n`);
}

/**
 * SIGHUP makes dockerd read daemon.json again (runtimes and default-runtime are reloadable).
 * Resolves with the default runtime once it is `expected`.
 */
async function reloadEngine(docker: Docker, expected: 'crun' | 'runc'): Promise<string> {
  const pid = Number(fs.readFileSync(DAEMON_PID, 'utf8').trim());
  process.kill(pid, 'SIGHUP');
  const deadline = Date.now() + RELOAD_MS;
  for (;;) {
    const now = ((await docker.info()) as EngineInfo).DefaultRuntime;
    if (now === expected) return now;
    if (Date.now() > deadline) throw new Error(`the engine did not take ${expected} as its default after a reload`);
    await sleep(100);
  }
}

/**
 * The controllers that the cgroup v2 tree of a hybrid host holds (`/sys/fs/cgroup/unified`) and
 * no v1 hierarchy does: crun refuses to run while there is any ("cgroups in hybrid mode not
 * supported, drop all controllers from cgroupv2"). Empty on a pure v1 or v2 host.
 */
export function hybridControllers(mounts: string, readControllers: () => string): string[] {
  const entries = mounts.split('\n').map((line) => line.split(' '));
  const unified = entries.some(([, target, type]) => target === `${CGROUP_ROOT}/unified` && type === 'cgroup2');
  if (!unified) return [];
  const v1 = new Set(entries.filter(([, , type]) => type === 'cgroup').flatMap(([, , , options]) => (options ?? '').split(',')));
  return readControllers().trim().split(/\s+/).filter((c) => c !== '' && !v1.has(c));
}

/** Moves each hybrid controller to a v1 hierarchy of its own (a controller is in one hierarchy at a time). */
function mountHybridControllers(mounts: string, progress: Progress): string[] {
  const controllers = hybridControllers(mounts, () => fs.readFileSync(`${CGROUP_ROOT}/unified/cgroup.controllers`, 'utf8'));
  for (const controller of controllers) {
    progress(`mounting a cgroup v1 hierarchy for ${controller}`);
    const target = `${CGROUP_ROOT}/${controller}`;
    fs.mkdirSync(target, { recursive: true });
    const { status, stderr } = spawnSync('mount', ['-t', 'cgroup', '-o', controller, 'cgroup', target], { encoding: 'utf8' });
    if (status !== 0) throw new Error(`mount -t cgroup -o ${controller}: ${String(stderr).trim()}`);
  }
  return controllers;
}

/** A container with every sandbox setting starts and exits 0 under the new default runtime. */
async function probe(docker: Docker, image: string): Promise<void> {
  const options = containerOptions({ image, submissionId: POOLED_SUBMISSION, deadline: Date.now() + 60_000, memoryMb: 64 });
  const container = await docker.createContainer({ ...options, Entrypoint: ['/bin/true'], AttachStdin: false, OpenStdin: false, StdinOnce: false });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    if (StatusCode !== 0) throw new Error(`a sandbox container exited ${StatusCode}`);
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
