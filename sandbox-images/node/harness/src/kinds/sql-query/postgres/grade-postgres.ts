import { LIMITS, type SandboxInput } from '../../../contracts';
import { ExerciseDefect } from '../../../common/exercise-defect';
import { log } from '../../../log';
import type { SandboxClock } from '../../kind';
import { prepareGenerated } from '../generated/generated-test';
import { QUERY_REFUSALS } from '../execute-query';
import { quotedIdentifiers } from '../quoted-identifiers';
import type { SqlOutcome, SqlQueryManifest } from '../types';
import { DATASET_LOAD_MS, GENERATED_MARGIN_MS, studentBatch, type GeneratedRun } from './batches';
import { PgSession, type PgSessionOptions, type SessionStart } from './pg-session';
import { engineOptions, takePreparedEngine } from './prepared-engines';
import { compareWithReference, shrinkGenerated } from './reference-pass';
import { StudentEngine } from './student-engine';
import type { QueryResult } from '../query-result';

/**
 * Kind sql-query, dialect PostgreSQL (a PostgreSQL 15 server per engine: pg-engine.ts). An
 * engine takes about 0.1 s to start, against a few milliseconds per test, so each side gets
 * one engine for the whole submission, one after the other (the kind plans all tests together):
 *
 * 1. The student's pg-runner process (uid 1001) gets the tests one by one: an empty
 *    database, the test's dataset, the student's query (read-only, one statement, at most
 *    the row limit: pg-execute.ts). A query still running at the test's time limit is
 *    killed with its engine; the next test starts another (student-engine.ts: why a
 *    runaway and what follows it stay the student's verdict). The engine ends, and its
 *    memory is given back, before the next step.
 * 2. A trusted pg-runner process (REFERENCE_DB) runs the reference solution on the
 *    datasets of the tests where the student's query returned rows: the expected rows. A
 *    query that never parses, or always runs out of time, costs no second engine
 *    (reference-pass.ts).
 * 3. Each generated test's search goes on from its initial datasets (reference-pass.ts).
 *
 * The datasets reach the student's process one test at a time, so a later (hidden) test's
 * data is never in the engine while an earlier (visible) test's feedback is made.
 * Resolves with every test's outcome, by manifest index.
 */
export async function runPostgresTests(manifest: SqlQueryManifest, input: SandboxInput, reference: string, clock: SandboxClock): Promise<SqlOutcome[]> {
  const grading = new PostgresGrading(manifest, input, reference, clock);
  grading.precheck();
  await grading.prepareGenerated();
  const studentRows = await grading.studentPass();
  await compareWithReference(grading, studentRows);
  await shrinkGenerated(grading);
  return grading.outcomes;
}

/** The student's rows of a fixed test, by manifest index. */
export type StudentRows = Array<{ result: QueryResult; durationMs: number } | undefined>;

/** One submission's PostgreSQL grading: its tests' outcomes as they settle, its engines, its time. */
export class PostgresGrading {
  readonly outcomes: SqlOutcome[];
  /** Generated tests: the schema read, the search seeded, and its initial datasets drawn. */
  readonly generated = new Map<number, GeneratedRun>();
  /** Visible tests first: see studentPass. */
  readonly order: number[];
  readonly query: string | undefined;
  readonly quotedNames: ReadonlySet<string>;

  constructor(
    readonly manifest: SqlQueryManifest,
    readonly input: SandboxInput,
    readonly reference: string,
    readonly clock: SandboxClock,
  ) {
    this.outcomes = new Array<SqlOutcome>(manifest.tests.length);
    this.order = visibleFirst(manifest.tests);
    this.query = input.submission[manifest.sql.queryFile];
    this.quotedNames = quotedIdentifiers(this.query ?? '', 'postgres');
  }

  /** The first outcome a test gets is its outcome. */
  settle(index: number, outcome: SqlOutcome): void {
    this.outcomes[index] ??= outcome;
  }

  /** A missing dataset, a missing or empty query: settled before any engine starts. */
  precheck(): void {
    const { manifest, input, query } = this;
    const { queryFile } = manifest.sql;
    manifest.tests.forEach((test, i) => {
      if (test.dataset !== undefined && input.exerciseFiles[test.dataset] === undefined) this.settle(i, { kind: 'internal', message: `the exercise package has no dataset file ${test.dataset}` });
      else if (query === undefined) this.settle(i, { kind: 'refused', stage: 'prepare', code: QUERY_REFUSALS.missingFile, message: `your submission has no file ${queryFile}` });
      else if (query.trim() === '') this.settle(i, { kind: 'refused', stage: 'prepare', code: QUERY_REFUSALS.empty, message: 'the query is empty' });
    });
  }

