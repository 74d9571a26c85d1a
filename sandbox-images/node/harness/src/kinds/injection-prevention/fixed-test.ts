import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, constants as fsConstants, rmSync } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '../../contracts';
import { CONTAINER_LAYOUT } from '../../container-layout';
import { clearStudentFilesAsStudent } from '../../common/process/clear-as-student';
import { runAsStudent } from '../../common/process/run-as-student';
import { graderWorkDir, studentReadableDir } from '../../common/workspace';
import { fingerprint, UnreadableDatabase, type DatabaseFingerprint } from './fingerprint';
import { fixedTaintJudgement, fixedTaintOf, payloadPasted } from './fixed-taint';
import { judge, type Judgement } from './judge';
import { applySetup, checkedReferenceRun, type ReferenceSide } from './reference';
import { everywhere, interpretRunner } from './runner-outcome';
import { type InjectionCallRequest, type InjectionRequest } from './runner-protocol';
import { injectionLauncher } from './student-runners';
import type { InjectionPreventionManifest, InjectionTest } from './types';

export type FixedTest = InjectionTest & { calls: NonNullable<InjectionTest['calls']> };

/** What every test of a submission needs: prepared once (kind.ts). */
export interface TestSetup {
  manifest: InjectionPreventionManifest;
  modulePath: string;
  /** The reference side, for every test of the grading (kind.ts closes it). */
  reference: ReferenceSide;
  baseDatabase: string;
}

/** A test's judgement and time; `loadFailed`: the module did not load, as it would not in any test. */
export interface InjectionRun {
  judgement: Judgement;
  durationMs?: number;
  loadFailed?: boolean;
}

/**
 * A test whose calls are written out:
 *
 * 1. A fresh database from the exercise's script (plus the test's `setup` SQL), two copies.
 * 2. The reference solution's functions called here (trusted) on one copy: the expected
 *    outcomes, and the database as it should be afterwards.
 * 3. The student's functions called by the injection runner, a fresh process as uid 1001,
 *    on the other copy (root's file in a root-owned directory, writable but not replaceable).
 * 4. The student's database read here once that process is gone, and judge.ts compares.
 * 5. Every student process killed and the student's files cleared.
 */
export async function runFixedTest(setup: TestSetup, test: FixedTest, index: number): Promise<InjectionRun> {
  const { manifest } = setup;
  const { functions, secrets, module } = manifest.injection;
  const privateDir = graderWorkDir(`test-${index + 1}`);
  const shared = studentReadableDir(`injection-test-${index + 1}-`);
  try {
    // 1. Two copies of a fresh database, the test's setup applied to both.
    const referenceDatabase = path.join(privateDir, 'reference.sqlite');
    copyFileSync(setup.baseDatabase, referenceDatabase, fsConstants.COPYFILE_EXCL);
    if (test.setup) applySetup(referenceDatabase, test.setup, test.name);
    const studentDatabase = path.join(shared.dir, 'test.sqlite');
    copyFileSync(referenceDatabase, studentDatabase, fsConstants.COPYFILE_EXCL);
    // The file is the student's to write (the directory is not: no journal, no swapping the file).
    chmodSync(studentDatabase, 0o666);
    shared.open();

    const initialDatabase = fingerprint(referenceDatabase);
    const calls: InjectionCallRequest[] = test.calls.map((call) => ({
      fn: call.fn,
      args: (functions[call.fn] ?? []).map((p): InjectionCallRequest['args'][number] => (p in call.args ? { value: call.args[p] } : {})),
    }));
    // 2. The reference solution (here, or in a runner of the harness's for a Python one).
    const expected = checkedReferenceRun(await setup.reference.run(referenceDatabase, calls, []), calls, `on test ${JSON.stringify(test.name)}`);
    const { outcomes: expectedOutcomes, sql: referenceSql } = expected;
    const expectedDatabase = fingerprint(referenceDatabase);

    // 3. The student's functions, in the runner.
    const nonce = randomBytes(18).toString('base64url');
    const request: InjectionRequest = { nonce, module: setup.modulePath, database: studentDatabase, calls, maxResultBytes: LIMITS.exercise.callResultBytes };
    const launcher = injectionLauncher(setup.modulePath);
    // Per call: its result, its error, and the SQL texts it prepared (20 at most, 1000 characters each).
    const channelBytes = LIMITS.exercise.outputBytes + test.calls.length * (LIMITS.exercise.callResultBytes + 4096 + 24_000) + 4096;
    const child = await runAsStudent({
      ...(launcher.command !== undefined && { command: launcher.command }),
      args: launcher.args,
      cwd: CONTAINER_LAYOUT.studentHome,
      timeoutMs: manifest.limits.testTimeMs,
      stdoutCapBytes: channelBytes,
      stderrCapBytes: LIMITS.exercise.outputBytes,
      outputLimitBytes: channelBytes,
      env: launcher.env,
      stdin: 'pipe',
      onSpawn: (spawned) => spawned.stdin?.end(JSON.stringify(request)),
    });
    const durationMs = Math.round(child.durationMs);

    // 4. What the student's calls did.
    const read = interpretRunner(child, nonce, manifest);
    if (!('report' in read)) return { judgement: read.judgement, durationMs, loadFailed: read.loadFailed };
    const { report } = read;
    let actualDatabase: DatabaseFingerprint;
    try {
      actualDatabase = fingerprint(studentDatabase);
    } catch (err) {
      if (!(err instanceof UnreadableDatabase)) throw err;
      const message = `after your functions ran, the database file is no longer a database (${err.message})`;
      return { judgement: everywhere('tests_failed', message), durationMs };
    }
    const judged = judge({ test, functions, secrets, module, initial: initialDatabase }, { outcomes: expectedOutcomes, database: expectedDatabase }, { outcomes: report.outcomes, database: actualDatabase });
    // An ordinary input of the test in the SQL text fails it, as a payload does in the generated checks (fixed-taint.ts).
    // Beside a result judged right or wrong, or an SQL error the database raised (the input's quote
    // broke the statement: o'brien). A crash of the code's own, a limit or a time-out says more than taint would.
    const brokenStatement = judged.verdict === 'runtime_error' && report.outcomes.some((o) => o.kind === 'threw' && o.fromDatabase);
    const taintable = judged.status === 'passed' || judged.verdict === 'tests_failed' || brokenStatement;
    const taint = report.sql && !test.payload && taintable ? fixedTaintOf(test.calls, referenceSql, report.sql) : undefined;
    if (taint) return { judgement: fixedTaintJudgement(taint, test.calls, functions, judged), durationMs };
    // An attack that got through counts as an injection only where its payload is seen in the SQL text.
    const injected = test.payload && judged.status !== 'passed' && report.sql && payloadPasted(test.calls, referenceSql, report.sql);
    return { judgement: injected ? { ...judged, injection: true } : judged, durationMs };
  } finally {
    // 5. Nothing of this test survives into the next.
    await clearStudentFilesAsStudent();
    shared.remove();
    rmSync(privateDir, { recursive: true, force: true });
  }
}
