import { spawn, type ChildProcess } from 'node:child_process';
import { CONTAINER_LAYOUT, STUDENT } from '../../container-layout';
import { CappedOutput } from './capped-output';
import { chargedTimeout } from './charged-time';
import { killProcessesOfUid } from './kill-student-processes';
import { readOomCount } from './oom-counter';
import { readPidsLimitHits, waitForFreePids } from './pids-usage';

export interface StudentProcessRequest {
  /** The program to run: the image's Node unless given (the image's Python, for a Python runner). */
  command?: string;
  /** Its arguments; never passed through a shell. */
  args: string[];
  cwd: string;
  /**
   * Time from spawn to kill, charged as wall time less what the process waited for a CPU
   * (chargedTimeout), never more than LIMITS.exercise.starvedFactor times it in wall time.
   */
  timeoutMs: number;
  stdoutCapBytes: number;
  stderrCapBytes: number;
  /** Extra variables on top of the minimal environment. */
  env?: Record<string, string>;
  /** Stops the process (and its group) when aborted: for a server that never exits by itself. */
  signal?: AbortSignal;
  /** Kill as soon as stdout and stderr together have carried more than this many bytes. */
  outputLimitBytes?: number;
  /** Gives the process a stdin pipe, for a runner that takes requests one by one (see onSpawn). */
  stdin?: 'pipe';
  /** Called once the process is spawned: e.g. to write requests to its stdin. */
  onSpawn?: (child: ChildProcess) => void;
  /** Each chunk of stdout as it arrives (it is also collected, up to stdoutCapBytes). */
  onStdout?: (chunk: Buffer) => void;
  /**
   * Runs the process as the harness's own user instead of the student's: for trusted work
   * (the reference solution) that should still have its own memory and be killable. No
   * student process is killed when it ends.
   */
  trusted?: boolean;
  /**
   * A trusted process's identity when it is not the harness's: a server that refuses root
   * (the reference's PostgreSQL, as REFERENCE_DB). Its processes are not killed when it ends.
   */
  trustedAs?: { uid: number; gid: number };
}

export interface StudentProcessOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** We killed it because its time ran out. */
  timedOut: boolean;
  /** We killed it because the request's signal was aborted while it still ran. */
  stopped: boolean;
  /** We killed it because its output went over outputLimitBytes. */
  outputLimitExceeded: boolean;
  /** The kernel's OOM killer (or V8's heap limit) ended it. */
  memoryKilled: boolean;
  /**
   * Some process or thread could not be created at the container's pids limit between the
   * spawn and the end of everything the student started (readPidsLimitHits): the student's
   * processes filled it (a fork bomb). Always false for a trusted process.
   */
  processLimitHit: boolean;
  stdout: CappedOutput;
  stderr: CappedOutput;
  durationMs: number;
  /** The process could not even be started (a grader problem, not the student's). */
  spawnError?: string;
}

/** Nothing of the harness's environment reaches the student: only what a process needs to run. */
const MINIMAL_ENV: Readonly<Record<string, string>> = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: CONTAINER_LAYOUT.studentHome,
  TMPDIR: CONTAINER_LAYOUT.tmpDir,
  LANG: 'C.UTF-8',
};

/** nice(1) from Debian's coreutils, in every sandbox image; the student's niceness under it. */
const NICE = '/usr/bin/nice';
const STUDENT_NICE = 19;

/** How often a running student process's pids-limit hits are read (one small cgroup file). */
const PIDS_WATCH_MS = 100;

/** How long to wait for the pipes to close after the process exited (a leftover could hold them). */
const PIPE_CLOSE_GRACE_MS = 1_000;

/**
 * Runs one student process as the student's uid and gid (libuv also drops the
 * supplementary groups), in its own process group so that a timeout kills everything it
 * started, with its output captured up to a cap. Resolves when the process is gone and,
 * whatever it left behind, every process of the student's uid has been killed.
 */
