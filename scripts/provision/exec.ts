import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ProvisionError, tail } from './errors';
import { LIMITS } from '@grader/contracts/src/limits';

/**
 * Running programs: always with an argument array (never a shell string), output captured.
 */

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the program after this long (default: no limit). */
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command as a person would type it, for messages only (never executed). */
export function formatCommand(cmd: string, args: readonly string[]): string {
  return [cmd, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Runs a program to completion; resolves with its exit code whatever it is. */
export function tryRun(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const keep = (acc: string, chunk: Buffer) => {
      const next = acc + chunk.toString('utf8');
      return next.length > LIMITS.tooling.commandOutputBytes ? next.slice(-LIMITS.tooling.commandOutputBytes) : next;
    };
    child.stdout.on('data', (c: Buffer) => (stdout = keep(stdout, c)));
    child.stderr.on('data', (c: Buffer) => (stderr = keep(stderr, c)));
    const timer =
      options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new ProvisionError(`cannot run ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** Runs a program; throws a ProvisionError with the output's tail unless it exits 0. */
export async function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await tryRun(cmd, args, options);
  if (result.code !== 0) {
    throw new ProvisionError(
      `\`${formatCommand(path.basename(cmd), args)}\` exited with code ${result.code}`,
      tail(`${result.stdout}\n${result.stderr}`),
    );
  }
  return result;
}

/** Directories searched for system programs besides PATH (a non-root PATH often lacks sbin). */
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Absolute path of an executable found on PATH or in the system directories, or undefined. */
export function findExecutable(name: string, pathEnv: string | undefined = process.env.PATH): string | undefined {
  const dirs = [...(pathEnv ?? '').split(path.delimiter).filter(Boolean), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      if (fs.statSync(candidate).isFile()) {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      }
    } catch {
      // not there
    }
  }
  return undefined;
}

/** PATH with the system directories appended, for daemons that look up helpers (containerd, runc). */
export function systemPath(pathEnv: string | undefined = process.env.PATH): string {
  const dirs = (pathEnv ?? '').split(path.delimiter).filter(Boolean);
  for (const d of SYSTEM_DIRS) if (!dirs.includes(d)) dirs.push(d);
  return dirs.join(path.delimiter);
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined, or the time is up (then undefined). */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs, intervalMs = 200 }: { timeoutMs: number; intervalMs?: number },
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return undefined;
    await sleep(intervalMs);
  }
}
