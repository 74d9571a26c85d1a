import fc from 'fast-check';
import type { RestModel, RestOperation } from '../../../contracts';
import { CANONICAL_INHERITED_NAMES } from '../../../common/generated/inherited-names';
import { otherCase, resolveDerived, type SentValues } from './derived';
import { blockArbitrary, blockValues, type Symbolic } from './values';

export { otherCase, SentValues } from './derived';

/**
 * Sequences of requests drawn from a model's operations, as fast-check arbitraries of
 * symbolic steps (so that shrinking removes requests and simplifies values), and their
 * resolution into concrete requests for one app, against what that app answered before.
 */

/**
 * A path parameter: an id the app gave (the `pick`-th most recent, modulo how many), one no
 * resource has, or one the app gave with a tail that makes it no id (`1abc`, `1.5`): a lenient
 * parse (parseInt) reads the given id in it, where the statement's "not a number" means 404.
 */
export type IdChoice = { kind: 'seen'; pick: number } | { kind: 'unknown'; value: string } | { kind: 'malformed'; pick: number; tail: MalformedTail };

/** Tails that make an id the app gave no id, each with the class of input feedback names. */
export const MALFORMED_TAILS = { abc: 'followed by letters', '.5': 'followed by a fraction' } as const;
export type MalformedTail = keyof typeof MALFORMED_TAILS;

export type BodyChoice =
  | { kind: 'object'; fields: Record<string, Symbolic>; extra?: { name: string; value: Symbolic } }
  /** The same fields, wrapped in an array: not an object. */
  | { kind: 'array'; fields: Record<string, Symbolic> }
  /** JSON cut short (content-type application/json): what express.json() refuses before any route runs. */
  | { kind: 'malformed' }
  | { kind: 'none' };

export interface Step {
  /** The operation's name in the model. */
  op: string;
  ids: Record<string, IdChoice>;
  body?: BodyChoice;
  /** The query parameters sent; one left out is absent. */
  query: Record<string, Symbolic>;
}

export interface ParsedOperation {
  name: string;
  method: string;
  /** The path as declared, e.g. `/books/:id`. */
  path: string;
  /** `POST /books`, `GET /books/:id`: how feedback names the route. */
  route: string;
  /** The `:name` segments, in order. */
  params: string[];
  spec: RestOperation;
}

export function parseOperation(name: string, spec: RestOperation): ParsedOperation {
  const [method, path] = spec.request.split(' ') as [string, string];
  const params = path
    .split('/')
    .filter((segment) => segment.startsWith(':'))
    .map((segment) => segment.slice(1));
  return { name, method, path, route: spec.request, params, spec };
}

/** Weights of a body's shapes: an object nearly always. */
const BODY_WEIGHT = { object: 14, array: 1, none: 1, malformed: 1 } as const;
/** The text of a malformed body: an object that never ends. */
export const MALFORMED_JSON = '{"title": "Dune",';
/** One body in this many carries an extra property, where the operation declares some. */
const EXTRA_FREQ = 4;
/** Weights of a path id: one the app gave most of the time. */
const ID_WEIGHT = { seen: 8, unknown: 2, malformed: 2 } as const;
/** The number an extra id property holds when not an id the app gave: far above any id a sequence makes. */
export const EXTRA_UNKNOWN_ID = 4242;

