import fc from 'fast-check';
import { RestModel } from '../../../contracts';
import { EXTRA_UNKNOWN_ID, MALFORMED_JSON, parseOperation, recordSent, resolveStep, SentValues, sequenceArbitrary, type Step } from './sequence';
import { blockArbitrary, LONG_STRING_CHARS, type Symbolic } from './values';

const model = RestModel.parse({
  unknownIds: ['424242', 'not-a-number'],
  operations: {
    create: { request: 'POST /users', body: { email: 'email', name: { text: { minLength: 2 } }, age: { integer: { min: 0, max: 150 } } }, extras: ['id'] },
    update: { request: 'PATCH /users/:id', body: { name: 'text' }, partial: true },
    list: { request: 'GET /users', query: { page: { integer: { min: 1 } }, role: { oneOf: ['admin', 'member'] } } },
  },
});
const ops = Object.fromEntries(Object.entries(model.operations).map(([name, spec]) => [name, parseOperation(name, spec)]));

function labelsOf(arbitrary: fc.Arbitrary<Symbolic>): Set<string> {
  return new Set(fc.sample(arbitrary, { seed: 1, numRuns: 2_000 }).flatMap((s) => ('label' in s && s.label ? [s.label] : [])));
}

describe('the building blocks of generated requests', () => {
  it('give a text field ordinary values, its edges and wrong types, each with the class of input feedback names', () => {
    const labels = labelsOf(blockArbitrary({ text: { minLength: 8, spaces: true } }, 'body'));
    for (const label of ['an empty string', 'only spaces', `a very long string (${LONG_STRING_CHARS} characters)`, 'non-ASCII text', '7 characters, one fewer than the minimum', 'exactly 8 characters, the minimum', 'a number instead of text', 'null', 'left out', 'a value sent before, in other letter case']) {
      expect(labels).toContain(label);
    }
  });

  it('give an e-mail field the addresses that break "one @ with text on both sides"', () => {
    const labels = labelsOf(blockArbitrary('email', 'body'));
    for (const label of ['an e-mail address without @', 'an e-mail address with nothing before @', 'an e-mail address with nothing after @', 'an e-mail address with two @']) expect(labels).toContain(label);
  });

  it('give a query parameter text only, around its range, and never a wrong JSON type', () => {
    const values = fc.sample(blockArbitrary({ integer: { min: 1, max: 50 } }, 'query'), { seed: 1, numRuns: 1_000 });
    // Text, or the parameter given twice with two texts (given-twice.test.ts).
    expect(values.every((v) => (v.kind === 'value' && typeof v.value === 'string') || (v.kind === 'twice' && v.values.every((t) => typeof t === 'string')))).toBe(true);
    const labels = new Set(values.map((v) => ('label' in v ? v.label : undefined)));
    for (const label of ['one below the minimum', 'the maximum', 'one above the maximum', 'a fractional number', 'a word instead of a number', 'given twice']) expect(labels).toContain(label);
  });
});

describe('a step resolved for one app', () => {
  it('puts in a path the n-th id that app gave, so both apps are asked about the same resource', () => {
    const step: Step = { op: 'update', ids: { id: { kind: 'seen', pick: 0 } }, body: { kind: 'object', fields: { name: { kind: 'value', value: 'Ada' } } }, query: {} };
    expect(resolveStep(step, ops.update!, [1, 2], new SentValues(), model.unknownIds).target).toBe('/users/2');
    expect(resolveStep(step, ops.update!, ['u-a', 'u-b'], new SentValues(), model.unknownIds).target).toBe('/users/u-b');
    const none = resolveStep(step, ops.update!, [], new SentValues(), model.unknownIds);
    expect(none).toMatchObject({ target: '/users/424242', labels: [':id: an id no resource has'] });
    const unknown: Step = { ...step, ids: { id: { kind: 'unknown', value: 'not-a-number' } } };
    expect(resolveStep(unknown, ops.update!, [1], new SentValues(), model.unknownIds)).toMatchObject({ target: '/users/not-a-number', labels: [':id: an id that is not a number'] });
  });

  it('repeats a value sent before in the same field, in other letter case when asked', () => {
    const sent = new SentValues();
    const first: Step = { op: 'create', ids: {}, body: { kind: 'object', fields: { email: { kind: 'value', value: 'ada@example.com' } } }, query: {} };
    recordSent(resolveStep(first, ops.create!, [], sent, model.unknownIds), sent);
    const again: Step = { op: 'create', ids: {}, body: { kind: 'object', fields: { email: { kind: 'again', pick: 0, otherCase: true, label: 'a value sent before, in other letter case', fallback: 'x@example.com' } } }, query: {} };
    expect(resolveStep(again, ops.create!, [1], sent, model.unknownIds)).toMatchObject({
      json: { email: 'ADA@EXAMPLE.COM' },
      labels: ['email: a value sent before, in other letter case'],
    });
    expect(resolveStep(again, ops.create!, [], new SentValues(), model.unknownIds).json).toEqual({ email: 'x@example.com' });
  });

  it("sends an extra id as the app's own id, and a body as an array or none at all", () => {
    const step: Step = { op: 'create', ids: {}, body: { kind: 'object', fields: {}, extra: { name: 'id', value: { kind: 'id', pick: 0, label: 'an extra property id holding an id the app gave' } } }, query: {} };
    expect(resolveStep(step, ops.create!, [7], new SentValues(), model.unknownIds)).toMatchObject({ json: { id: 7 }, sentObject: { id: 7 } });
    expect(resolveStep({ ...step, body: { kind: 'array', fields: { name: { kind: 'value', value: 'Ada' } } } }, ops.create!, [], new SentValues(), model.unknownIds)).toMatchObject({
      json: [{ name: 'Ada' }],
      labels: ['a body that is an array, not an object'],
    });
    expect(resolveStep({ ...step, body: { kind: 'none' } }, ops.create!, [], new SentValues(), model.unknownIds)).toMatchObject({ hasBody: false, labels: ['no body'] });
  });

  it('draws sequences of the named operations, reproducibly from a seed', () => {
    const arbitrary = sequenceArbitrary([ops.create!, ops.list!], model, 5);
    const once = fc.sample(arbitrary, { seed: 42, numRuns: 20 });
    expect(fc.sample(arbitrary, { seed: 42, numRuns: 20 })).toEqual(once);
    expect(once.every((s) => s.length >= 1 && s.length <= 5 && s.every((step) => step.op === 'create' || step.op === 'list'))).toBe(true);
  });
});

