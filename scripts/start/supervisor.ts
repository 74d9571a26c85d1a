/**
 * The supervisor behind `npm start`: runs named child processes, restarts one that exits
 * unexpectedly after a growing delay while the others keep running, gives up only on a
 * child that cannot start at all, and stops everything once on request.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { afterCrash, DEFAULT_POLICY, NO_CRASHES, type CrashHistory, type RestartPolicy } from './backoff';
import { LIMITS } from '@grader/contracts/src/limits';

/** One process to keep running. */
export interface ChildSpec {
  /** Shown in every line about this child. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Default 'inherit': the children's logs go to the same terminal. */
  stdio?: StdioOptions;
}

/** How a run ended: an exit code, a signal, or a spawn error (both null then). */
export interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the process could not be spawned at all. */
  error?: string;
}

/** Everything the supervisor does, in order; `describeEvent` turns them into log lines. */
export type SupervisorEvent =
  | { type: 'started'; name: string; pid: number | undefined; run: number }
  /** The child said over its IPC channel (stdio 'ipc') that it serves `url`. */
  | { type: 'listening'; name: string; url: string; run: number }
  | ({ type: 'exited'; name: string; uptimeMs: number; delayMs: number } & Ending)
  | ({ type: 'gave-up'; name: string; uptimeMs: number; failures: number; startupWindowMs: number } & Ending)
  | { type: 'restart-cancelled'; name: string }
  | { type: 'stopping'; name: string; pid: number | undefined }
  | { type: 'killed'; name: string; pid: number | undefined; graceMs: number }
  | ({ type: 'stopped'; name: string } & Ending);

export interface SupervisorOptions {
  /** Overrides of DEFAULT_POLICY (tests use delays of milliseconds). */
  policy?: Partial<RestartPolicy>;
  /** How long a child may take to stop after SIGTERM before SIGKILL (a worker finishes its running gradings). Default 30 s. */
  graceMs?: number;
  /** The clock that measures uptimes; injectable so a test can make a run "long". Default Date.now. */
  now?: () => number;
  /** Receives every event, synchronously, in order. */
  onEvent?: (event: SupervisorEvent) => void;
}

export interface Supervisor {
  /** Resolves once every child has stopped: 0 after stop(), 1 after giving up on a child. */
  readonly finished: Promise<number>;
  /**
   * Cancels pending restarts and stops every child (SIGTERM, then SIGKILL after the grace
   * period). Calling it again, or during a give-up, joins the shutdown already under way.
   */
  stop(): Promise<number>;
  /** The running process of a child, if it is running (for tests and diagnostics). */
  pid(name: string): number | undefined;
}

/** What the supervisor knows about one child; exactly one of `process` and `restartTimer` is set while it is supervised. */
interface Slot {
  spec: ChildSpec;
  runs: number;
  history: CrashHistory;
  process?: ChildProcess;
  startedAt: number;
  /** Resolves when the current run ends; what shutdown waits for. */
  ended?: Promise<void>;
  restartTimer?: NodeJS.Timeout;
}

/** Stops one child: a pending restart is cancelled; a running child gets SIGTERM, then SIGKILL after `graceMs`. */
async function stopOne(slot: Slot, graceMs: number, emit: (event: SupervisorEvent) => void): Promise<void> {
  const name = slot.spec.name;
  if (slot.restartTimer) {
    clearTimeout(slot.restartTimer);
    slot.restartTimer = undefined;
    emit({ type: 'restart-cancelled', name });
    return;
  }
  const child = slot.process;
  if (!child) return;
  emit({ type: 'stopping', name, pid: child.pid });
  child.kill('SIGTERM');
  const killer = setTimeout(() => {
    emit({ type: 'killed', name, pid: child.pid, graceMs });
    child.kill('SIGKILL');
  }, graceMs);
  await slot.ended;
  clearTimeout(killer);
}

/** Starts every child at once and supervises them until stop() or a give-up. */
export function supervise(specs: ChildSpec[], options: SupervisorOptions = {}): Supervisor {
  const policy: RestartPolicy = { ...DEFAULT_POLICY, ...options.policy };
  const graceMs = options.graceMs ?? LIMITS.tooling.stopGraceMs;
  const now = options.now ?? Date.now;
  const emit = options.onEvent ?? (() => undefined);
  const slots = new Map<string, Slot>();
  let shutdown: Promise<number> | undefined;
  let resolveFinished!: (code: number) => void;
  const finished = new Promise<number>((resolve) => (resolveFinished = resolve));

  function launch(slot: Slot): void {
    slot.runs += 1;
    slot.startedAt = now();
    const { spec } = slot;
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: spec.stdio ?? 'inherit' });
    slot.process = child;
    let ended = false;
    let resolveEnded!: () => void;
    slot.ended = new Promise((resolve) => (resolveEnded = resolve));
    const end = (ending: Ending) => {
      // A failed spawn emits 'error' and may emit 'exit' too; the run ends once.
      if (ended) return;
      ended = true;
      slot.process = undefined;
      resolveEnded();
      onEnd(slot, ending);
    };
    child.on('message', (message: unknown) => {
      const said = message as { type?: unknown; url?: unknown } | null;
      if (said?.type === 'listening' && typeof said.url === 'string') emit({ type: 'listening', name: spec.name, url: said.url, run: slot.runs });
    });
    child.once('exit', (code, signal) => end({ code, signal }));
    child.once('error', (err) => {
      // 'error' also reports a failed kill() of a live process: only a process that never started ends here.
      if (child.pid === undefined) end({ code: null, signal: null, error: err.message });
    });
    emit({ type: 'started', name: spec.name, pid: child.pid, run: slot.runs });
  }

  function onEnd(slot: Slot, ending: Ending): void {
    const name = slot.spec.name;
    if (shutdown) return emit({ type: 'stopped', name, ...ending });
    const uptimeMs = Math.max(0, now() - slot.startedAt);
    const decision = afterCrash(slot.history, uptimeMs, policy);
    slot.history = decision.history;
    if (decision.action === 'give-up') {
      const failures = decision.history.crashes;
      emit({ type: 'gave-up', name, uptimeMs, failures, startupWindowMs: policy.startupWindowMs, ...ending });
      void stopAll(1);
      return;
    }
    emit({ type: 'exited', name, uptimeMs, delayMs: decision.delayMs, ...ending });
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = undefined;
      launch(slot);
    }, decision.delayMs);
  }

  /** The one shutdown: the first caller's exit code wins (a give-up's 1 stays 1 when Ctrl-C follows). */
  function stopAll(exitCode: number): Promise<number> {
    if (!shutdown) {
      shutdown = Promise.all([...slots.values()].map((slot) => stopOne(slot, graceMs, emit))).then(() => exitCode);
      void shutdown.then(resolveFinished);
    }
    return shutdown;
  }

  for (const spec of specs) {
    if (slots.has(spec.name)) throw new Error(`two children are named ${spec.name}`);
    slots.set(spec.name, { spec, runs: 0, history: NO_CRASHES, startedAt: 0 });
  }
  for (const slot of slots.values()) launch(slot);

  return {
    finished,
    stop: () => stopAll(0),
    pid: (name) => slots.get(name)?.process?.pid,
  };
}
