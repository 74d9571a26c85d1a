import type fc from 'fast-check';
import { LIMITS } from '../../../contracts';
import { enoughRuns, searchCounterexample } from '../../../common/generated/search';
import type { SqlTestOutcome } from '../feedback';
import { datasetKey, type GenDataset } from './dataset';

/** What the student's query and the reference made of one generated dataset. */
export type Judgement =
  /** The same result (as the comparison sees it). */
  | { kind: 'same' }
  /** A different result, or an error where the reference answered: a counterexample. */
  | { kind: 'differs'; outcome: Extract<SqlTestOutcome, { kind: 'wrong' | 'runtime' }> }
  /**
   * An outcome that ends the search (a time-out, the memory, too many rows, a query refused,
   * the grader's own failure): the test's verdict when it comes before any difference; while
   * shrinking, a candidate that is not taken.
   */
  | { kind: 'stop'; outcome: SqlTestOutcome }
  /** Not run: a batch stops at its first `stop`. Never a counterexample. */
  | { kind: 'unjudged' };

export type SearchEnd =
  | { kind: 'held'; runs: number }
  /** The time ran out before every initial dataset was judged, with no difference found in those that were. */
  | { kind: 'unfinished'; judged: number; runs: number }
  | { kind: 'stopped'; dataset: GenDataset; outcome: SqlTestOutcome }
  | { kind: 'counterexample'; dataset: GenDataset; outcome: Extract<SqlTestOutcome, { kind: 'wrong' | 'runtime' }>; runs: number; shrinks: number };

export type SearchStep = { kind: 'judge'; datasets: GenDataset[] } | { kind: 'done'; end: SearchEnd };

/**
 * The search of a generated test, in rounds: the shared search (searchCounterexample: fast-check,
 * seeded) is replayed on the judgements known so far, each replay the same inputs in the same
 * order, and asks for the datasets it met without a judgement. Those are judged together (a
 * batch: one PostgreSQL engine loads them one after the other), and the next replay goes on
 * from there: the initial datasets first, then the shrinking, one step of it per round.
 *
 * The replays are pure and cheap (a few milliseconds); the rounds only change when datasets
 * are judged, so the same judgements give the same counterexample, however the batches fall.
 */
export class RoundSearch {
  private readonly judged = new Map<string, Judgement>();
  rounds = 0;
  /** Time spent judging, milliseconds: in all, and in the student's queries (spent()). */
  private readonly time = { studentMs: 0, totalMs: 0 };

  constructor(
    private readonly arbitrary: fc.Arbitrary<GenDataset>,
    private readonly options: { seed: number; runs: number; shrink: boolean },
  ) {}

  record(datasets: readonly GenDataset[], judgements: readonly Judgement[]): void {
    // What was not judged is asked again if the search meets it again.
    datasets.forEach((d, i) => {
      const judgement = judgements[i];
      if (judgement && judgement.kind !== 'unjudged') this.judged.set(datasetKey(d), judgement);
    });
    this.rounds += 1;
  }

  /** Adds a batch's time: `totalMs` judging it, `studentMs` of that in the student's queries. */
  spent(studentMs: number, totalMs: number): void {
    this.time.studentMs += studentMs;
    this.time.totalMs += totalMs;
  }

  /** The student's queries took LIMITS.generated.studentShareMax of the judging time or more. */
  private studentTookTheTime(): boolean {
    return this.time.totalMs > 0 && this.time.studentMs >= this.time.totalMs * LIMITS.generated.studentShareMax;
  }

  /**
   * Replays the search. `mayAsk` false (no more rounds or time): what is not judged yet counts
   * as no difference, and the search ends where it is.
   */
  async step(mayAsk: boolean): Promise<SearchStep> {
    const wanted = new Map<string, GenDataset>();
    let stopped: { dataset: GenDataset; outcome: SqlTestOutcome } | undefined;
    let failing = false;
    let missed = 0;
    const outcome = await searchCounterexample(
      this.arbitrary,
      async (dataset: GenDataset) => {
        if (stopped) return undefined;
        const key = datasetKey(dataset);
        const judgement = this.judged.get(key);
        if (judgement === undefined) {
          if (mayAsk && (!failing || this.options.shrink)) wanted.set(key, dataset);
          else if (!failing) missed += 1;
          return undefined;
        }
        if (judgement.kind === 'differs') {
          failing = true;
          return judgement.outcome;
        }
        if (judgement.kind === 'stop' && !failing) stopped = { dataset, outcome: judgement.outcome };
        return undefined;
      },
      // The replay's time is not the search's: the judging is, and the caller holds its budget.
      { seed: this.options.seed, runs: this.options.runs, timeMs: 30_000 },
    );
    if (stopped) return { kind: 'done', end: { kind: 'stopped', ...stopped } };
    if (wanted.size > 0) return { kind: 'judge', datasets: [...wanted.values()] };
    if (outcome.kind === 'held') {
      // Time ran out first: enough datasets judged, all alike, pass when a busy host or the
      // harness took the time; fewer, or the student's queries having taken it, is a time-out.
      const judged = outcome.runs - missed;
      const held = missed === 0 || (judged >= enoughRuns(outcome.runs) && !this.studentTookTheTime());
      return { kind: 'done', end: held ? { kind: 'held', runs: judged } : { kind: 'unfinished', judged, runs: outcome.runs } };
    }
    return { kind: 'done', end: { kind: 'counterexample', dataset: outcome.input, outcome: outcome.difference, runs: outcome.runs, shrinks: outcome.shrinks } };
  }
}
