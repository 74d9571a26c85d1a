import { INJECTION_PAYLOAD_CLASSES } from '../../../contracts';
import type { CallOutcome } from '../call-outcome';
import { callLabel, renderOutcomes, type Judgement, type JudgedTest } from '../judge';
import { holdsMarker, markerIndex } from '../taint-forms';
import type { GeneratedCase } from './battery';
import type { GeneratedCheck } from './check';
import { markerOf } from './context';
import { TAINT_FIX } from './hints';

/** Taint, and the counterexample's feedback: what a generated check says of an input it caught. */

interface Taint {
  call: number;
  text: string;
}

/** The first statement of the student's whose text holds the marker (ignoring case, or encoded), where the reference's calls never held it. */
export function taintOf(marker: string, reference: string[][], student: string[][]): Taint | undefined {
  // The marker as it is, or hex, char(…) or joined with || (taint-forms.ts): each is the input pasted.
  const holds = (text: string): boolean => holdsMarker(text, marker);
  if (reference.some((texts) => texts.some(holds))) return undefined;
  for (const [call, texts] of student.entries()) {
    const text = texts.find(holds);
    if (text !== undefined) return { call, text };
  }
  return undefined;
}

export function taintJudgement(check: GeneratedCheck, c: GeneratedCase, test: JudgedTest, taint: Taint, judged: Judgement): Judgement {
  const { functions } = check.manifest.injection;
  const call = test.calls[taint.call]!;
  const what =
    c.target.kind === 'field'
      ? `the value stored in ${c.target.table}.${c.target.column}`
      : c.target.class === 'second-order' && taint.call > 0
        ? `the value given to ${c.target.fn} as ${c.target.param}, stored and read back,`
        : `the value of ${c.target.param}`;
  const phrase = `${INJECTION_PAYLOAD_CLASSES[c.target.class]} in ${test.payload!.in}`;
  const fix = TAINT_FIX;
  const consequence = judged.status === 'passed' ? '' : `; and with this input, ${judged.visible.replace(/[:;] pass input as a parameter \(\?\), never as part of the SQL text$/, '')}`;
  return {
    status: 'failed',
    verdict: 'tests_failed',
    visible: `${callLabel(call, functions)} put ${what} into the SQL text of a statement (${excerpt(taint.text, check)}): ${fix}${consequence}`,
    nameOnly: `${phrase}: your code put it into the SQL text of a statement; ${fix}`,
    hidden: 'an input went into the SQL text of a statement',
    injection: true,
  };
}

/** The statement around the marker, short. */
function excerpt(text: string, check: GeneratedCheck): string {
  const marker = markerOf(check.slug, check.test.name);
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= 160) return flat;
  const at = Math.max(0, markerIndex(flat, [marker]));
  const start = Math.max(0, at - 80);
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + 160)}…`;
}

/** The counterexample's feedback by visibility: visible the input (and what was stored first) with both sides' outcomes. */
export function decorate(judgement: Judgement, check: GeneratedCheck, c: GeneratedCase, test: JudgedTest, expected: CallOutcome[], actual: CallOutcome[] | undefined): Judgement {
  const { functions } = check.manifest.injection;
  const stored = c.store ? `stored first in every row: ${c.store.table}.${c.store.column} = ${JSON.stringify(c.payload)}\n` : '';
  const calls = test.calls.map((call) => callLabel(call, functions)).join(', then ');
  const visible = judgement.visible.includes(callLabel(test.calls[0]!, functions)) ? judgement.visible : `${calls}: ${judgement.visible}`;
  return {
    ...judgement,
    visible: `${stored ? `with ${c.store!.table}.${c.store!.column} = ${JSON.stringify(c.payload)} stored first, ` : ''}${visible}`,
    nameOnly: `${judgement.nameOnly} [a generated input]`,
    expected: `${stored}${judgement.expected ?? renderOutcomes(test, functions, expected)}`,
    actual: `${stored}${actual ? judgement.actual ?? renderOutcomes(test, functions, actual) : judgement.visible}`,
  };
}
