import { log } from '../../../log';
import type { StudentProcessOutcome } from '../../../common/process/run-as-student';
import type { SqlTestOutcome } from '../feedback';
import type { QueryResult } from '../query-result';
import { RESULT_CHANNEL_BYTES, STORAGE_FULL, storageFull } from '../student-query';
import type { PgRequest } from './pg-protocol';
import { TEMP_FILE_LIMIT_MB } from './pg-settings';
import type { SessionRun, SessionStart } from './pg-session';

export type Outcome = SqlTestOutcome & { durationMs?: number };
export type StudentRun = Outcome | { kind: 'rows'; result: QueryResult; durationMs: number };

/** What the student's engine needs of a PgSession (tests give it fakes). */
export interface EngineSession {
  run(request: PgRequest, timeoutMs: number, loadTimeMs: number): Promise<SessionRun>;
  close(): Promise<unknown>;
}
export type EngineStart = { kind: 'ready'; session: EngineSession } | Extract<SessionStart, { kind: 'failed' }>;

export interface StudentEngineLimits {
  testTimeMs: number;
  memoryMb: number;
  /** Time a dataset gets to load before the query's own time starts. */
  loadTimeMs: number;
}

/**
 * The student's PostgreSQL engine over a submission's tests, one at a time. A query that
 * runs away (out of time, out of memory, a result too large, or a crash of the engine
 * while it runs) takes its engine down; the next test starts another. The rules that keep
 * the student's runaway the student's verdict, and never the grader's failure:
 *
 * - Starting an engine runs nothing of the student's. A start that fails for another
 *   reason than memory or the process limit is a starved host: it is tried once more.
 * - A start that still fails after the student's query took the last engine down leaves
 *   the remaining tests to that runaway's verdict (not run); before any runaway, it is
 *   the grader's failure.
 * - An engine that fails before the query runs (emptying the database, loading the
 *   dataset) after an earlier query ran in it may have been left broken by that query: the
 *   test is run once more on a fresh engine, where a failure is the grader's.
 */
export class StudentEngine {
  private session: EngineSession | undefined;
  private runaway: Outcome | undefined;
  private startFailure: Outcome | undefined;

  constructor(
    private readonly start: () => Promise<EngineStart>,
    private readonly limits: StudentEngineLimits,
  ) {}

  async test(request: PgRequest): Promise<StudentRun> {
    for (let attempt = 1; ; attempt += 1) {
      const ready = await this.ready();
      if ('failure' in ready) return ready.failure;
      const run = await ready.session.run(request, this.limits.testTimeMs, this.limits.loadTimeMs);
      const stillUp = run.kind === 'response' && run.response.kind !== 'dataset-error';
      if (!stillUp) {
        this.session = undefined;
        await ready.session.close();
      }
      if (!ready.fresh && attempt === 1 && failedBeforeQuery(run)) {
        log(`the student's engine failed before the query (${run.kind}) after earlier queries: the test runs again on a fresh engine`);
        continue;
      }
      const outcome = studentOutcome(run, this.limits);
      if (run.kind !== 'response' && outcome.kind !== 'internal' && outcome.kind !== 'rows') this.runaway = outcome;
      return outcome;
    }
  }

  async close(): Promise<void> {
    await this.session?.close();
    this.session = undefined;
  }

  private async ready(): Promise<{ session: EngineSession; fresh: boolean } | { failure: Outcome }> {
    if (this.startFailure) return { failure: this.startFailure };
    if (this.session) return { session: this.session, fresh: false };
    let started = await this.start();
    if (started.kind === 'failed' && !started.outcome.memoryKilled && !started.outcome.processLimitHit) {
      log(`the student's engine did not start (${describeFailedStart(started)}): once more`);
      started = await this.start();
    }
    if (started.kind === 'failed') {
      this.startFailure = startOutcome(started, this.runaway, this.limits.memoryMb);
      return { failure: this.startFailure };
    }
    this.session = started.session;
    return { session: started.session, fresh: true };
  }
}

function failedBeforeQuery(run: SessionRun): boolean {
  if (run.kind === 'load-timeout') return true;
  if (run.kind === 'ended') return run.during === 'load';
  return run.kind === 'response' && run.response.kind === 'dataset-error';
}

/** Text of a runner that died of its memory without the kernel's OOM killer (V8's or WebAssembly's own limits). */
const MEMORY_DEATH = /out of memory|Array buffer allocation failed|Cannot enlarge memory|Aborted\(OOM\)|Maximum memory size exceeded|could not allocate memory/i;
/** A result too large for a JavaScript string: an output flood. */
const OUTPUT_DEATH = /Invalid string length|Invalid array length/;

