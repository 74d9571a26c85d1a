import type { ChildProcess } from 'node:child_process';
import { CONTAINER_LAYOUT } from '../../../container-layout';
import { runAsStudent, type StudentProcessOutcome, type StudentProcessRequest } from '../../../common/process/run-as-student';
import type { RunnerReport } from '../call-outcome';
import { parseReport } from '../runner-report';
import { closeRunner, Mailbox, type Timeout } from '../../../common/process/mailbox';
import { INJECTION_CRASH_MARKER, INJECTION_LOADED_MARKER, INJECTION_READ_MARKER, INJECTION_REPORT_MARKER, runnerCrashed, type InjectionCase, type InjectionRequest } from '../runner-protocol';
import { runnerPath } from '../../../common/student-runner';
import { INJECTION_RUNNER, type InjectionLauncher } from '../student-runners';

/**
 * An injection runner taking many cases, seen from the harness: one process of the student's
 * uid loads the module once, then runs one case per line on the same Database object (the
 * harness resets the file between cases). A process costs about 60 ms to start and load; a
 * case a millisecond or two. The runner blocks reading stdin between cases, so none of the
 * student's code runs while the harness resets or reads the database.
 */
export interface SessionOptions {
  /** The student's module, under /submission. */
  module: string;
  /** The database file every case runs on: root's, mode 0666, in a root-owned directory. */
  database: string;
  nonce: string;
  maxResultBytes: number;
  /** Bytes the student's code may print (stdout and stderr) while loading and in each case. */
  outputBytes: number;
  /** Wall time of the whole process, after which it is killed whatever it does. */
  lifetimeMs: number;
  /** The runner by the module's language (injectionLauncher); default Node's, at runnerPath. */
  launcher?: InjectionLauncher;
  /** The runner script and how to run it: the image's by default; tests run it as the harness's user. */
  runnerPath?: string;
  cwd?: string;
  env?: Record<string, string>;
  trusted?: boolean;
  /** How the process is started: runAsStudent, with the image's Node; tests outside a container pass their own. */
  launch?: (request: StudentProcessRequest) => Promise<StudentProcessOutcome>;
}

export type SessionEvent =
  | { kind: 'loaded' }
  | { kind: 'report'; report: RunnerReport }
  /** The process ended (or was killed) before the event awaited. */
  | { kind: 'ended'; outcome: StudentProcessOutcome }
  /** Nothing within the time: the process was stopped. */
  | { kind: 'timeout'; outcome: StudentProcessOutcome }
  /** The student's code printed more than outputBytes: the process was stopped. */
  | { kind: 'output-limit'; outcome: StudentProcessOutcome }
  /** What came was not the protocol's (a grader bug, or forged output that broke it): the process was stopped. */
  | { kind: 'garbled'; outcome: StudentProcessOutcome };

type Signal = { kind: 'loaded' } | { kind: 'report'; report: RunnerReport } | { kind: 'garbled' } | { kind: 'output-limit' } | { kind: 'ended' };

export class InjectionSession {
  private child: ChildProcess | undefined;
  private buffer = '';
  private printed = 0;
  private readonly mailbox = new Mailbox<Signal>();
  private ended = false;
  private readonly stopping = new AbortController();
  private readonly finished: Promise<StudentProcessOutcome>;
  private readonly loadedToken: string;
  private readonly reportToken: string;
  private readonly crashToken: string;
  private readonly readToken: string;
  /** What of the runner's own tokens its stdout has shown (runnerCrashed). */
  private readonly seen = { requestRead: false, crashToken: false };

  constructor(private readonly options: SessionOptions) {
    this.loadedToken = `${INJECTION_LOADED_MARKER}${options.nonce}\n`;
    this.reportToken = `${INJECTION_REPORT_MARKER}${options.nonce}\n`;
    this.crashToken = `${INJECTION_CRASH_MARKER}${options.nonce}\n`;
    this.readToken = `${INJECTION_READ_MARKER}${options.nonce}\n`;
    const request: InjectionRequest = { nonce: options.nonce, module: options.module, database: options.database, calls: [], maxResultBytes: options.maxResultBytes, session: true };
    this.finished = (options.launch ?? runAsStudent)({
      ...(options.launcher?.command !== undefined && { command: options.launcher.command }),
      args: options.launcher?.args ?? [options.runnerPath ?? runnerPath(INJECTION_RUNNER)],
      cwd: options.cwd ?? CONTAINER_LAYOUT.studentHome,
      timeoutMs: options.lifetimeMs,
      // Reports are read as they come (onStdout); nothing needs keeping twice.
      stdoutCapBytes: 0,
      stderrCapBytes: options.outputBytes,
      env: options.launcher?.env ?? options.env ?? { NODE_PATH: CONTAINER_LAYOUT.nodeModulesDir },
      stdin: 'pipe',
      trusted: options.trusted,
      signal: this.stopping.signal,
      onSpawn: (child) => {
        this.child = child;
        child.stderr?.on('data', (chunk: Buffer) => this.count(chunk.length));
        child.stdin?.write(`${JSON.stringify(request)}\n`);
      },
      onStdout: (chunk) => this.feed(chunk),
    });
    void this.finished.then(() => {
      this.ended = true;
      this.signal({ kind: 'ended' });
    });
  }