  /**
   * Each generated test's search seeded and its initial datasets drawn, to be judged in the
   * same two engines as the fixed tests (an engine costs a second; a dataset some 10 ms).
   */
  async prepareGenerated(): Promise<void> {
    this.manifest.tests.forEach((test, i) => {
      if (this.outcomes[i] !== undefined || !test.generated) return;
      try {
        this.generated.set(i, { check: prepareGenerated(this.manifest, this.input, { ...test, generated: test.generated }, this.reference), datasets: [], scripts: [], runs: [] });
      } catch (err) {
        if (!(err instanceof ExerciseDefect)) throw err;
        log(`exercise defect: ${err.message}`);
        this.settle(i, { kind: 'internal', message: `the exercise is broken: ${err.message}` });
      }
    });
    for (const run of this.generated.values()) {
      const step = await run.check.search.step(true);
      if (step.kind === 'judge') {
        run.datasets = step.datasets;
        run.scripts = step.datasets.map((d) => run.check.request(d));
      }
    }
  }

  /**
   * The student's query, test by test, in the student's engine: visible tests first. The
   * engine keeps the files of earlier datasets (its write-ahead log) and the student is its
   * superuser, so a query could read them back (pg_read_binary_file); whatever a visible test
   * shows can then only come from visible tests' datasets. A generated test's datasets come
   * at its place in that order.
   */
  async studentPass(): Promise<StudentRows> {
    const { manifest, input } = this;
    const studentRows: StudentRows = [];
    const engine = this.newStudentEngine();
    for (const i of this.order) {
      if (this.outcomes[i] !== undefined) continue;
      const run = this.generated.get(i);
      if (run) {
        run.runs = await studentBatch(engine, run.scripts, this.query!, this.deadlineOf(i, performance.now()), run.check.search);
        continue;
      }
      const result = await engine.test({ dataset: input.exerciseFiles[manifest.tests[i]!.dataset!]!, query: this.query! });
      if (result.kind === 'rows') studentRows[i] = { result: result.result, durationMs: result.durationMs };
      else this.settle(i, result);
    }
    await engine.close();
    return studentRows;
  }

  /** The search time a generated test asks for. */
  wantedMs(i: number): number {
    return Math.min(this.manifest.tests[i]!.generated?.timeMs ?? LIMITS.generated.timeMs, LIMITS.generated.timeMsMax);
  }

  /** A generated test's datasets stop at its budget, leaving every test after it (in the engine's order) its own time. */
  private deadlineOf(i: number, from: number): number {
    const later = this.order.length - this.order.indexOf(i) - 1;
    return Math.min(from + this.wantedMs(i), this.clock.deadlineAfter(later) - GENERATED_MARGIN_MS);
  }

  /** An engine's options: the student's (`trusted` false) or the reference's. */
  options(trusted: boolean): PgSessionOptions {
    const { manifest, clock } = this;
    return engineOptions(
      trusted,
      Math.max(
        LIMITS.exercise.postgresStartupMs + manifest.tests.length * (2 * manifest.limits.testTimeMs + DATASET_LOAD_MS),
        clock.deadline - performance.now() + 2 * manifest.limits.testTimeMs,
      ),
    );
  }

  /** The reference's engine: the one the warm container prepared, if usable and not yet taken; else a new one. */
  async startReferenceEngine(): Promise<SessionStart> {
    return (await takePreparedEngine('reference')) ?? PgSession.start(this.options(true));
  }

  newStudentEngine(): StudentEngine {
    return new StudentEngine(async () => (await takePreparedEngine('student')) ?? PgSession.start(this.options(false)), {
      testTimeMs: this.manifest.limits.testTimeMs,
      memoryMb: this.manifest.limits.memoryMb,
      loadTimeMs: DATASET_LOAD_MS,
    });
  }
}

/** Test indexes: visible tests, then name-only, then hidden, each in manifest order. */
export function visibleFirst(tests: ReadonlyArray<{ visibility: 'visible' | 'name-only' | 'hidden' }>): number[] {
  const rank = { visible: 0, 'name-only': 1, hidden: 2 } as const;
  return tests.map((t, i) => ({ i, r: rank[t.visibility] })).sort((a, b) => a.r - b.r || a.i - b.i).map(({ i }) => i);
}
