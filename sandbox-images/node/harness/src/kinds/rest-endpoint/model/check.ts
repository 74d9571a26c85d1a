import { LIMITS, type RestGenerated, type RestModel } from '../../../contracts';
import { enoughRuns, searchCounterexample } from '../../../common/generated/search';
import { RequestFailed, RequestTimedOut, ResponseTooLarge, type HttpResponse } from '../http-exchange';
import type { RestTestOutcome } from '../rest-outcome';
import { coverageSequences } from './coverage';
import { compareAnswers, serverErrorGivenTwice, type AnswerDifference } from './compare';
import { IdLedger } from './normalise';
import { parseOperation, recordSent, resolveStep, SentValues, sequenceArbitrary, type ConcreteRequest, type ParsedOperation, type Step } from './sequence';

/**
 * One generated check of a rest-endpoint exercise: model-based testing with the reference app
 * as the model. Sequences of requests are drawn from the check's operations (seeded: the same
 * submission meets the same sequences), each sent from a fresh start to the reference and to
 * the student's app, request by request, comparing every answer; the first sequence that tells
 * them apart is shrunk (by the shared search) to the shortest list of requests that still does.
 *
 * Cost is bounded by counts, never by the clock, so that a grade does not depend on the
 * machine's load: sequences tried (`runs`), requests per sequence (`length`), sequences spent
 * shrinking (SHRINK_RUNS), and a sequence the student's app does not answer in time ends the
 * search where it is. The time budget only cuts a search that would overrun its test's wall time.
 */

/** An app the requests go to: the reference (trusted) or the student's. */
export interface AppSide {
  /**
   * Starts the app over from nothing for the next sequence: the same process made to build its
   * app again, or a fresh process (`fresh`, or when the last one ended). Resolves with what
   * went wrong when the app cannot start (for the reference, it throws instead).
   */
  reset(options: { fresh: boolean }): Promise<RestTestOutcome | undefined>;
  /** `timeoutMs`: wall time; `timeUp` ends the request as a time-out too (see `sequenceClock`). */
  send(request: ConcreteRequest, timeoutMs: number, timeUp?: AbortSignal): Promise<HttpResponse>;
  /**
   * The student's app's clock for one sequence of `limitMs`: aborts the signal it returns when the
   * sequence has had its time. Where absent, plain wall time. AppProcess charges the time the
   * app's process could run (charged-time.ts): on a busy host a correct app's requests waited
   * for a CPU and a sequence of five ran past its 2 s (golden, a TypeScript app scored 16 of 20).
   */
  sequenceClock?(limitMs: number): { timeUp: AbortSignal; stop(): void };
  /** What a failed request means, once the app's process is looked at: a crash, a limit, or the connection. */
  failure(error: unknown): Promise<RestTestOutcome>;
  /**
   * After a sequence whose every request was answered: gets the app ready for the next one, and
   * says whether the process ended meanwhile (a crash an answer left behind, in a callback that ran
   * after it): that sequence's crash, found here whatever the timing, rather than in the next one.
   */
  finish?(): Promise<RestTestOutcome | undefined>;
  /** False once the app could not be built twice in one process: each sequence then costs a new process. */
  readonly resettable?: boolean;
  /** Apps built afresh so far (new processes and resets asked of a running one) and their wall time in all, milliseconds: where a check's time went. */
  readonly starts?: { count: number; totalMs: number };
}

/** A request of a sequence as shown in feedback: what the student's app was sent, and the status it answered. */
export interface SentRequest {
  step: Step;
  request: ConcreteRequest;
  status?: number;
}

export type SequenceRun =
  /** The apps agreed on every request. */
  | { kind: 'agree' }
  /** The answers to request `at` (0-based) differ. */
  | { kind: 'differ'; at: number; requests: SentRequest[]; difference: AnswerDifference; expected: HttpResponse; actual: HttpResponse }
  /**
   * The student's app failed on request `at` (no answer, a crash, a limit), or could not start
   * (`at` -1). `routes` are those of the whole sequence: a crash may show a request or two after
   * the one that caused it, as the timing goes, so it is reported with the whole sequence.
   */
  | { kind: 'fault'; at: number; requests: SentRequest[]; routes: string[]; outcome: RestTestOutcome };

