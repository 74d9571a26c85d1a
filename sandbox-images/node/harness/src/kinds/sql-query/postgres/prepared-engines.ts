import { LIMITS } from '../../../contracts';
import { CONTAINER_LAYOUT, REFERENCE_DB } from '../../../container-layout';
import { RESULT_CHANNEL_BYTES } from '../student-query';
import { log } from '../../../log';
import { PgSession, type PgSessionOptions, type SessionStart } from './pg-session';
import { describeFailedStart } from './student-engine';

/**
 * An engine's options: the student's (`trusted` false) or the reference's, with the session's
 * wall time (a backstop: each step has its own limit).
 */
export function engineOptions(trusted: boolean, lifetimeMs: number): PgSessionOptions {
  return {
    trusted,
    maxRows: LIMITS.exercise.resultRows,
    startupTimeMs: LIMITS.exercise.postgresStartupMs,
    lifetimeMs,
    maxLineBytes: RESULT_CHANNEL_BYTES,
    stderrCapBytes: LIMITS.exercise.outputBytes,
    // The student's home is the student's alone (0700).
    ...(trusted ? { cwd: CONTAINER_LAYOUT.tmpDir } : {}),
    engine: {
      clusterDir: CONTAINER_LAYOUT.pgCluster,
      // The student's server writes in the student's home; the reference's, as REFERENCE_DB, in /tmp (mode 0700).
      ...(trusted ? { workDir: CONTAINER_LAYOUT.tmpDir, trustedAs: REFERENCE_DB } : { workDir: CONTAINER_LAYOUT.studentHome }),
    },
  };
}

/**
 * How long an engine started while its container waits may live: the pool replaces a warm
 * container after LIMITS.pool.maxAgeMs, and no grading takes ten minutes more. A backstop only.
 */
const PREPARED_LIFETIME_MS = LIMITS.pool.maxAgeMs + 10 * 60_000;

const prepared: { student?: Promise<SessionStart>; reference?: Promise<SessionStart> } = {};

/**
 * The `postgres` warm profile: both engines of a PostgreSQL grading started while the
 * container waits for its submission, each to be taken once (takePreparedEngine), so that a
 * grading pays for neither start (some 0.1-0.2 s each). Nothing of the student's is in either
 * until the submission arrives, and the container serves that one submission only.
 * Settles when both starts are over: rejects naming one that failed (the grading then starts
 * its own, as takePreparedEngine says).
 */
export async function prepareEngines(): Promise<void> {
  prepared.student ??= PgSession.start(engineOptions(false, PREPARED_LIFETIME_MS));
  prepared.reference ??= PgSession.start(engineOptions(true, PREPARED_LIFETIME_MS));
  for (const start of await Promise.all([prepared.student, prepared.reference])) {
    if (start.kind !== 'ready') throw new Error(describeFailedStart(start));
  }
}

/**
 * The engine prepared for `side`, once, when it is up; undefined when none was (a plain
 * container), it was taken, or it is not usable: its start failed or it ended while it
 * waited (logged; the caller starts one as it would have without a warm container, so a
 * prepared engine never turns into a failure of its own).
 */
export async function takePreparedEngine(side: 'student' | 'reference'): Promise<Extract<SessionStart, { kind: 'ready' }> | undefined> {
  const start = prepared[side];
  prepared[side] = undefined;
  if (!start) return undefined;
  const started = await start;
  if (started.kind === 'ready' && started.session.alive) return started;
  log(`the ${side}'s prepared engine is not usable (${started.kind === 'ready' ? 'it ended while it waited' : describeFailedStart(started)}): another is started`);
  if (started.kind === 'ready') await started.session.close();
  return undefined;
}
