import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { LIMITS } from '../../../contracts';
import { STUDENT } from '../../../container-layout';
import { killProcessesOfUid } from '../../../common/process/kill-student-processes';
import { runAsStudent, type StudentProcessOutcome } from '../../../common/process/run-as-student';
import { RequestFailed, RequestTimedOut, ResponseTooLarge, exchange } from '../http-exchange';
import { RESET_PATH_PREFIX } from '../reset-path';
import type { RestTestOutcome } from '../rest-outcome';
import { limitOverrun } from '../run-rest-test';
import { starvedStart, waitForListening } from '../wait-for-listening';
import { chargedTimeout } from '../../../common/process/charged-time';
import type { AppSide } from './check';
import { sendRequest, type AppAddress } from './send';
import type { AppLauncher } from '../app-launcher';

/**
 * An app of a generated check served by a long-lived runner process (rest-runner.js with a
 * reset token): the student's as uid 1001 on its loopback port, or the reference as the
 * harness's user on a Unix socket. Before each sequence the process is made to build its app
 * again (about a millisecond), instead of starting a new process (a hundred or more); a new
 * process is started only when asked (`fresh`), when the last one ended (a crash, a time-out),
 * or when the app cannot be built twice in one process, after which every sequence gets one.
 */
export interface AppProcessOptions {
  /** The module that exports createApp(), already compiled. */
  entryPath: string;
  /** The entry as the student wrote it, for messages (StudentAppRequest.entryName). */
  entryName?: string;
  /** How the app's runner is started (appLauncher of the exercise's language). */
  launcher: AppLauncher;
  address: AppAddress;
  /** The reference: run as the harness's user. */
  trusted: boolean;
  cwd: string;
  startupTimeMs: number;
  /** The time a sequence may take (testTimeMs), for the message of one that ran out of it. */
  testTimeMs: number;
  /** Wall time one process may live, at first: the check's whole budget (see `lifetimeMs` below). */
  lifetimeMs: number;
  memoryMb: number;
  /** Stdout and stderr together, over a process's life, beyond which it is killed. */
  outputLimitBytes: number;
  /** Runs between the end of a process and the start of the next (clearing the student's files). */
  beforeRestart?: () => Promise<void>;
}

/** How long a failed connection waits for the app's process to end, to tell a crash from a reset. */
const CRASH_GRACE_MS = 300;
/** The time a reset may take: loading the module again and createApp(). */
const RESET_TIMEOUT_MS = 3_000;
const LOG_LINES = 12;
const LOG_CHARS = 1_500;

interface Running {
  finished: Promise<StudentProcessOutcome>;
  /** One connection kept alive to this process: a request costs half as much as on a fresh connection. */
  agent: http.Agent;
  stop(): Promise<StudentProcessOutcome>;
  ended: boolean;
  /** Its pid, once spawned. */
  pid(): number | undefined;
  /** Its app is fresh: just built, and no request has reached it since. */
  clean: boolean;
  token: string;
}

export class AppProcess implements AppSide {
  private running: Running | undefined;
  /** False once the app could not be built a second time in one process: every sequence then gets a new process. */
  resettable = true;
  /** Processes started, the first included. */
  processes = 0;
  /** Wall time the next process started may live: each check sets its own budget. */
  lifetimeMs: number;
  /** Apps built afresh (a new process, or one made to build its app again) and their wall time in all, milliseconds (AppSide.starts). */
  readonly starts = { count: 0, totalMs: 0 };

  constructor(private readonly options: AppProcessOptions) {
    this.lifetimeMs = options.lifetimeMs;
  }

  async reset({ fresh }: { fresh: boolean }): Promise<RestTestOutcome | undefined> {
    if (!fresh && this.resettable && this.running && !this.running.ended) {
      // Made ready by finish() after the last sequence, or just started.
      if (this.running.clean) return undefined;
      const outcome = await this.askReset(this.running);
      if (outcome === 'ok') return undefined;
      // Built once, not twice (a file database created at load, a port of its own): a process per sequence from now on.
      this.resettable = false;
    }
    return this.start();
  }

  async finish(): Promise<RestTestOutcome | undefined> {
    const running = this.running;
    if (!running) return undefined;
    running.clean = false;
    if (this.resettable && !running.ended && (await this.askReset(running)) === 'ok') {
      running.clean = true;
      return undefined;
    }
    const ended = await Promise.race([running.finished, sleep(CRASH_GRACE_MS).then(() => undefined)]);
    if (!ended) {
      // Alive, but its app cannot be built again: a process per sequence from now on.
      this.resettable = false;
      return undefined;
    }
    return limitOverrun(ended, this.options) ?? { kind: 'crash', log: logTail(ended) };
  }

  send(request: Parameters<AppSide['send']>[0], timeoutMs: number, timeUp?: AbortSignal) {
    if (this.running) this.running.clean = false;
    return sendRequest(this.options.address, request, timeoutMs, this.running?.agent, timeUp);
  }

  /** The student's app is charged the time its process could run (the reference, trusted, has wall time). */
  sequenceClock(limitMs: number): { timeUp: AbortSignal; stop(): void } {
    const overrun = new AbortController();
    const running = this.running;
    const stop = this.options.trusted ? timeoutOf(limitMs, overrun) : chargedTimeout(() => running?.pid(), limitMs, () => overrun.abort());
    return { timeUp: overrun.signal, stop };
  }