export type GeneratedCheckOutcome =
  | { kind: 'held'; runs: number }
  /**
   * The check's time ran out after `runs` of the `asked` sequences, none showing a difference:
   * the student's app answered too slowly for the check (never a pass: an app could otherwise
   * cut the search short by answering slowly). `startMs`: the student's app's mean fresh start
   * over the check, milliseconds, when known (an app slow to start, rather than to answer).
   */
  | { kind: 'unfinished'; runs: number; asked: number; startMs?: number }
  | (Exclude<SequenceRun, { kind: 'agree' }> & { runs: number; shrinks: number });

/** Sequences the shrinking may run once a difference is found: a minimal counterexample in a second or two. */
export const SHRINK_RUNS = 80;
/** Connections the student's app cuts that the shrinking goes through before it stops where it is. */
export const CONNECTION_RESETS = 8;
/** Sequences tried in fresh processes when the student's app keeps state across a reset (see below). */
export const FRESH_RUNS = 10;

export interface GeneratedCheckRequest {
  model: RestModel;
  check: RestGenerated;
  seed: number;
  runs: number;
  /** The search's own budget, shrinking included. */
  timeMs: number;
  /** Time one sequence may take (the exercise's testTimeMs): an app not answering within it has hung. */
  sequenceTimeMs: number;
  /** The student's language, for hints that name a framework (Express's express.json(), Flask's get_json()). */
  language?: 'javascript' | 'typescript' | 'python';
  reference: AppSide;
  student: AppSide;
}

export async function runGeneratedCheck(request: GeneratedCheckRequest): Promise<GeneratedCheckOutcome> {
  const operations = new Map(Object.entries(request.model.operations).map(([name, spec]) => [name, parseOperation(name, spec)]));
  const drawn = request.check.operations.map((name) => operations.get(name)!);
  const arbitrary = sequenceArbitrary(drawn, request.model, request.check.length);
  const examples = coverageSequences(drawn, request.model, request.seed);
  const startsBefore = request.student.starts && { ...request.student.starts };

  const search = async (fresh: boolean, drawnRuns: number): Promise<GeneratedCheckOutcome> => {
    const runs = drawnRuns + examples.length;
    const startedAt = performance.now();
    let found = false;
    let shrinkRuns = 0;
    let resets = 0;
    let processSequences = 0;
    // Set once the student's app hung, went over a limit or crashed too often: nothing after
    // that would be cheaper or clearer, and each try would cost a restart or the test's time.
    let final = false;
    const extra = new StudentExtra();
    const differs = async (steps: Step[]) => {
      if (final) return undefined;
      // Each sequence costs a new process: as many as a fresh search would try, no more.
      if (request.student.resettable === false && (processSequences += 1) > FRESH_RUNS) return undefined;
      if (found) {
        if (shrinkRuns >= SHRINK_RUNS) return undefined;
        shrinkRuns += 1;
      }
      const run = await runSequence(request, operations, steps, fresh, extra);
      if (run.kind === 'agree') return undefined;
      found = true;
      // A crash is reported as found: which request shows it depends on timing, so shrinking
      // would not end in the same place twice. A connection the app cut is its own doing: shrunk.
      if (run.kind === 'fault' && (run.outcome.kind !== 'connection' || (resets += 1) >= CONNECTION_RESETS)) final = true;
      return run;
    };
    const drawnOutcome = await searchCounterexample(arbitrary, differs, { seed: request.seed, runs: drawnRuns, timeMs: request.timeMs });
    if (drawnOutcome.kind !== 'held') return { ...drawnOutcome.difference, runs: drawnOutcome.runs, shrinks: drawnOutcome.shrinks };
    const unfinished = (sent: number): GeneratedCheckOutcome => ({ kind: 'unfinished', runs: sent, asked: runs, ...meanStart(startsBefore, request.student.starts) });
    // All drawn sequences agreed or, when the time ran out first, enough of them did and the
    // student's app was not what took the time (an app slowed on purpose cut its search short).
    const cut = drawnOutcome.runs < drawnRuns;
    if (cut && (drawnOutcome.runs < enoughRuns(drawnRuns) || extra.tookTheTime(performance.now() - startedAt))) return unfinished(drawnOutcome.runs);
    if (examples.length === 0) return { kind: 'held', runs: drawnOutcome.runs };
    // Then the coverage sequences (coverage.ts): a difference among the drawn ones is shrunk,
    // and its counterexample is the shortest; these are short already, and tried as they are
    // (fast-check cannot shrink a value it did not draw). They run even when the drawn ones
    // used the time up, within the least time a check gets, and must all be sent.
    const timeMs = Math.max(LIMITS.generated.timeMsMin, request.timeMs - (performance.now() - startedAt));
    const outcome = await searchCounterexample(arbitrary, differs, { seed: request.seed, runs: examples.length, timeMs, examples });
    const sent = drawnOutcome.runs + outcome.runs;
    if (outcome.kind === 'held') return outcome.runs < examples.length ? unfinished(sent) : { kind: 'held', runs: sent };
    return { ...outcome.difference, runs: sent, shrinks: outcome.shrinks };
  };

  const found = await search(false, request.runs);
  if (found.kind !== 'differ') return found;
  // The sequences ran in one process of the student's, made to build its app again before each.
  // An app that keeps state outside createApp() and its module (a file, a global) could carry a
  // sequence's state into the next: the counterexample counts only if a fresh process shows it too.
  const again = await runSequence(request, operations, stepsOf(found), true);
  if (again.kind !== 'agree') return { ...again, runs: found.runs, shrinks: found.shrinks };
  return search(true, Math.min(request.runs, FRESH_RUNS));
}

