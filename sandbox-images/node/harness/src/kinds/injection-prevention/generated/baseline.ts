import { INJECTION_PAYLOAD_CLASSES, type InjectionPayloadClass } from '../../../contracts';
import type { Judgement } from '../judge';
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
 * and when they differ too, the feedback is theirs, judged as ordinary input, with the attack
 * named only as where the search met the mistake (often the same mistake: a value pasted into
 * SQL breaks on O'Neil as on a payload).
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
 * The counterexample's judgement; when the same calls with an ordinary value differ too, the
 * mistake as those calls show it, judged as ordinary input (no attack named: "the result holds
 * secret values it must not", not "a stored value (second-order injection) in username leaked
 * data"), with the attack it was found by named after it. Costs one more run of each side, once
 * per failed check (never during the search). Name-only feedback names no value, as everywhere.
 */
export async function explainedJudgement(check: GeneratedCheck, context: Context, c: GeneratedCase, judgement: Judgement): Promise<Judgement> {
  if (judgement.verdict !== 'tests_failed') return judgement;
  const baseline = baselineOf(c, context);
  if (!baseline) return judgement;
  let plain;
  try {
    plain = await compare(check, context, baseline, true);
  } catch {
    // The plain run failed in a way the search would stop on (a time-out): the judgement as it was.
    return judgement;
  }
  if (!plain) return judgement;
  const where = c.target.kind === 'parameter' ? c.target.param : `${c.target.table}.${c.target.column}`;
  const cause = `${INJECTION_PAYLOAD_CLASSES[c.target.class]} in ${where}`;
  const found = c.store ? `found while trying ${cause}, but it shows with nothing stored first too` : `found while trying ${cause}, but it shows with ordinary values too`;
  // The verdict stays the search's: an ordinary call that throws is often an ordinary value
  // pasted (O'Neil), an injection's failure rather than a crash (as in a fixed test).
  return {
    ...plain.judgement,
    status: judgement.status,
    verdict: judgement.verdict,
    visible: `${plain.judgement.visible}\nThis mistake was ${found}: fix it first; the attack is not its cause.`,
    nameOnly: `${plain.judgement.nameOnly}; ${found}: fix what your other failing tests show first`,
  };
}
