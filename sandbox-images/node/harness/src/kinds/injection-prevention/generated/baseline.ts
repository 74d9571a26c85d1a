import { INJECTION_PAYLOAD_CLASSES, type InjectionPayloadClass } from '../../../contracts';
import { callLabel, type Judgement } from '../judge';
import type { GeneratedCase } from './battery';
import { compare } from './case-run';
import type { GeneratedCheck } from './check';
import type { Context } from './context';

/**
 * Whether a counterexample's difference is the payload's doing. A function that is wrong for
 * every input (ties ordered the wrong way, a statement whose placeholders do not match its
 * values) differs on an attack as on anything else, and the attack's feedback then names the
 * wrong cause ("a stored value (second-order injection) in category: your function's result
 * differs", "a LIKE wildcard broke your SQL"). The grade stays: a difference is a difference
 * (case-run.ts says why). What changes is the explanation: the same calls are run once more
 * with an ordinary value in the payload's place (for a stored payload, the database as it is),
 * and when they differ too, the feedback says that the mistake shows without the attack (often
 * the same mistake: a value pasted into SQL breaks on O'Neil as on a payload).
 */

/** Classes whose payloads are ordinary values already: there is nothing plainer to compare with. */
const ORDINARY: ReadonlySet<InjectionPayloadClass> = new Set(['plain-text', 'ordinary-variant', 'inherited-name']);

/** The counterexample's calls with an ordinary value instead of the payload, or undefined when there is none to use. */
export function baselineOf(c: GeneratedCase, context: Context): GeneratedCase | undefined {
  if (ORDINARY.has(c.target.class)) return undefined;
  if (c.store) {
    const { store: _stored, ...plain } = c;
    return plain;
  }
  if (c.target.kind !== 'parameter') return undefined;
  const param = c.target.param;
  const ordinary = context.ordinary[param]?.find((v) => v !== undefined);
  if (ordinary === undefined) return undefined;
  return { ...c, payload: String(ordinary), calls: c.calls.map((call) => (call.args[param] === c.payload ? { ...call, args: { ...call.args, [param]: ordinary } } : call)) };
}

/**
 * The counterexample's judgement, saying so when the same calls with an ordinary value differ
 * too. Costs one more run of each side, once per failed check (never during the search).
 * Name-only feedback names no value, as everywhere.
 */
export async function explainedJudgement(check: GeneratedCheck, context: Context, c: GeneratedCase, judgement: Judgement): Promise<Judgement> {
  if (judgement.verdict !== 'tests_failed') return judgement;
  const baseline = baselineOf(c, context);
  if (!baseline) return judgement;
  let plain;
  try {
    plain = await compare(check, context, baseline);
  } catch {
    // The plain run failed in a way the search would stop on (a time-out): the judgement as it was.
    return judgement;
  }
  if (!plain) return judgement;
  const { functions } = check.manifest.injection;
  const calls = baseline.calls.map((call) => callLabel(call, functions)).join(', then ');
  const without = c.store ? 'without any value stored first' : `with an ordinary value (${calls})`;
  const cause = INJECTION_PAYLOAD_CLASSES[c.target.class];
  return {
    ...judgement,
    visible: `${judgement.visible}\nThe same calls ${without} differ from the expected ones too: the mistake shows without ${cause}; fix what they show first.`,
    nameOnly: `${judgement.nameOnly}; the same calls with an ordinary value differ too: the mistake shows without ${cause}; fix what your other failing tests show first`,
  };
}