  /** Waits for the module to load (or fail to). */
  async loaded(timeoutMs: number): Promise<SessionEvent> {
    return this.await(timeoutMs, 'loaded');
  }

  /** Runs one case; the database file must hold the case's starting state. */
  async run(next: InjectionCase, timeoutMs: number): Promise<SessionEvent> {
    if (this.ended || !this.child?.stdin) return { kind: 'ended', outcome: await this.finished };
    this.printed = 0;
    this.child.stdin.write(`${JSON.stringify(next)}\n`);
    return this.await(timeoutMs, 'report');
  }

  get alive(): boolean {
    return !this.ended;
  }

  /** Whether the process ended in the runner's own failure, not the student's process.exit(70). */
  crashed(outcome: StudentProcessOutcome): boolean {
    return runnerCrashed(outcome.exitCode, this.seen);
  }

  /** Ends the session: stdin closed (the runner exits), killed if it does not within a moment. */
  close(): Promise<StudentProcessOutcome> {
    return closeRunner(this.child, this.stopping, this.finished, 1_000);
  }

  /** Kills the runner and every student process; resolves once they are gone. */
  stop(): Promise<StudentProcessOutcome> {
    this.stopping.abort();
    return this.finished;
  }

  private async await(timeoutMs: number, wanted: 'loaded' | 'report'): Promise<SessionEvent> {
    const signal = await this.next(timeoutMs);
    switch (signal.kind) {
      case 'timeout':
        return { kind: 'timeout', outcome: await this.stop() };
      case 'ended':
        return { kind: 'ended', outcome: await this.finished };
      case 'output-limit':
        return { kind: 'output-limit', outcome: await this.stop() };
      case 'garbled':
        return { kind: 'garbled', outcome: await this.stop() };
      case 'loaded':
        return wanted === 'loaded' ? signal : { kind: 'garbled', outcome: await this.stop() };
      case 'report':
        // A load error is the answer to "loaded?"; calls are the answer to a case.
        if (wanted === 'loaded' && signal.report.kind === 'calls') return { kind: 'garbled', outcome: await this.stop() };
        return signal;
    }
  }

  private count(bytes: number): void {
    this.printed += bytes;
    if (this.printed > this.options.outputBytes) this.signal({ kind: 'output-limit' });
  }

  private feed(chunk: Buffer): void {
    this.buffer += chunk.toString('utf8');
    if (this.buffer.includes(this.readToken)) this.seen.requestRead = true;
    if (this.buffer.includes(this.crashToken)) this.seen.crashToken = true;
    for (;;) {
      const loadedAt = this.buffer.indexOf(this.loadedToken);
      const reportAt = this.buffer.indexOf(this.reportToken);
      const at = [loadedAt, reportAt].filter((i) => i >= 0).sort((a, b) => a - b)[0];
      if (at === undefined) {
        // What cannot be the start of a token is the student's output.
        const keep = Math.max(this.loadedToken.length, this.reportToken.length) - 1;
        if (this.buffer.length > keep) {
          this.count(this.buffer.length - keep);
          this.buffer = this.buffer.slice(-keep);
        }
        return;
      }
      if (at === loadedAt) {
        this.count(at);
        this.buffer = this.buffer.slice(at + this.loadedToken.length);
        this.signal({ kind: 'loaded' });
        continue;
      }
      const start = at + this.reportToken.length;
      const end = this.buffer.indexOf('\n', start);
      if (end < 0) return; // the rest of the report is on its way
      this.count(at);
      const report = parseReport(this.buffer.slice(start, end));
      this.buffer = this.buffer.slice(end + 1);
      this.signal(report ? { kind: 'report', report } : { kind: 'garbled' });
    }
  }

  private signal(signal: Signal): void {
    // The end is a state: a reader after it finds it through next().
    if (signal.kind === 'ended') this.mailbox.wake(signal);
    else this.mailbox.post(signal);
  }

  private next(timeoutMs: number): Promise<Signal | Timeout> {
    return this.mailbox.next(timeoutMs, () => (this.ended ? { kind: 'ended' } : undefined));
  }
}