export async function runAsStudent(request: StudentProcessRequest): Promise<StudentProcessOutcome> {
  let outcome = await runOnce(request);
  // EAGAIN at spawn: the pids limit is full, which only a student's processes (a fork bomb still
  // dying) can do. They are cleared and their pids awaited before each try; the backoff covers
  // a machine so loaded that reaping them takes longer than that wait.
  for (let retry = 0; retry < SPAWN_RETRY_DELAYS_MS.length && !request.trusted && /EAGAIN/.test(outcome.spawnError ?? ''); retry++) {
    await new Promise((r) => setTimeout(r, SPAWN_RETRY_DELAYS_MS[retry]));
    outcome = await runOnce(request);
  }
  return outcome;
}

/** Waits before each new spawn attempt after an EAGAIN; once spent, the harness reports an internal error. */
const SPAWN_RETRY_DELAYS_MS = [100, 250, 500, 1_000, 2_000];

async function runOnce(request: StudentProcessRequest): Promise<StudentProcessOutcome> {
  // Whatever an earlier student process left (a fork bomb still dying) must not take this one's pids.
  if (!request.trusted) {
    killProcessesOfUid(STUDENT.uid);
    await waitForFreePids();
  }
  return spawnOnce(request);
}

/** What a run has come to so far, as its event handlers see it. */
interface RunState {
  settled: boolean;
  timedOut: boolean;
  stopped: boolean;
  outputLimitExceeded: boolean;
  exited: boolean;
  durationMs: number;
}

function spawnOnce(request: StudentProcessRequest): Promise<StudentProcessOutcome> {
  const stdout = new CappedOutput(request.stdoutCapBytes);
  const stderr = new CappedOutput(request.stderrCapBytes);
  const oomBefore = readOomCount();
  const pidsHitsBefore = request.trusted ? undefined : readPidsLimitHits();
  const started = performance.now();

  return new Promise((resolve) => {
    const child = spawnChild(request);
    if (typeof child === 'string') {
      // A spawn Node threw rather than emitted: an outcome like any failed spawn (see spawnChild).
      resolve({ exitCode: null, signal: null, timedOut: false, stopped: false, outputLimitExceeded: false, memoryKilled: false, processLimitHit: false, stdout, stderr, durationMs: 0, spawnError: child });
      return;
    }
    // A request written to a process that has just died must not take the harness down with EPIPE.
    child.stdin?.on('error', () => undefined);
    const state: RunState = { settled: false, timedOut: false, stopped: false, outputLimitExceeded: false, exited: false, durationMs: 0 };

    const cancelTimer = chargedTimeout(
      () => child.pid,
      request.timeoutMs,
      () => {
        state.timedOut = true;
        killGroup(child);
      },
    );

    const stop = (): void => {
      if (state.exited) return;
      state.stopped = true;
      killGroup(child);
    };
    // A hit of the pids limit decides the run (processLimitHit, a runtime error ahead of anything
    // else), so the process and all it started end as soon as one is seen, not once a time-out
    // comes: a fork bomb's cost per test stays well inside the container's wall time on a busy host.
    const pidsWatch =
      pidsHitsBefore === undefined
        ? undefined
        : setInterval(() => {
            if ((readPidsLimitHits() ?? pidsHitsBefore) <= pidsHitsBefore || state.exited) return;
            clearInterval(pidsWatch);
            killGroup(child);
            killProcessesOfUid(STUDENT.uid);
          }, PIDS_WATCH_MS);
    pidsWatch?.unref();
    if (request.signal?.aborted) stop();
    request.signal?.addEventListener('abort', stop, { once: true });

    const settle = (outcome: Omit<StudentProcessOutcome, 'stdout' | 'stderr' | 'timedOut' | 'stopped' | 'outputLimitExceeded' | 'processLimitHit'>): void => {
      if (state.settled) return;
      state.settled = true;
      cancelTimer();
      clearInterval(pidsWatch);
      request.signal?.removeEventListener('abort', stop);
      // Read once every student process is gone (killed on exit), so that nothing can still fork.
      const pidsHitsAfter = pidsHitsBefore === undefined ? undefined : readPidsLimitHits();
      const processLimitHit = pidsHitsBefore !== undefined && pidsHitsAfter !== undefined && pidsHitsAfter > pidsHitsBefore;
      const { timedOut, stopped, outputLimitExceeded } = state;
      resolve({ ...outcome, stdout, stderr, timedOut, stopped, outputLimitExceeded, processLimitHit });
    };

    watchOutput(child, request, { stdout, stderr }, state);
    child.on('error', (err) => {
      // Emitted without 'exit' when the spawn itself failed (EAGAIN at the pids limit, ENOENT).
      if (child.pid === undefined) {
        settle({ exitCode: null, signal: null, memoryKilled: false, durationMs: 0, spawnError: err.message });
      }
    });
    if (child.pid !== undefined) request.onSpawn?.(child);

    child.on('exit', () => {
      state.exited = true;
      state.durationMs = performance.now() - started;
      cancelTimer();
      clearInterval(pidsWatch);
      // Background processes must not outlive their test, nor keep our pipes open.
      killGroup(child);
      if (!request.trusted) killProcessesOfUid(STUDENT.uid);
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, PIPE_CLOSE_GRACE_MS).unref();
    });

    child.on('close', (exitCode: number | null, signal: NodeJS.Signals | null) => {
      const memoryKilled = killedForMemory(state, signal, oomBefore, stderr);
      settle({ exitCode, signal, memoryKilled, durationMs: state.durationMs || performance.now() - started });
    });
  });
}

