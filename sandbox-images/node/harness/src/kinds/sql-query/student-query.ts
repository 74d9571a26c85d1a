import { LIMITS } from '../../contracts';
import { CONTAINER_LAYOUT } from '../../container-layout';
import { runAsStudent, type StudentProcessOutcome } from '../../common/process/run-as-student';
import type { SqlTestOutcome } from './feedback';
import type { QueryResult } from './query-result';
import { parseRunnerOutput } from './runner-output';
import { runnerPath } from '../../common/student-runner';
import { SQL_RUNNER } from './student-runners';

/**
 * The runner's stdout is a data channel, not the student's prints: up to the row limit of
 * rows, each possibly long. 8 MiB holds 10,000 rows of about 800 bytes; larger results
 * are an output-limit overrun.
 */
export const RESULT_CHANNEL_BYTES = 8 * 1024 * 1024;

export interface StudentQueryRequest {
  databasePath: string;
  queryPath: string;
  testTimeMs: number;
  memoryMb: number;
}

/** The student's rows, or why there are none. */
export type StudentQueryOutcome = { kind: 'rows'; result: QueryResult; durationMs: number } | (SqlTestOutcome & { durationMs: number });

/** Runs the student's query on one test's database in a child process as the student's uid. */
export async function runStudentQuery(request: StudentQueryRequest): Promise<StudentQueryOutcome> {
  const child = await runAsStudent({
    args: [
      runnerPath(SQL_RUNNER),
      request.databasePath,
      request.queryPath,
      String(LIMITS.exercise.resultRows),
    ],
    cwd: CONTAINER_LAYOUT.studentHome,
    timeoutMs: request.testTimeMs,
    stdoutCapBytes: RESULT_CHANNEL_BYTES,
    stderrCapBytes: LIMITS.exercise.outputBytes,
  });
  return { ...interpret(child, request), durationMs: Math.round(child.durationMs) };
}

function interpret(child: StudentProcessOutcome, request: StudentQueryRequest): { kind: 'rows'; result: QueryResult } | SqlTestOutcome {
  // SQL cannot start processes, but the rule is the same in every kind: the pids limit decides first.
  if (child.processLimitHit) return { kind: 'processes' };
  if (child.spawnError) return { kind: 'internal', message: `the query runner could not start: ${child.spawnError}` };
  if (child.timedOut) return { kind: 'timeout', limitMs: request.testTimeMs };
  if (child.memoryKilled) return { kind: 'memory', limitMb: request.memoryMb };
  if (child.stdout.overflowed) return { kind: 'too-large', limitBytes: RESULT_CHANNEL_BYTES };

  const output = parseRunnerOutput(child.stdout.text());
  if (!output) {
    const stderr = child.stderr.text().trim().split('\n').slice(-5).join('\n');
    return {
      kind: 'internal',
      message: `the query runner ended without a valid result (exit ${child.exitCode ?? child.signal})${stderr ? `: ${stderr.slice(0, 1000)}` : ''}`,
    };
  }
  switch (output.kind) {
    case 'ok':
      return { kind: 'rows', result: { columns: output.columns, rows: output.rows } };
    case 'too-many-rows':
      return { kind: 'too-many-rows', limit: output.limit };
    case 'error':
      if (output.stage !== 'run') return { kind: 'refused', stage: output.stage, code: output.code, message: output.message };
      if (output.code === 'SQLITE_NOMEM' || /out of memory/i.test(output.message)) return { kind: 'memory', limitMb: request.memoryMb };
      if (storageFull(output.code)) return STORAGE_FULL;
      return { kind: 'runtime', message: output.message };
  }
}

const TMPFS_MB = LIMITS.sandbox.tmpfsBytes / (1024 * 1024);

/**
 * Whether an engine's error code says its temporary storage is full: SQLite spills big sorts
 * and recursive CTEs to temporary files on the sandbox's small tmpfs (SQLITE_FULL, or
 * SQLITE_IOERR_* when a write fails), PostgreSQL says 53100 (disk_full). The student's runaway,
 * a memory limit: never a runtime error of their query.
 */
export function storageFull(code: string): boolean {
  return /^SQLITE_(FULL|IOERR)/.test(code) || code === '53100';
}

/** The outcome of a query that filled the temporary storage. */
export const STORAGE_FULL = { kind: 'storage', limitMb: TMPFS_MB } as const;
