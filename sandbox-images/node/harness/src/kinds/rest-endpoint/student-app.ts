import { LIMITS } from '../../contracts';
import { CONTAINER_LAYOUT } from '../../container-layout';
import { runAsStudent, type StudentProcessOutcome } from '../../common/process/run-as-student';
import { starvedStart, waitForListening } from './wait-for-listening';
import type { AppLauncher } from './app-launcher';

/**
 * The student's web app for one test: a fresh process as the student's uid (through the
 * student-side runner), given startupTimeMs to listen on the loopback port. Nothing of an
 * earlier test's process survives into this one (runAsStudent kills every student process
 * when one ends).
 */
export interface StudentAppRequest {
  /** The student's module, under /submission. */
  entryPath: string;
  /** The entry as the student wrote it (`app.ts` when entryPath is its compiled `app.js`), for messages. */
  entryName?: string;
  /** How the app's runner is started (appLauncher of the exercise's language). */
  launcher: AppLauncher;
  port: number;
  startupTimeMs: number;
  testTimeMs: number;
  /** More of the app's environment (a kind's settings, such as secure-auth's JWT_SECRET and DATABASE_PATH). */
  env?: Record<string, string>;
}

export interface RunningStudentApp {
  /** Resolves true if the process ends by itself within `ms` (a crash on the way). */
  exitsWithin(ms: number): Promise<boolean>;
  /** Kills the process group (if still running) and resolves once every student process is gone. */
  stop(): Promise<StudentProcessOutcome>;
}

export type StudentAppStart =
  | { kind: 'listening'; app: RunningStudentApp }
  /** It ended before listening, or never listened in time (and was then stopped). */
  | { kind: 'exited' | 'silent'; outcome: StudentProcessOutcome };

/** Beyond startup and test time, before runAsStudent's own wall-time kill: we normally stop it first. */
const WALL_MARGIN_MS = 1_000;

export async function startStudentApp(request: StudentAppRequest): Promise<StudentAppStart> {
  const stopping = new AbortController();
  let pid: number | undefined;
  const startWallMs = request.startupTimeMs * LIMITS.exercise.starvedFactor;
  const finished = runAsStudent({
    command: request.launcher.command,
    args: request.launcher.args,
    cwd: CONTAINER_LAYOUT.studentHome,
    timeoutMs: startWallMs + request.testTimeMs + WALL_MARGIN_MS,
    onSpawn: (child) => (pid = child.pid),
    stdoutCapBytes: LIMITS.exercise.outputBytes,
    stderrCapBytes: LIMITS.exercise.outputBytes,
    outputLimitBytes: LIMITS.exercise.outputBytes,
    env: {
      ...request.env,
      ...request.launcher.env,
      PORT: String(request.port),
      GRADER_APP_ENTRY: request.entryPath,
      ...(request.entryName && { GRADER_APP_NAME: request.entryName }),
    },
    signal: stopping.signal,
  });
  const stop = (): Promise<StudentProcessOutcome> => {
    stopping.abort();
    return finished;
  };

  const state = await waitForListening(request.port, request.startupTimeMs, finished, starvedStart(() => pid, startWallMs));
  if (state !== 'listening') return { kind: state === 'exited' ? 'exited' : 'silent', outcome: await stop() };
  return {
    kind: 'listening',
    app: {
      exitsWithin: (ms) => Promise.race([finished.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]),
      stop,
    },
  };
}