export function stepArbitrary(op: ParsedOperation, model: RestModel): fc.Arbitrary<Step> {
  const idChoice: fc.Arbitrary<IdChoice> = fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.nat(7).map((pick): IdChoice => ({ kind: 'seen', pick })), weight: ID_WEIGHT.seen },
    { arbitrary: fc.constantFrom(...model.unknownIds, ...CANONICAL_INHERITED_NAMES).map((value): IdChoice => ({ kind: 'unknown', value })), weight: ID_WEIGHT.unknown },
    {
      arbitrary: fc.record({ pick: fc.nat(7), tail: fc.constantFrom(...(Object.keys(MALFORMED_TAILS) as MalformedTail[])) }).map(({ pick, tail }): IdChoice => ({ kind: 'malformed', pick, tail })),
      weight: ID_WEIGHT.malformed,
    },
  );
  const ids = fc.record(Object.fromEntries(op.params.map((p) => [p, idChoice])) as Record<string, fc.Arbitrary<IdChoice>>);
  const query = fc
    .record(Object.fromEntries(Object.entries(op.spec.query ?? {}).map(([name, block]) => [name, fc.option(blockArbitrary(block, 'query'), { nil: undefined, freq: 2 })])))
    .map((q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, Symbolic>);
  const body = op.spec.body ? bodyArbitrary(op, model) : fc.constant(undefined);
  return fc.record({ ids, body, query }).map(({ ids: chosen, body: b, query: q }): Step => ({ op: op.name, ids: chosen, ...(b !== undefined && { body: b }), query: q }));
}

/**
 * A body's fields: all usual most of the time (so that resources get made and sequences build up
 * state), or one field unusual and the others usual (so that a difference shows which field
 * and which class of input it takes), and now and then anything in every field.
 */
const FIELDS_WEIGHT = { usual: 5, oneUnusual: 4, any: 1 } as const;

function bodyArbitrary(op: ParsedOperation, model: RestModel): fc.Arbitrary<BodyChoice> {
  const blocks = Object.entries(op.spec.body ?? {}).map(([name, block]) => {
    const { usual, unusual } = blockValues(block, 'body');
    // A partial body (PATCH) leaves each field out as often as it gives it; that is no unusual input.
    const given = op.spec.partial ? fc.oneof({ withCrossShrink: true }, usual, fc.constant<Symbolic>({ kind: 'missing', label: '' })) : usual;
    return { name, usual: given, unusual };
  });
  // A partial body gives one field at least: what an empty change means is for the statement to say, and few do.
  const someGiven = (fields: Record<string, Symbolic>): boolean => !op.spec.partial || Object.values(fields).some((v) => v.kind !== 'missing');
  const record = (pick: (b: (typeof blocks)[number]) => fc.Arbitrary<Symbolic>) =>
    fc.record(Object.fromEntries(blocks.map((b) => [b.name, pick(b)])) as Record<string, fc.Arbitrary<Symbolic>>).filter(someGiven);
  const fields =
    blocks.length === 0
      ? fc.constant<Record<string, Symbolic>>({})
      : fc.oneof(
          { withCrossShrink: true },
          { arbitrary: record((b) => b.usual), weight: FIELDS_WEIGHT.usual },
          { arbitrary: fc.constantFrom(...blocks.map((b) => b.name)).chain((target) => record((b) => (b.name === target ? b.unusual : b.usual))), weight: FIELDS_WEIGHT.oneUnusual },
          { arbitrary: record((b) => fc.oneof({ withCrossShrink: true }, b.usual, b.unusual)), weight: FIELDS_WEIGHT.any },
        );
  // The model's extras (the statement says it once for every body) and the operation's own.
  const extras = [...new Set([...model.extras, ...op.spec.extras])];
  const extra =
    extras.length === 0
      ? fc.constant(undefined)
      : fc.option(
          fc.constantFrom(...extras).chain((name) =>
            (model.ids.includes(name)
              ? fc.oneof(
                  // An id the app gave is often the resource's own, and a body that sets it changes nothing seen: an id no resource has, more often.
                  { arbitrary: fc.constant<Symbolic>({ kind: 'value', value: EXTRA_UNKNOWN_ID, label: `an extra property ${name} holding an id no resource has` }), weight: 2 },
                  { arbitrary: fc.nat(7).map((pick): Symbolic => ({ kind: 'id', pick, label: `an extra property ${name} holding an id the app gave` })), weight: 1 },
                )
              : fc.constant<Symbolic>({ kind: 'value', value: 'extra', label: `an extra property ${name}` })
            ).map((value) => ({ name, value })),
          ),
          { nil: undefined, freq: EXTRA_FREQ },
        );
  return fc.oneof(
    { withCrossShrink: true },
    {
      arbitrary: fc.record({ fields, extra }).map(({ fields: f, extra: e }): BodyChoice => ({ kind: 'object', fields: f, ...(e !== undefined && { extra: e }) })),
      weight: BODY_WEIGHT.object,
    },
    { arbitrary: fields.map((f): BodyChoice => ({ kind: 'array', fields: f })), weight: BODY_WEIGHT.array },
    { arbitrary: fc.constant<BodyChoice>({ kind: 'none' }), weight: BODY_WEIGHT.none },
    { arbitrary: fc.constant<BodyChoice>({ kind: 'malformed' }), weight: BODY_WEIGHT.malformed },
  );
}

