import { LIMITS } from '../../contracts';
import { clearStudentFilesAsStudent } from '../../common/process/clear-as-student';
import type { StudentProcessOutcome } from '../../common/process/run-as-student';
import { AssertionFailure, isNodeAssertionError } from './assertion-failure';
import { RequestFailed, RequestTimedOut, ResponseTooLarge } from './http-exchange';
import type { RestTestOutcome } from './rest-outcome';
import { startStudentApp, type StudentAppRequest } from './student-app';
import type { TestCase } from './test-cases-module';
import { createTestKit, type TestKit } from './test-kit';

export interface RestTestRequest extends StudentAppRequest {
  testCase: TestCase;
  caseId: string;
  memoryMb: number;
  /** What the case gets instead of the plain kit (a kind's helpers added to it). */
  extendKit?: (kit: TestKit) => TestKit;
}

export interface RestTestRun {
  outcome: RestTestOutcome;
  /** False when the app never listened: then it would not in any other test either. */
  listened: boolean;
  /** Time of the test case itself, once the app listened. */
  durationMs?: number;
}

/** How long a failed connection waits for the app's process to end, to tell a crash from a reset. */
const CRASH_GRACE_MS = 300;
/** The tail of the app's stderr that a crash message quotes. */
const LOG_LINES = 12;
const LOG_CHARS = 1_500;

type CaseEnd = { kind: 'returned' } | { kind: 'threw'; error: unknown } | { kind: 'deadline'; pending?: string };

/**
 * One test: a fresh app, the instructor's case against it within the test's time, then
 * the app stopped, every student process gone and the student's files cleared.
 */
export async function runRestTest(request: RestTestRequest): Promise<RestTestRun> {
  const run = await runWithApp(request);
  await clearStudentFilesAsStudent();
  return run;
}

async function runWithApp(request: RestTestRequest): Promise<RestTestRun> {
  const start = await startStudentApp(request);
  if (start.kind !== 'listening') {
    const limit = limitOverrun(start.outcome, request);
    if (limit) return { outcome: limit, listened: false };
    if (start.outcome.spawnError) return { outcome: { kind: 'internal', message: `the app runner could not start: ${start.outcome.spawnError}` }, listened: false };
    if (start.kind === 'exited' && start.outcome.exitCode === request.launcher.importErrorExitCode) return { outcome: { kind: 'compile', message: logTail(start.outcome) }, listened: false };
    if (start.kind === 'exited') return { outcome: { kind: 'start-crash', log: logTail(start.outcome), exit: howItEnded(start.outcome) }, listened: false };
    return { outcome: { kind: 'start-silent', limitMs: request.startupTimeMs }, listened: false };
  }

  const began = performance.now();
  const session = createTestKit({ port: request.port, deadline: began + request.testTimeMs, maxResponseBytes: LIMITS.exercise.responseBytes, jsonHint: request.launcher.jsonHint });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<CaseEnd>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'deadline', pending: session.pendingRequest() }), request.testTimeMs);
  });
  const ran = Promise.resolve()
    .then(() => request.testCase(request.extendKit ? request.extendKit(session.kit) : session.kit))
    .then(
      (): CaseEnd => ({ kind: 'returned' }),
      (error: unknown): CaseEnd => ({ kind: 'threw', error }),
    );
  const end = await Promise.race([ran, deadline]);
  const durationMs = Math.round(performance.now() - began);
  clearTimeout(timer);
  session.close();

  if (end.kind === 'threw' && end.error instanceof RequestFailed) await start.app.exitsWithin(CRASH_GRACE_MS);
  const ended = await start.app.stop();
  return { outcome: judge(end, ended, request), listened: true, durationMs };
}

function judge(end: CaseEnd, ended: StudentProcessOutcome, request: RestTestRequest): RestTestOutcome {
  const limit = limitOverrun(ended, request);
  if (limit) return limit;
  if (end.kind === 'returned') return { kind: 'passed' };
  if (end.kind === 'deadline') return { kind: 'no-answer', request: end.pending, limitMs: request.testTimeMs };
  const { error } = end;
  if (error instanceof AssertionFailure) {
    return { kind: 'assertion', message: error.message, ...(error.expected !== undefined && { expected: error.expected }), ...(error.actual !== undefined && { actual: error.actual }) };
  }
  if (isNodeAssertionError(error)) return { kind: 'assertion', message: error.message.slice(0, 1_000) };
  if (error instanceof RequestTimedOut) return { kind: 'no-answer', request: error.request, limitMs: request.testTimeMs };
  if (error instanceof ResponseTooLarge) return { kind: 'too-large', request: error.request, limitBytes: error.limitBytes };
  if (error instanceof RequestFailed) {
    // Stopped by us means it was still running when the request failed.
    if (!ended.stopped && !ended.timedOut) return { kind: 'crash', request: error.request, log: logTail(ended) };
    return { kind: 'connection', request: error.request, reason: error.reason };
  }
  const detail = (error as { stack?: unknown } | null)?.stack ?? String(error);
  return { kind: 'internal', message: `the test case ${JSON.stringify(request.caseId)} threw: ${String(detail).slice(0, 2_000)}` };
}

/**
 * A limit the student's process went over, whatever else happened. The pids limit comes
 * first: a fork bomb can also starve the app past its time, crash it (Node cannot start a
 * thread), flood its stderr with fork errors or push the container out of memory.
 */
export function limitOverrun(outcome: StudentProcessOutcome, request: Pick<RestTestRequest, 'memoryMb'>): RestTestOutcome | undefined {
  if (outcome.processLimitHit) return { kind: 'processes' };
  if (outcome.memoryKilled) return { kind: 'memory', limitMb: request.memoryMb };
  if (outcome.outputLimitExceeded) return { kind: 'output', limitBytes: LIMITS.exercise.outputBytes };
  return undefined;
}

function logTail(outcome: StudentProcessOutcome): string {
  const lines = outcome.stderr.text().trimEnd().split('\n').slice(-LOG_LINES).join('\n');
  return lines.length > LOG_CHARS ? `…${lines.slice(-LOG_CHARS)}` : lines;
}

function howItEnded(outcome: StudentProcessOutcome): string {
  return outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`;
}