  async failure(error: unknown): Promise<RestTestOutcome> {
    const running = this.running;
    const label = (error as { request?: string }).request;
    if (!running) return { kind: 'internal', message: 'no app process to ask' };
    if (error instanceof RequestTimedOut) {
      const ended = await this.stop();
      return (ended && limitOverrun(ended, this.options)) || { kind: 'no-answer', ...(label !== undefined && { request: label }), limitMs: this.options.testTimeMs };
    }
    if (error instanceof ResponseTooLarge) return { kind: 'too-large', request: error.request, limitBytes: error.limitBytes };
    if (error instanceof RequestFailed) {
      const exited = await Promise.race([running.finished.then(() => true), sleep(CRASH_GRACE_MS).then(() => false)]);
      if (!exited) return { kind: 'connection', request: error.request, reason: error.reason };
      const ended = await running.finished;
      return limitOverrun(ended, this.options) ?? { kind: 'crash', log: logTail(ended) };
    }
    throw error;
  }

  /** Stops the process, if any; resolves with how it ended. */
  async stop(): Promise<StudentProcessOutcome | undefined> {
    const running = this.running;
    this.running = undefined;
    return running?.stop();
  }

  private start(): Promise<RestTestOutcome | undefined> {
    return this.timed(() => this.startProcess());
  }

  private async timed<T>(work: () => Promise<T>): Promise<T> {
    const began = performance.now();
    try {
      return await work();
    } finally {
      this.starts.count += 1;
      this.starts.totalMs += performance.now() - began;
    }
  }

  private async startProcess(): Promise<RestTestOutcome | undefined> {
    await this.stop();
    // Whatever an earlier process of this side left (files in the student's home or /tmp) goes first.
    if (this.processes > 0) await this.options.beforeRestart?.();
    this.processes += 1;
    const options = this.options;
    const token = randomBytes(16).toString('hex');
    const stopping = new AbortController();
    let pid: number | undefined;
    const finished = runAsStudent({
      onSpawn: (child) => (pid = child.pid),
      command: options.launcher.command,
      args: options.launcher.args,
      cwd: options.cwd,
      timeoutMs: this.lifetimeMs,
      stdoutCapBytes: LIMITS.exercise.outputBytes,
      stderrCapBytes: LIMITS.exercise.outputBytes,
      outputLimitBytes: options.outputLimitBytes,
      trusted: options.trusted,
      env: {
        ...options.launcher.env,
        ...('port' in options.address ? { PORT: String(options.address.port) } : { GRADER_APP_SOCKET: options.address.socketPath }),
        GRADER_APP_ENTRY: options.entryPath,
        ...(options.entryName && { GRADER_APP_NAME: options.entryName }),
        GRADER_RESET_TOKEN: token,
      },
      signal: stopping.signal,
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const running: Running = {
      finished,
      agent,
      token,
      pid: () => pid,
      ended: false,
      clean: true,
      stop: () => {
        agent.destroy();
        stopping.abort();
        return finished;
      },
    };
    void finished.then(() => (running.ended = true));
    this.running = running;

    const address = 'port' in options.address ? options.address.port : options.address;
    // The student's app is not failed for a busy host (starvedStart); the trusted reference has its time.
    const starved = options.trusted ? undefined : starvedStart(() => pid, options.startupTimeMs * LIMITS.exercise.starvedFactor);
    const state = await waitForListening(address, options.startupTimeMs, finished, starved);
    if (state === 'listening') return undefined;
    const ended = (await this.stop())!;
    const limit = limitOverrun(ended, options);
    if (limit) return limit;
    if (ended.spawnError) return { kind: 'internal', message: `the app runner could not start: ${ended.spawnError}` };
    if (state === 'exited') return { kind: 'start-crash', log: logTail(ended), exit: ended.signal ? `signal ${ended.signal}` : `exit code ${ended.exitCode}` };
    return { kind: 'start-silent', limitMs: options.startupTimeMs };
  }

  private askReset(running: Running): Promise<'ok' | 'failed'> {
    return this.timed(() => this.sendReset(running));
  }

  private async sendReset(running: Running): Promise<'ok' | 'failed'> {
    // What the student's last app started (a child process, detached or not) goes with it, as it
    // would with a new process: one a load starts would otherwise pile up, reset after reset,
    // until the pids limit fails a correct app as a fork bomb.
    const pid = running.pid();
    if (!this.options.trusted && pid !== undefined) killProcessesOfUid(STUDENT.uid, undefined, new Set([pid]));
    try {
      const res = await exchange({ ...this.options.address, method: 'POST', path: `${RESET_PATH_PREFIX}${running.token}`, headers: {}, timeoutMs: RESET_TIMEOUT_MS, maxResponseBytes: 64 * 1024, agent: running.agent });
      return res.status === 204 ? 'ok' : 'failed';
    } catch {
      return 'failed';
    }
  }
}

function logTail(outcome: StudentProcessOutcome): string {
  const lines = outcome.stderr.text().trimEnd().split('\n').slice(-LOG_LINES).join('\n');
  return lines.length > LOG_CHARS ? `…${lines.slice(-LOG_CHARS)}` : lines;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function timeoutOf(ms: number, controller: AbortController): () => void {
  const timer = setTimeout(() => controller.abort(), ms);
  return () => clearTimeout(timer);
}
