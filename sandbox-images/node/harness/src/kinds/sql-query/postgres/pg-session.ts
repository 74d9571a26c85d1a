import type { ChildProcess } from 'node:child_process';
import { LIMITS } from '../../../contracts';
import { CONTAINER_LAYOUT } from '../../../container-layout';
import { closeRunner, Mailbox, type Timeout } from '../../../common/process/mailbox';
import { killProcessesOfUid } from '../../../common/process/kill-student-processes';
import { runAsStudent, type StudentProcessOutcome } from '../../../common/process/run-as-student';
import { parseRunnerOutput } from '../runner-output';
import { PG_LINE_PREFIX, PG_LOADED, PG_READY, type PgRequest, type PgResponse } from './pg-protocol';
import { runnerPath } from '../../../common/student-runner';
import { PG_RUNNER } from '../student-runners';

/**
 * A pg-runner process seen from the harness: started once, then given one test at a time.
 * The student's session runs as the student's uid; the reference solution's runs as the
 * harness's user (trusted) in a process of its own, whose memory is gone once it ends.
 */
export interface PgSessionOptions {
  /** Run as the harness's user (the reference solution) rather than the student's. */
  trusted: boolean;
  /** The PostgreSQL server the runner starts (not for runnerArgs' runners). */
  engine?: PgServerOptions;
  maxRows: number;
  startupTimeMs: number;
  /** Wall time of the whole session, after which it is killed whatever it does. */
  lifetimeMs: number;
  /** Bytes of one response line at most (the rows of one result). */
  maxLineBytes: number;
  stderrCapBytes: number;
  /** The runner script; the image's by default. */
  runnerPath?: string;
  /**
   * The runner's arguments after the script, instead of the cluster, the row limit and the work directory: the
   * SQLite runner speaks the same line protocol (`sql-runner.js --session <max rows>`).
   */
  runnerArgs?: string[];
  /** The Node binary and its environment, for tests outside the container. */
  cwd?: string;
}

export interface PgServerOptions {
  /** The cluster each engine copies (CONTAINER_LAYOUT.pgCluster). */
  clusterDir: string;
  /** Where the engine's copy goes: a tmpfs the server's uid may write. */
  workDir: string;
  /**
   * The identity of a trusted runner and its server (the reference's: REFERENCE_DB; PostgreSQL
   * refuses root). The server's processes are not in the runner's process group: every
   * process of that uid is killed once the runner has ended.
   */
  trustedAs?: { uid: number; gid: number };
}

export type SessionStart = { kind: 'ready'; session: PgSession } | { kind: 'failed'; why: 'timeout' | 'exited' | 'too-large'; outcome: StudentProcessOutcome };

export type SessionRun =
  | { kind: 'response'; response: PgResponse; durationMs: number }
  /** No answer in time: the session was stopped (its engine is stuck in the query). */
  | { kind: 'timeout'; durationMs: number; outcome: StudentProcessOutcome }
  /**
   * The process ended (or was killed: memory) before answering: while the student's query
   * ran (`during: 'query'`, after LOADED), or before it (`'load'`: emptying the database,
   * loading the dataset).
   */
  | { kind: 'ended'; during: 'load' | 'query'; durationMs: number; outcome: StudentProcessOutcome }
  /** The answer went over maxLineBytes: the session was stopped. */
  | { kind: 'too-large'; durationMs: number; outcome: StudentProcessOutcome }
  /** The answer is not a response of the protocol (a grader bug): the session was stopped. */
  | { kind: 'garbled'; durationMs: number; outcome: StudentProcessOutcome }
  /** The dataset did not load in time (the exercise's or the host's fault): the session was stopped. */
  | { kind: 'load-timeout'; durationMs: number; outcome: StudentProcessOutcome };

type SessionEvent = { kind: 'line'; line: string } | { kind: 'ended' } | { kind: 'too-large' };

export class PgSession {
  private child: ChildProcess | undefined;
  private pending = '';
  private readonly mailbox = new Mailbox<SessionEvent>();
  private ended = false;
  private tooLarge = false;
  private readonly stopping = new AbortController();
  private readonly finished: Promise<StudentProcessOutcome>;
  /** Resolves once the process is spawned, or could not be. */
  private readonly spawned: Promise<void>;

  private constructor(private readonly options: PgSessionOptions) {
    let spawned!: () => void;
    this.spawned = new Promise((resolve) => (spawned = resolve));
    this.finished = runAsStudent({
      args: [options.runnerPath ?? runnerPath(PG_RUNNER), ...(options.runnerArgs ?? engineArgs(options))],
      cwd: options.cwd ?? CONTAINER_LAYOUT.studentHome,
      timeoutMs: options.lifetimeMs,
      // The lines are read as they come (onStdout); nothing needs keeping twice.
      stdoutCapBytes: 0,
      stderrCapBytes: options.stderrCapBytes,
      stdin: 'pipe',
      trusted: options.trusted,
      ...(options.engine?.trustedAs ? { trustedAs: options.engine.trustedAs } : {}),
      signal: this.stopping.signal,
      onSpawn: (child) => {
        this.child = child;
        spawned();
      },
      onStdout: (chunk) => this.feed(chunk),
    });
    void this.finished.then(() => {
      const trustedAs = options.engine?.trustedAs;
      if (trustedAs) killProcessesOfUid(trustedAs.uid);
      spawned();
      this.ended = true;
      this.wake({ kind: 'ended' });
    });
  }