describe('requests that a lenient app takes for valid ones', () => {
  it('puts in a path an id the app gave followed by letters or a fraction, naming it as no id', () => {
    const step: Step = { op: 'update', ids: { id: { kind: 'malformed', pick: 0, tail: 'abc' } }, body: { kind: 'object', fields: { name: { kind: 'value', value: 'Ada' } } }, query: {} };
    expect(resolveStep(step, ops.update!, [1, 2], new SentValues(), model.unknownIds)).toMatchObject({ target: '/users/2abc', labels: [':id: an id your app gave followed by letters (as 1abc), which is not an id'] });
    const fraction: Step = { ...step, ids: { id: { kind: 'malformed', pick: 1, tail: '.5' } } };
    expect(resolveStep(fraction, ops.update!, [1, 2], new SentValues(), model.unknownIds).target).toBe('/users/1.5');
    // No id given yet: an id no resource has, as for a seen id.
    expect(resolveStep(step, ops.update!, [], new SentValues(), model.unknownIds).target).toBe('/users/424242');
  });

  it('draws malformed ids for every `:name` segment, in every model', () => {
    const steps = fc.sample(sequenceArbitrary([ops.update!], model, 3), { seed: 7, numRuns: 300 }).flat();
    expect(steps.some((s) => s.ids.id?.kind === 'malformed')).toBe(true);
  });

  it('sends now and then a body of malformed JSON, as application/json text, to every operation with a body', () => {
    const step: Step = { op: 'create', ids: {}, body: { kind: 'malformed' }, query: {} };
    const request = resolveStep(step, ops.create!, [], new SentValues(), model.unknownIds);
    expect(request).toMatchObject({ hasBody: true, text: MALFORMED_JSON, labels: ['a body of malformed JSON'] });
    expect(() => JSON.parse(request.text!)).toThrow();
    const bodies = fc.sample(sequenceArbitrary([ops.create!, ops.update!], model, 3), { seed: 7, numRuns: 300 }).flat();
    expect(bodies.some((s) => s.op === 'create' && s.body?.kind === 'malformed')).toBe(true);
    expect(bodies.some((s) => s.op === 'update' && s.body?.kind === 'malformed')).toBe(true);
  });

  it("adds the model's extras to every body, and an extra id property also holds an id no resource has", () => {
    const withExtras = RestModel.parse({ extras: ['id', 'role'], operations: { update: { request: 'PATCH /users/:id', body: { name: 'text' }, partial: true } } });
    const update = parseOperation('update', withExtras.operations.update!);
    const extras = fc
      .sample(sequenceArbitrary([update], withExtras, 3), { seed: 7, numRuns: 400 })
      .flat()
      .flatMap((s) => (s.body?.kind === 'object' && s.body.extra ? [s.body.extra] : []));
    expect(new Set(extras.map((e) => e.name))).toEqual(new Set(['id', 'role']));
    expect(extras.some((e) => e.name === 'id' && e.value.kind === 'value' && e.value.value === EXTRA_UNKNOWN_ID)).toBe(true);
    expect(extras.some((e) => e.name === 'id' && e.value.kind === 'id')).toBe(true);
  });
});
