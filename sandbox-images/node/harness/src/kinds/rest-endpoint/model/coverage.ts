import fc from 'fast-check';
import { fromOf, type RestModel } from '../../../contracts';
import { CANONICAL_INHERITED_NAMES } from '../../../common/generated/inherited-names';
import { NUMBER_VARIANTS, TEXT_VARIANTS, type DerivedSymbolic } from './derived';
import type { Symbolic } from './values';
import { MALFORMED_TAILS, stepArbitrary, type IdChoice, type MalformedTail, type ParsedOperation, type Step } from './sequence';

/**
 * Short sequences a generated check sends once its random ones all agreed, so that every class
 * of input the model names meets the data at least once, whatever the seed (the idea of
 * SmallCheck, Runciman, Naylor and Lindblad 2008: the small cases exhaustively, beside the
 * random search):
 *
 * - each variant of a derived query value (derived.ts: the value itself, in other letter case, a
 *   part of it, two joined, padded; a number, one more, one less), asked right after two
 *   resources were made with ordinary values: a filter that ignores case or takes a part for the
 *   whole answers differently from the reference only when its value meets a stored one, and
 *   drawn at random that took a list, a query parameter, a derived value and one variant of
 *   seven in a row (a case-insensitive ?author= passed 40 random sequences);
 * - each query parameter given empty, after one resource was made (`?author=` filters on the
 *   empty author; `if (author)` takes it for no filter);
 * - a value a unique field (model.unique) already holds, as it is and in other letter case;
 * - each id no resource has, and each malformed one, on every operation with a path id, after
 *   one resource was made: a store kept in a plain object finds `constructor` (`books[id]`).
 *
 * The random sequences still run first, as many as the check asks (a difference they find is
 * shrunk to the shortest counterexample); these come on top. Deterministic: the ordinary bodies
 * are drawn with the check's seed.
 */
export function coverageSequences(operations: ParsedOperation[], model: RestModel, seed: number): Step[][] {
  const makers = operations.filter((op) => op.method === 'POST' && op.spec.body !== undefined && op.params.length === 0);
  const maker = makers[0];
  if (!maker) return [];
  const [first, second = first] = ordinaryBodies(maker, model, seed);
  // No ordinary body to be drawn (an exercise whose examples are all empty): nothing to cover with.
  if (!first) return [];
  const make = (body: Step['body']): Step => ({ op: maker.name, ids: {}, ...(body !== undefined && { body }), query: {} });
  const sequences: Step[][] = [];

  for (const op of operations) {
    for (const [field, block] of Object.entries(op.spec.query ?? {})) {
      const from = fromOf(block);
      // Only where the resources made can hold the value: a field of the maker's body.
      if (from === undefined || !Object.hasOwn(maker.spec.body ?? {}, from)) continue;
      for (let i = 0; i < Math.max(TEXT_VARIANTS.length, NUMBER_VARIANTS.length); i++) {
        const derived: DerivedSymbolic = { kind: 'derived', from, pick: 0, text: TEXT_VARIANTS[i % TEXT_VARIANTS.length]!, number: NUMBER_VARIANTS[i % NUMBER_VARIANTS.length]!, fallback: undefined };
        const ids = Object.fromEntries(op.params.map((p) => [p, { kind: 'seen', pick: 0 } satisfies IdChoice]));
        sequences.push([make(first), make(second), { op: op.name, ids, query: { [field]: derived } }]);
      }
    }
  }

  // Each query parameter given empty (`?author=`), once a resource exists: a filter on the empty
  // value, which code testing `if author:` or `if (author)` takes for no filter at all. Drawn at
  // random it took a list, that parameter and one edge value of several in a row (a Flask app
  // testing `if author:` passed 40 random sequences).
  for (const op of operations) {
    for (const field of Object.keys(op.spec.query ?? {})) {
      const ids = Object.fromEntries(op.params.map((p) => [p, { kind: 'seen', pick: 0 } satisfies IdChoice]));
      const empty: Symbolic = { kind: 'value', value: '', label: 'an empty string' };
      sequences.push([make(first), { op: op.name, ids, query: { [field]: empty } }]);
    }
  }

  // A value a unique field already holds, as it is and in other letter case (ADA@EXAMPLE.COM).
  for (const field of model.unique.filter((f) => Object.hasOwn(maker.spec.body ?? {}, f))) {
    if (first.kind !== 'object') break;
    for (const otherCase of [false, true]) {
      const again: Symbolic = { kind: 'again', pick: 0, otherCase, label: otherCase ? 'a value sent before, in other letter case' : 'a value sent before', fallback: undefined };
      sequences.push([make(first), make({ ...first, fields: { ...first.fields, [field]: again } })]);
    }
  }

  const noSuchIds: IdChoice[] = [
    ...[...model.unknownIds, ...CANONICAL_INHERITED_NAMES].map((value): IdChoice => ({ kind: 'unknown', value })),
    ...(Object.keys(MALFORMED_TAILS) as MalformedTail[]).map((tail): IdChoice => ({ kind: 'malformed', pick: 0, tail })),
  ];
  for (const op of operations.filter((o) => o.params.length > 0)) {
    // A body the reference takes, where the operation has one (PUT): the id is what is tested.
    const body = op.spec.body ? ordinaryBodies(op, model, seed)[0] : undefined;
    for (const id of noSuchIds) {
      const ids = Object.fromEntries(op.params.map((p) => [p, id]));
      sequences.push([make(first), { op: op.name, ids, ...(body !== undefined && { body }), query: {} }]);
    }
  }
  return sequences;
}

/** Draws looked through for ordinary bodies: bounded, so that a model without any cannot hang the check. */
const ORDINARY_DRAWS = 500;

/** Up to two bodies of the operation with an ordinary value in every field and nothing else (no extra property). */
function ordinaryBodies(op: ParsedOperation, model: RestModel, seed: number): Array<Step['body']> {
  const ordinary = (step: Step): boolean =>
    step.body?.kind === 'object' &&
    step.body.extra === undefined &&
    // Not empty either: a derived value needs something to derive from (tags: [] gives none).
    Object.values(step.body.fields).every((v) => v.kind === 'value' && v.label === undefined && v.value !== '' && !(Array.isArray(v.value) && v.value.length === 0));
  return fc
    .sample(stepArbitrary(op, model), { seed, numRuns: ORDINARY_DRAWS })
    .filter(ordinary)
    .slice(0, 2)
    .map((step) => step.body);
}