  /**
   * Starts a runner and waits for its engine to be up, within startupTimeMs from the spawn:
   * what comes before it (a dead engine's processes cleared, the pids it held awaited) is
   * not the engine's start, and must not eat its time on a busy host.
   */
  static async start(options: PgSessionOptions): Promise<SessionStart> {
    const session = new PgSession(options);
    await session.spawned;
    const event = await session.next(options.startupTimeMs);
    if (event.kind === 'line' && event.line === PG_READY) return { kind: 'ready', session };
    const outcome = await session.stop();
    if (event.kind === 'too-large') return { kind: 'failed', why: 'too-large', outcome };
    return { kind: 'failed', why: event.kind === 'timeout' ? 'timeout' : 'exited', outcome };
  }

  /**
   * One test: the dataset loaded on an empty database (within `loadTimeMs`, the exercise's
   * own time), then the query, within `timeoutMs` from the moment the dataset is in.
   */
  async run(request: PgRequest, timeoutMs: number, loadTimeMs: number): Promise<SessionRun> {
    let began = performance.now();
    const elapsed = (): number => Math.round(performance.now() - began);
    if (this.ended || !this.child?.stdin) return { kind: 'ended', during: 'load', durationMs: 0, outcome: await this.finished };
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    let event = await this.next(loadTimeMs);
    let during: 'load' | 'query' = 'load';
    if (event.kind === 'line' && event.line === PG_LOADED) {
      began = performance.now();
      during = 'query';
      event = await this.next(timeoutMs);
    } else if (event.kind === 'timeout') {
      return { kind: 'load-timeout', durationMs: elapsed(), outcome: await this.stop() };
    }
    switch (event.kind) {
      case 'line': {
        const response = parseResponse(event.line);
        if (response) return { kind: 'response', response, durationMs: elapsed() };
        return { kind: 'garbled', durationMs: elapsed(), outcome: await this.stop() };
      }
      case 'timeout':
        return { kind: 'timeout', durationMs: elapsed(), outcome: await this.stop() };
      case 'too-large':
        return { kind: 'too-large', durationMs: elapsed(), outcome: await this.stop() };
      case 'ended':
        return { kind: 'ended', during, durationMs: elapsed(), outcome: await this.finished };
    }
  }

  /** Whether the runner is still there to take a request. */
  get alive(): boolean {
    return !this.ended;
  }

  /** Ends the session: no more requests (the runner exits), or killed if it does not within a moment. */
  close(): Promise<StudentProcessOutcome> {
    return closeRunner(this.child, this.stopping, this.finished, CLOSE_GRACE_MS);
  }

  /** Kills the runner (and, for the student's session, every student process); resolves once it is gone. */
  stop(): Promise<StudentProcessOutcome> {
    this.stopping.abort();
    return this.finished;
  }

  private feed(chunk: Buffer): void {
    if (this.tooLarge) return;
    this.pending += chunk.toString('utf8');
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      if (line.startsWith(PG_LINE_PREFIX)) this.deliver(line.slice(PG_LINE_PREFIX.length));
      newline = this.pending.indexOf('\n');
    }
    if (this.pending.length > this.options.maxLineBytes) {
      this.tooLarge = true;
      this.pending = '';
      this.wake({ kind: 'too-large' });
    }
  }

  private deliver(line: string): void {
    this.mailbox.post({ kind: 'line', line });
  }

  /** Tells a waiting reader that no line will come (the state stays for later readers). */
  private wake(event: { kind: 'ended' } | { kind: 'too-large' }): void {
    this.mailbox.wake(event);
  }

  private next(timeoutMs: number): Promise<SessionEvent | Timeout> {
    return this.mailbox.next(timeoutMs, () => (this.tooLarge ? { kind: 'too-large' } : this.ended ? { kind: 'ended' } : undefined));
  }
}

const CLOSE_GRACE_MS = LIMITS.sandbox.runnerCloseGraceMs;

function engineArgs({ engine, maxRows }: PgSessionOptions): string[] {
  if (!engine) throw new Error('a pg-runner session needs its engine options');
  return [engine.clusterDir, String(maxRows), engine.workDir];
}

function parseResponse(line: string): PgResponse | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const { kind, message } = (json ?? {}) as { kind?: unknown; message?: unknown };
  if (kind === 'dataset-error' && typeof message === 'string') return { kind, message: message.slice(0, 2000) };
  return parseRunnerOutput(line);
}
