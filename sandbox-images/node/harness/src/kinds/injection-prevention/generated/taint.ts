import { createHash } from 'node:crypto';
import { INJECTION_PAYLOAD_CLASSES } from '../../../contracts';
import type { CallOutcome } from '../call-outcome';
import { callLabel, renderOutcomes, type Judgement, type JudgedTest } from '../judge';
import { holdsMarker, markerIndex } from '../taint-forms';
import type { GeneratedCase } from './battery';
import type { GeneratedCheck } from './check';
import type { Context } from './context';
import { TAINT_FIX } from './hints';

/** Taint, and the counterexample's feedback: what a generated check says of an input it caught. */

interface Taint {
  call: number;
  text: string;
  /** The marker found in the text. */
  marker: string;
  /** What the marker is, when it is not the input itself: `SHA-256 hash` (of the input). */
  derived?: string;
}

/** A marker to look for, and what it is made from when not the input itself. */
export interface TaintMarker {
  marker: string;
  derived?: string;
}

/** Hashes code might compute of an input before pasting it (a password's): hex, as code pastes them. */
const DERIVATIONS = [
  { name: 'SHA-256', algorithm: 'sha256' },
  { name: 'SHA-1', algorithm: 'sha1' },
  { name: 'MD5', algorithm: 'md5' },
] as const;

/**
 * The markers of a case: the check's letter marker (in every payload that could be pasted), its
 * numeric marker (given to whole-number parameters), and the payload's hashes, which code that
 * hashes a password and pastes the hash puts into the SQL text instead of the input.
 */
export function taintMarkers(context: Pick<Context, 'marker' | 'numericMarker'>, c: Pick<GeneratedCase, 'payload'>): TaintMarker[] {
  return [
    { marker: context.marker },
    { marker: context.numericMarker },
    ...DERIVATIONS.map(({ name, algorithm }) => ({ marker: createHash(algorithm).update(c.payload, 'utf8').digest('hex'), derived: `${name} hash` })),
  ];
}

/** The first statement of the student's whose text holds a marker (ignoring case, or encoded), where the reference's calls never held that marker. */
export function taintOf(markers: readonly TaintMarker[], reference: string[][], student: string[][]): Taint | undefined {
  // A marker as it is, or hex, char(…) or joined with || (taint-forms.ts): each is the input pasted.
  for (const { marker, derived } of markers) {
    const holds = (text: string): boolean => holdsMarker(text, marker);
    if (reference.some((texts) => texts.some(holds))) continue;
    for (const [call, texts] of student.entries()) {
      const text = texts.find(holds);
      if (text !== undefined) return { call, text, marker, ...(derived && { derived }) };
    }
  }
  return undefined;
}

export function taintJudgement(check: GeneratedCheck, c: GeneratedCase, test: JudgedTest, taint: Taint, judged: Judgement): Judgement {
  const { functions } = check.manifest.injection;
  const call = test.calls[taint.call]!;
  const value =
    c.target.kind === 'field'
      ? `the value stored in ${c.target.table}.${c.target.column}`
      : c.target.class === 'second-order' && taint.call > 0
        ? `the value given to ${c.target.fn} as ${c.target.param}, stored and read back,`
        : `the value of ${c.target.param}`;
  const what = taint.derived ? `the ${taint.derived} of ${value.replace(/,$/, '')}` : value;
  // The numeric marker is a plain word's counterpart for an id; a hash is named, not quoted.
  const kind = /^\d+$/.test(taint.marker) ? 'a plain number' : INJECTION_PAYLOAD_CLASSES[c.target.class];
  const phrase = `${kind} in ${test.payload!.in}${taint.derived ? ` (its ${taint.derived})` : ''}`;
  const fix = TAINT_FIX;
  const consequence = judged.status === 'passed' ? '' : `; and with this input, ${judged.visible.replace(/[:;] pass input as a parameter \(\?\), never as part of the SQL text$/, '')}`;
  return {
    status: 'failed',
    verdict: 'tests_failed',
    visible: `${callLabel(call, functions)} put ${what} into the SQL text of a statement (${excerpt(taint.text, taint.marker)}): ${fix}${consequence}`,
    nameOnly: `${phrase}: your code put it into the SQL text of a statement; ${fix}`,
    hidden: 'an input went into the SQL text of a statement',
    injection: true,
  };
}

/** The statement around the marker, short. */
function excerpt(text: string, marker: string): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= 160) return flat;
  const at = Math.max(0, markerIndex(flat, [marker]));
  const start = Math.max(0, at - 80);
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + 160)}…`;
}

/** The counterexample's feedback by visibility: visible the input (and what was stored first) with both sides' outcomes. */
export function decorate(judgement: Judgement, check: GeneratedCheck, c: GeneratedCase, test: JudgedTest, expected: CallOutcome[], actual: CallOutcome[] | undefined): Judgement {
  const { functions } = check.manifest.injection;
  const renumbered = c.renumber ? c.renumber.tables.map(({ table, column }) => `${table}.${column} ${c.renumber!.from} → ${c.renumber!.to}`).join(', ') : '';
  const stored = `${c.store ? `stored first in every row: ${c.store.table}.${c.store.column} = ${JSON.stringify(c.payload)}\n` : ''}${renumbered ? `rows renumbered first: ${renumbered}\n` : ''}`;
  const calls = test.calls.map((call) => callLabel(call, functions)).join(', then ');
  const visible = judgement.visible.includes(callLabel(test.calls[0]!, functions)) ? judgement.visible : `${calls}: ${judgement.visible}`;
  const before = [c.store && `${c.store.table}.${c.store.column} = ${JSON.stringify(c.payload)} stored first`, renumbered && `the rows of id ${c.renumber!.from} given the id ${c.renumber!.to} first`].filter(Boolean).join(' and ');
  return {
    ...judgement,
    visible: `${before ? `with ${before}, ` : ''}${visible}`,
    nameOnly: `${judgement.nameOnly} [a generated input]`,
    expected: `${stored}${judgement.expected ?? renderOutcomes(test, functions, expected)}`,
    actual: `${stored}${actual ? judgement.actual ?? renderOutcomes(test, functions, actual) : judgement.visible}`,
  };
}