export function studentOutcome(run: SessionRun, limits: StudentEngineLimits): StudentRun {
  const { durationMs } = run;
  // SQL cannot start processes, but the rule is the same in every kind: the pids limit decides first.
  if (run.kind !== 'response' && run.outcome.processLimitHit) return { kind: 'processes', durationMs };
  switch (run.kind) {
    case 'timeout':
      return { kind: 'timeout', limitMs: limits.testTimeMs, durationMs };
    case 'too-large':
      return { kind: 'too-large', limitBytes: RESULT_CHANNEL_BYTES, durationMs };
    case 'ended': {
      const stderr = run.outcome.stderr.text();
      if (run.outcome.memoryKilled || MEMORY_DEATH.test(stderr)) return { kind: 'memory', limitMb: limits.memoryMb, durationMs };
      if (run.during === 'query') {
        // The engine died running the student's query and nothing else: the query's doing.
        log(`the student's engine ended during the query (${howItEnded(run.outcome)})${stderrTail(run.outcome)}`);
        if (OUTPUT_DEATH.test(stderr)) return { kind: 'too-large', limitBytes: RESULT_CHANNEL_BYTES, durationMs };
        return { kind: 'runtime', message: `the database engine stopped while running your query (${howItEnded(run.outcome)})`, durationMs };
      }
      return { kind: 'internal', message: `the grader failed: the query runner ended before your query ran (${howItEnded(run.outcome)})${stderrTail(run.outcome)}`, durationMs };
    }
    case 'garbled':
      return { kind: 'internal', message: 'the query runner answered something that is not a result', durationMs };
    case 'load-timeout':
      return { kind: 'internal', message: `the grader failed: the dataset took more than ${limits.loadTimeMs / 1000} s to load`, durationMs };
    case 'response':
      break;
  }
  const { response } = run;
  switch (response.kind) {
    case 'dataset-error':
      // The same dataset loaded in the reference's engine: this is ours, not the student's.
      return { kind: 'internal', message: `the dataset failed to load in the student's engine: ${response.message}`, durationMs };
    case 'too-many-rows':
      return { kind: 'too-many-rows', limit: response.limit, durationMs };
    case 'error':
      if (response.stage !== 'run') return { kind: 'refused', stage: response.stage, code: response.code, message: response.message, durationMs };
      // SQLSTATE 53200: out of memory inside the engine.
      if (response.code === '53200' || /out of memory/i.test(response.message)) return { kind: 'memory', limitMb: limits.memoryMb, durationMs };
      if (storageFull(response.code)) return { ...STORAGE_FULL, durationMs };
      // 53400 with temp_file_limit: the query spilled more to temporary files than a session may.
      if (response.code === '53400' && /temp_file_limit/.test(response.message)) return { kind: 'storage', limitMb: TEMP_FILE_LIMIT_MB, durationMs };
      return { kind: 'runtime', message: response.message, durationMs };
    case 'ok':
      return { kind: 'rows', result: { columns: response.columns, rows: response.rows }, durationMs };
  }
}

function startOutcome(started: Extract<SessionStart, { kind: 'failed' }>, runaway: Outcome | undefined, memoryMb: number): Outcome {
  if (started.outcome.processLimitHit) return { kind: 'processes' };
  if (started.outcome.memoryKilled) return { kind: 'memory', limitMb: memoryMb };
  const why = describeFailedStart(started);
  log(`the student's engine did not start again (${why})`);
  if (runaway) return { kind: 'not-run', earlier: runaway };
  return { kind: 'internal', message: `the grader failed: the query engine did not start (${why})` };
}

export function describeFailedStart(started: Extract<SessionStart, { kind: 'failed' }>): string {
  return `${started.why}, ${howItEnded(started.outcome)}${stderrTail(started.outcome)}`;
}

export function howItEnded(outcome: StudentProcessOutcome): string {
  if (outcome.spawnError) return `could not spawn: ${outcome.spawnError}`;
  if (outcome.memoryKilled) return 'out of memory';
  return outcome.signal ? `signal ${outcome.signal}` : `exit ${outcome.exitCode}`;
}

function stderrTail(outcome: StudentProcessOutcome): string {
  const tail = outcome.stderr.text().trim().split('\n').slice(-5).join('\n');
  return tail ? `: ${tail.slice(0, 1000)}` : '';
}