/** The mean wall time of the starts between two readings of AppSide.starts, when there were any. */
function meanStart(before: AppSide['starts'], after: AppSide['starts']): { startMs?: number } {
  if (!before || !after || after.count <= before.count) return {};
  return { startMs: Math.round((after.totalMs - before.totalMs) / (after.count - before.count)) };
}

/** The steps of a counterexample up to the request that differs: those after it never matter. */
function stepsOf(found: { requests: SentRequest[]; at: number } & { kind: 'differ' }): Step[] {
  return found.requests.slice(0, found.at + 1).map((r) => r.step);
}

/**
 * The time the student's app added to a search beyond the reference's, milliseconds: each step
 * (a start, a request) is sent to both apps at once, and whatever the student's took longer is
 * its own. A search cut short by its time passes at half its sequences only when this stays
 * under LIMITS.generated.studentShareMax of it (a busy host slows both apps alike; an app that
 * sleeps on generated requests does not get to choose how much of its search is judged).
 */
export class StudentExtra {
  ms = 0;

  /** Both apps' promises of one step, together; the student's time past the reference's is counted. */
  async race<R, S>(reference: Promise<R>, student: Promise<S>): Promise<[R, S]> {
    const began = performance.now();
    const at = <T>(p: Promise<T>) => p.then((value) => ({ value, ms: performance.now() - began }));
    const [r, st] = await Promise.all([at(reference), at(student)]);
    this.ms += Math.max(0, st.ms - r.ms);
    return [r.value, st.value];
  }

  tookTheTime(elapsedMs: number): boolean {
    return elapsedMs > 0 && this.ms >= elapsedMs * LIMITS.generated.studentShareMax;
  }
}