/**
 * The child, or the message of a spawn error Node threw rather than emitted (ENOMEM from
 * fork() in a container whose memory is full): never a rejected promise that a caller holding
 * it in the background (pg-session.ts) would leave unhandled.
 */
function spawnChild(request: StudentProcessRequest): ChildProcess | string {
  try {
    const command = request.command ?? CONTAINER_LAYOUT.node;
    // The student's processes run at the lowest CPU priority, the harness at the default: inside
    // the container's one CPU, a fork bomb's hundred processes cannot starve the harness that
    // must stop them (its /proc scans took seconds each), while a student process alone still
    // has the whole CPU (nice weighs only against other processes in the container's cgroup).
    const [file, args] = request.trusted ? [command, request.args] : [NICE, ['-n', String(STUDENT_NICE), command, ...request.args]];
    return spawn(file, args, {
      cwd: request.cwd,
      env: { ...MINIMAL_ENV, ...request.env },
      ...(request.trusted ? (request.trustedAs ?? {}) : { uid: STUDENT.uid, gid: STUDENT.gid }),
      // setsid(): the child leads a new process group, which one kill(-pid) ends.
      detached: true,
      stdio: [request.stdin ?? 'ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
  } catch (err) {
    return (err as Error).message;
  }
}

/** Kills the child's process group (setsid: the child and what it started). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already empty.
  }
}

/** Keeps the child's output, and kills it once stdout and stderr together pass the request's output limit. */
function watchOutput(child: ChildProcess, request: StudentProcessRequest, into: { stdout: CappedOutput; stderr: CappedOutput }, state: RunState): void {
  let outputBytes = 0;
  const collect = (output: CappedOutput) => (chunk: Buffer) => {
    output.push(chunk);
    outputBytes += chunk.length;
    if (request.outputLimitBytes !== undefined && outputBytes > request.outputLimitBytes && !state.outputLimitExceeded && !state.exited) {
      state.outputLimitExceeded = true;
      killGroup(child);
    }
  };
  child.stdout?.on('data', collect(into.stdout));
  if (request.onStdout) child.stdout?.on('data', request.onStdout);
  child.stderr?.on('data', collect(into.stderr));
}

/**
 * Whether the process ended for memory: the cgroup's OOM count rose, or (where it cannot be
 * read) something other than us SIGKILLed it, or V8 said its heap was exhausted. Never when we
 * killed it for time or output.
 */
function killedForMemory(state: RunState, signal: NodeJS.Signals | null, oomBefore: number | undefined, stderr: CappedOutput): boolean {
  const oomAfter = readOomCount();
  const killedByUs = state.timedOut || state.stopped || state.outputLimitExceeded;
  const killedByOthers = signal === 'SIGKILL' && !killedByUs;
  const oomCounted = oomBefore !== undefined && oomAfter !== undefined ? oomAfter > oomBefore : undefined;
  const heapExhausted = /JavaScript heap out of memory/.test(stderr.text());
  const memoryKilled = oomCounted === true || (oomCounted === undefined && killedByOthers) || heapExhausted;
  return memoryKilled && !state.timedOut && !state.outputLimitExceeded;
}