/** Sequences of at most `length` requests drawn from the named operations, by their weights. */
export function sequenceArbitrary(operations: ParsedOperation[], model: RestModel, length: number): fc.Arbitrary<Step[]> {
  const step = fc.oneof(...operations.map((op) => ({ arbitrary: stepArbitrary(op, model), weight: op.spec.weight })));
  return fc.array(step, { minLength: 1, maxLength: length });
}

export interface ConcreteRequest {
  /** `POST /books`, as declared. */
  route: string;
  method: string;
  /** Path and query, encoded: what goes on the request line. */
  target: string;
  /** The JSON body, when one is sent. */
  json?: unknown;
  /** A body sent as this text instead (malformed JSON), as application/json. */
  text?: string;
  hasBody: boolean;
  /** The object sent as the body, for explanations (a value stored as sent). */
  sentObject?: Record<string, unknown>;
  /** The classes of input of its unusual parts, e.g. `email: an e-mail address without @`. */
  labels: string[];
  /** Query parameters given twice (values.ts, `twice`): the answer is held only to not being a server error. */
  givenTwice?: string[];
}

/**
 * One step as one app receives it: `ids` are the ids that app gave so far, in order of
 * appearance (each app gets its own, so the n-th id means the same resource on both sides).
 */
export function resolveStep(step: Step, op: ParsedOperation, ids: readonly unknown[], sent: SentValues, fallbackIds: readonly string[], unique: readonly string[] = []): ConcreteRequest {
  // The labels in the order a reader meets the request: path, query, body (what the body is as a whole first).
  const labels: string[] = [];
  const idAt = (pick: number): unknown => (ids.length === 0 ? undefined : ids[ids.length - 1 - (pick % ids.length)]);
  const path = resolvePath(step, op, idAt, fallbackIds, labels);
  const resolve = (field: string, symbolic: Symbolic): Resolved => resolveValue(field, symbolic, { idAt, sent, unique });

  const query: string[] = [];
  const givenTwice: string[] = [];
  for (const [name, symbolic] of Object.entries(step.query)) {
    const { value, label, twice } = resolve(name, symbolic);
    if (value === undefined) continue;
    // Given twice only where the answer changes nothing: any answer but a server error then passes.
    const values = twice && op.method === 'GET' ? twice : [value];
    if (values.length > 1) givenTwice.push(name);
    for (const v of values) query.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(v))}`);
    if (label) labels.push(`${name}: ${label}`);
  }
  const { json, sentObject } = resolveBody(step.body, resolve, labels);
  const text = step.body?.kind === 'malformed' ? MALFORMED_JSON : undefined;
  if (text !== undefined) labels.unshift('a body of malformed JSON');

  return {
    route: op.route,
    method: op.method,
    target: query.length > 0 ? `${path}?${query.join('&')}` : path,
    ...(json !== undefined && { json }),
    ...(text !== undefined && { text }),
    hasBody: json !== undefined || text !== undefined,
    ...(sentObject !== undefined && { sentObject }),
    ...(givenTwice.length > 0 && { givenTwice }),
    labels,
  };
}

/** A field's value as one app receives it, and the class of input it is (for feedback). */
type Resolved = { value?: unknown; label?: string; twice?: [string, string] };

/** The path with each `:name` segment an id of this app's (or a malformed or unknown one); labels what is unusual. */
function resolvePath(step: Step, op: ParsedOperation, idAt: (pick: number) => unknown, fallbackIds: readonly string[], labels: string[]): string {
  return op.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment;
      const name = segment.slice(1);
      const choice = step.ids[name] ?? { kind: 'seen', pick: 0 };
      let id: unknown = choice.kind === 'unknown' ? undefined : idAt(choice.pick);
      if (choice.kind === 'malformed' && id !== undefined) {
        labels.push(`${segment}: an id your app gave ${MALFORMED_TAILS[choice.tail]} (as 1${choice.tail}), which is not an id`);
        id = `${String(id)}${choice.tail}`;
      }
      if (id === undefined) {
        id = choice.kind === 'unknown' ? choice.value : fallbackIds[0];
        labels.push(`${segment}: ${unknownIdClass(String(id))}`);
      }
      return encodeURIComponent(String(id));
    })
    .join('/');
}

/** The class of input an id no resource has belongs to, for feedback. */
function unknownIdClass(id: string): string {
  if (/^\d+$/.test(id)) return 'an id no resource has';
  if (CANONICAL_INHERITED_NAMES.includes(id)) return 'a name every JavaScript object has (constructor, __proto__, toString) as the id';
  return 'an id that is not a number';
}

/** A symbolic value made concrete for one app: its ids, what was sent before in the sequence. */
function resolveValue(field: string, symbolic: Symbolic, app: { idAt: (pick: number) => unknown; sent: SentValues; unique: readonly string[] }): Resolved {
  const { idAt, sent, unique } = app;
  switch (symbolic.kind) {
    case 'missing':
      return { label: symbolic.label };
    case 'value': {
      // An ordinary value that happens to repeat one sent before, in a field that must be unique: say so.
      const repeated = symbolic.label === undefined && unique.includes(field) ? sent.seen(field, symbolic.value) : undefined;
      const label = symbolic.label ?? (repeated === 'same' ? 'a value sent before' : repeated === 'other-case' ? 'a value sent before, in other letter case' : undefined);
      return { value: symbolic.value, ...(label !== undefined && { label }) };
    }
    case 'id': {
      const id = idAt(symbolic.pick);
      return id === undefined ? { value: 1, label: `an extra property ${field}` } : { value: id, label: symbolic.label };
    }
    case 'again': {
      const before = sent.pick(field, symbolic.pick);
      if (before === undefined) return { value: symbolic.fallback };
      return { value: symbolic.otherCase ? otherCase(before) : before, label: symbolic.label };
    }
    case 'derived':
      return resolveDerived(symbolic, sent);
    case 'twice':
      return { value: symbolic.values[0], twice: symbolic.values, label: symbolic.label };
  }
}

/** The JSON body (an object, or an array of one), and the object sent for explanations; labels what is unusual. */
function resolveBody(body: Step['body'], resolve: (field: string, symbolic: Symbolic) => Resolved, labels: string[]): { json?: unknown; sentObject?: Record<string, unknown> } {
  if (body?.kind === 'none') labels.unshift('no body');
  if (!body || (body.kind !== 'object' && body.kind !== 'array')) return {};
  const object: Record<string, unknown> = {};
  for (const [name, symbolic] of Object.entries(body.fields)) {
    const { value, label } = resolve(name, symbolic);
    if (value !== undefined) object[name] = value;
    if (label) labels.push(`${name}: ${label}`);
  }
  if (body.kind === 'object' && body.extra) {
    const { value, label } = resolve(body.extra.name, body.extra.value);
    if (value !== undefined) object[body.extra.name] = value;
    if (label) labels.push(label);
  }
  if (body.kind === 'array') {
    labels.unshift('a body that is an array, not an object');
    return { json: [object] };
  }
  return { json: object, sentObject: object };
}

/** Records what a request sent, once for both apps (it is the same but for ids). */
export function recordSent(request: ConcreteRequest, sent: SentValues): void {
  const query = request.target.includes('?') ? new URLSearchParams(request.target.slice(request.target.indexOf('?') + 1)) : undefined;
  query?.forEach((value, name) => sent.record(name, value, false));
  for (const [name, value] of Object.entries(request.sentObject ?? {})) sent.record(name, value);
}
