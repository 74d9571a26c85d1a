import { LIMITS, type ExerciseManifest } from '../../../contracts';
import { searchCounterexample, seedOf } from '../../../common/generated/search';
import { PASSED, type Judgement } from '../judge';
import { everywhere } from '../runner-outcome';
import type { ReferenceSide } from '../reference';
import { canonicalCases, caseArbitrary, CLASS_ORDER, targetKey, targetsOf, type GeneratedCase } from './battery';
import { explainedJudgement } from './baseline';
import { compare, StopSearch, type Difference } from './case-run';
import { prepareContext } from './context';
import type { StudentSide } from './student-side';

type InjectionPreventionManifest = Extract<ExerciseManifest, { kind: 'injection-prevention' }>;
type InjectionTest = InjectionPreventionManifest['tests'][number];
type Generated = NonNullable<InjectionTest['generated']>;

/**
 * A generated check of the injection-prevention kind: every attacked parameter meets every
 * class of the battery (battery.ts), each input run by the reference solution (here, traced)
 * and by the student's module (StudentSide) on identical fresh databases, and compared as a
 * fixed test is (judge.ts), plus taint: the check's marker, which every payload that could be
 * pasted carries, must never appear in the SQL text of a statement the student's code
 * prepared. The search (generated/search.ts) goes target by target, each (function,
 * parameter, class) or stored field with its own seed and its share of the runs, and stops at
 * the first counterexample, shrunk to the smallest input that still shows the difference.
 */
export interface GeneratedCheck {
  slug: string;
  test: InjectionTest & { generated: Generated };
  manifest: InjectionPreventionManifest;
  /** The reference side, open for the whole check. */
  reference: ReferenceSide;
  /** The exercise's database, built once. */
  baseDatabase: string;
  /** A private directory (root, 0700) for the reference's copies. */
  workDir: string;
  student: StudentSide;
  /** Time the search may take, milliseconds (the test's timeMs, or less when the sandbox's time is short). */
  budgetMs: number;
}

export interface CheckOutcome {
  judgement: Judgement;
  /** Inputs tried. */
  runs: number;
  /** The module did not load: every test fails alike. */
  loadFailed?: boolean;
  counterexample?: GeneratedCase;
}

interface SearchState {
  stop?: StopSearch;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** Drawn inputs each (function, parameter, class) gets at least, after its canonical ones, whatever `runs` says. */
const MIN_RUNS_PER_TARGET = 2;

export async function runGeneratedCheck(check: GeneratedCheck): Promise<CheckOutcome> {
  const started = performance.now();
  const { generated } = check.test;
  const context = await prepareContext(check);
  const attackEverything = generated.attack === undefined;
  const attack = generated.attack ?? check.manifest.injection.functions;
  const classes = generated.classes ?? CLASS_ORDER;
  const targets = targetsOf(attack, classes, attackEverything ? context.tables : undefined);
  const runs = generated.runs ?? LIMITS.generated.runs;
  const perTarget = Math.max(MIN_RUNS_PER_TARGET, Math.ceil(runs / Math.max(1, targets.length)));
  const deadline = started + check.budgetMs;

  let tried = 0;
  const state: SearchState = {};
  try {
    for (const target of targets) {
      const left = deadline - performance.now();
      if (left <= 0) return { judgement: outOfTime(check, tried), runs: tried };
      const differs = async (c: GeneratedCase): Promise<Difference | undefined> => {
        // Once stopped, the search's remaining runs cost nothing.
        if (state.stop) throw state.stop;
        try {
          return await compare(check, context, c);
        } catch (err) {
          if (err instanceof StopSearch) state.stop = err;
          throw err;
        }
      };
      // The target's canonical inputs first: already minimal, nothing to shrink.
      for (const c of canonicalCases(target, context)) {
        tried += 1;
        const difference = await differs(c);
        if (difference) {
          const judgement = await explainedJudgement(check, context, c, difference.judgement);
          const found = `[a generated counterexample, one of the smallest of its kind; ${tried} ${tried === 1 ? 'input' : 'inputs'} tried]`;
          return { judgement: { ...judgement, visible: `${judgement.visible} ${found}` }, runs: tried, counterexample: c };
        }
      }
      const outcome = await searchCounterexample(caseArbitrary(target, context), differs, {
        seed: seedOf(check.slug, check.test.name, targetKey(target)),
        runs: perTarget,
        timeMs: Math.ceil(left),
      });
      tried += outcome.runs;
      if (outcome.kind === 'counterexample') {
        const judgement = await explainedJudgement(check, context, outcome.input, outcome.difference.judgement);
        const found = `[a generated counterexample, shrunk to the smallest; ${tried} ${tried === 1 ? 'input' : 'inputs'} tried]`;
        return { judgement: { ...judgement, visible: `${judgement.visible} ${found}` }, runs: tried, counterexample: outcome.input };
      }
      if (outcome.runs < perTarget) return { judgement: outOfTime(check, tried), runs: tried };
    }
  } catch (err) {
    if (err instanceof StopSearch) {
      const found = err.input ? ` [a generated input; not shrunk: each try could take ${seconds(check.manifest.limits.testTimeMs)}]` : '';
      return { judgement: { ...err.judgement, visible: `${err.judgement.visible}${found}` }, runs: tried + 1, loadFailed: err.loadFailed, ...(err.input && { counterexample: err.input }) };
    }
    throw err;
  }
  return { judgement: PASSED, runs: tried };
}

function outOfTime(check: GeneratedCheck, tried: number): Judgement {
  const s = Math.round(check.budgetMs / 100) / 10;
  return everywhere('time_limit_exceeded', `your functions were too slow for the generated check: ${tried} inputs in ${s} s, before every class of input had been tried`);
}
