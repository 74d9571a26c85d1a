import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import type { ProvisionContext } from './context';
import { ProvisionError, oneLine, tail } from './errors';
import { isRoot, systemPath, waitFor } from './exec';
import { done, type Progress, type StepOutcome } from './progress';
import { LIMITS } from '@grader/contracts/src/limits';

const DEFAULT_SOCKET = '/var/run/docker.sock';

/** A client of the engine on the configured socket (no request timeout: builds take minutes). */
export function dockerClient(socketPath: string): Docker {
  return new Docker({ socketPath });
}

async function ping(socketPath: string): Promise<{ ok: true } | { ok: false; code?: string; error: string }> {
  try {
    await new Docker({ socketPath, timeout: LIMITS.tooling.dockerPingTimeoutMs }).ping();
    return { ok: true };
  } catch (err) {
    return { ok: false, code: (err as NodeJS.ErrnoException).code, error: oneLine(err) };
  }
}

/** "docker engine 20.10.24 (runc) answering on /var/run/docker.sock (<how>)" */
async function describeEngine(socketPath: string, how: string): Promise<string> {
  const docker = dockerClient(socketPath);
  const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<{ DefaultRuntime?: string }>]);
  return `docker engine ${version.Version} (${info.DefaultRuntime ?? 'unknown runtime'}) answering on ${socketPath} (${how})`;
}

/** dockerd's arguments: the configured socket when it is not the default one. */
export function dockerdArgs(socketPath: string): string[] {
  return socketPath === DEFAULT_SOCKET ? [] : ['--host', `unix://${socketPath}`];
}

/**
 * Starts dockerd in the background, detached from this process (there is no systemd),
 * its output appended to `logFile`. Resolves when the engine answers; throws with the
 * log's tail if it exits or stays silent.
 */
async function startDockerd(dockerd: string, socketPath: string, logFile: string): Promise<void> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  const logStart = fs.fstatSync(out).size;
  let exited: string | undefined;
  try {
    const child = spawn(dockerd, dockerdArgs(socketPath), {
      detached: true,
      cwd: '/', // not the checkout: the daemon outlives this process
      stdio: ['ignore', out, out],
      env: { ...process.env, PATH: systemPath() },
    });
    child.on('error', (err) => (exited = err.message));
    child.on('exit', (code, signal) => (exited = `dockerd exited (${signal ?? `code ${code}`})`));
    child.unref();
  } finally {
    fs.closeSync(out);
  }
  const up = await waitFor(async () => (exited ? false : (await ping(socketPath)).ok || undefined), {
    timeoutMs: LIMITS.tooling.dockerStartMs,
    intervalMs: 250,
  });
  if (up === true) return;
  const logText = fs.readFileSync(logFile, 'utf8').slice(logStart);
  throw new ProvisionError(
    `${exited ?? `dockerd did not answer on ${socketPath} within ${LIMITS.tooling.dockerStartMs / 1000} s`} (log: ${logFile})`,
    tail(logText),
  );
}

/** Step: a Docker engine answers on GRADER_DOCKER_SOCKET (installed and started here if need be). */
export async function ensureDockerEngine(ctx: ProvisionContext, progress: Progress): Promise<StepOutcome<void>> {
  const socketPath = ctx.config.dockerSocket;
  const first = await ping(socketPath);
  if (first.ok) return done(await describeEngine(socketPath, 'already running'));
  if (first.code === 'EACCES') {
    throw new ProvisionError(`permission denied on ${socketPath}: run as root or join the docker group`);
  }

  const dockerd = await ctx.apt.ensureCommand('dockerd', 'docker.io', progress);
  if (dockerd.installed) {
    const after = await ping(socketPath);
    if (after.ok) return done(await describeEngine(socketPath, 'installed; started by the package'));
  }
  if (!isRoot()) {
    throw new ProvisionError(`no Docker engine answers on ${socketPath} (${first.error}) and starting dockerd needs root`);
  }

  progress(`starting dockerd (no engine answers on ${socketPath})`);
  await startDockerd(dockerd.path, socketPath, path.join(ctx.config.dataDir, 'dockerd.log'));
  return done(await describeEngine(socketPath, dockerd.installed ? 'installed and started' : 'started'));
}