/** Sends one sequence to both apps from a fresh start, comparing each answer; stops at the first difference. */
export async function runSequence(request: GeneratedCheckRequest, operations: Map<string, ParsedOperation>, steps: Step[], fresh: boolean, extra: StudentExtra = new StudentExtra()): Promise<SequenceRun> {
  const { reference, student } = request;
  const [referenceStart, studentStart] = await extra.race(reference.reset({ fresh: false }), student.reset({ fresh }));
  if (referenceStart) throw new Error(`the reference app could not start again: ${describeOutcome(referenceStart)}`);
  const routes = steps.map((step) => operations.get(step.op)!.route);
  if (studentStart) return { kind: 'fault', at: -1, requests: [], routes, outcome: studentStart };
  // The student's time is charged (sequenceClock), never waited for past starvedFactor times it in wall time.
  const clock = student.sequenceClock?.(request.sequenceTimeMs);
  const deadline = performance.now() + request.sequenceTimeMs * (clock ? LIMITS.exercise.starvedFactor : 1);
  try {
    return await sendSequence(request, operations, steps, routes, deadline, clock?.timeUp, extra);
  } finally {
    clock?.stop();
  }
}

/** The requests of one sequence, both apps started; `deadline` (performance.now()) bounds the student's wall time. */
async function sendSequence(request: GeneratedCheckRequest, operations: Map<string, ParsedOperation>, steps: Step[], routes: string[], deadline: number, timeUp: AbortSignal | undefined, extra: StudentExtra): Promise<SequenceRun> {
  const { model, reference, student } = request;
  const ledgers = { reference: new IdLedger(), student: new IdLedger() };
  const sent = new SentValues();
  const requests: SentRequest[] = [];

  for (let i = 0; i < steps.length; i += 1) {
    const step = steps[i]!;
    const op = operations.get(step.op)!;
    const forReference = resolveStep(step, op, ledgers.reference.values, sent, model.unknownIds, model.unique);
    const forStudent = resolveStep(step, op, ledgers.student.values, sent, model.unknownIds, model.unique);
    recordSent(forReference, sent);
    const timeLeft = Math.max(1, deadline - performance.now());
    const [expected, actual] = await extra.race(
      reference.send(forReference, request.sequenceTimeMs).catch((err: unknown) => {
        throw new Error(`the reference app failed on ${forReference.method} ${forReference.target}: ${(err as Error).message}`);
      }),
      student.send(forStudent, timeLeft, timeUp).then(
        (res) => ({ res }),
        (error: unknown) => ({ error }),
      ),
    );
    if ('error' in actual) {
      const { error } = actual;
      if (!(error instanceof RequestTimedOut || error instanceof RequestFailed || error instanceof ResponseTooLarge)) throw error;
      requests.push({ step, request: forStudent });
      return { kind: 'fault', at: i, requests, routes, outcome: await student.failure(error) };
    }
    requests.push({ step, request: forStudent, status: actual.res.status });
    if (forStudent.givenTwice) {
      // The statement rarely settles a parameter given twice: only a server error is a difference.
      if (actual.res.status >= 500) return { kind: 'differ', at: i, requests, difference: serverErrorGivenTwice(forStudent.givenTwice, actual.res.status, request.language), expected, actual: actual.res };
      continue;
    }
    const difference = compareAnswers(model, expected, actual.res, ledgers, { request: forStudent, requestNumber: i + 1, studentIds: ledgers.student, language: request.language });
    if (difference) return { kind: 'differ', at: i, requests, difference, expected, actual: actual.res };
  }
  const [referenceEnd, studentEnd] = await Promise.all([reference.finish?.(), student.finish?.()]);
  if (referenceEnd) throw new Error(`the reference app failed after a sequence: ${describeOutcome(referenceEnd)}`);
  if (studentEnd) return { kind: 'fault', at: requests.length - 1, requests, routes, outcome: studentEnd };
  return { kind: 'agree' };
}

function describeOutcome(outcome: RestTestOutcome): string {
  switch (outcome.kind) {
    case 'start-crash':
      return outcome.log || outcome.exit;
    case 'internal':
      return outcome.message;
    default:
      return outcome.kind;
  }
}
