import fc from 'fast-check';
import { RestModel, type RestValueBlock } from '../../../contracts';
import { parseOperation, sequenceArbitrary, stepArbitrary, type Step } from './sequence';
import { blockArbitrary, blockValues, type Symbolic } from './values';

const SAMPLE = { seed: 7, numRuns: 4_000 };
const valuesOf = (arbitrary: fc.Arbitrary<Symbolic>): unknown[] => fc.sample(arbitrary, SAMPLE).flatMap((s) => (s.kind === 'value' ? [s.value] : []));
const share = (values: unknown[], wanted: unknown): number => values.filter((v) => v === wanted).length / SAMPLE.numRuns;

describe('a text query parameter', () => {
  it('is sent empty now and then: `?author=` filters on the empty author, it is no "any author"', () => {
    for (const block of ['text', { text: { from: 'author' } }, 'email', { oneOf: ['kitchen', 'garden'], from: 'category' }] as RestValueBlock[]) {
      expect(share(valuesOf(blockArbitrary(block, 'query')), '')).toBeGreaterThan(1 / 40);
    }
  });

  it('is sent as only spaces where its block allows spaces, and never otherwise', () => {
    expect(share(valuesOf(blockArbitrary({ text: { spaces: true } }, 'query')), '   ')).toBeGreaterThan(1 / 40);
    expect(valuesOf(blockArbitrary('text', 'query'))).not.toContain('   ');
  });

  it('of a choice among numbers is never sent empty (an empty number is for the number blocks to say)', () => {
    expect(valuesOf(blockArbitrary({ oneOf: [1, 2] }, 'query'))).not.toContain('');
  });
});

describe('null in a body field', () => {
  const blocks: RestValueBlock[] = ['text', 'email', 'integer', 'number', 'boolean', { oneOf: ['a', 'b'] }, { arrayOf: 'text' }, { text: { minLength: 8, spaces: false } }];

  it('is drawn for every kind of field, in one unusual value in ten at least (a class of its own, not one wrong type among five)', () => {
    for (const block of blocks) expect(share(valuesOf(blockValues(block, 'body').unusual), null)).toBeGreaterThan(1 / 10);
  });

  it('is never sent in a query, where every value is text', () => {
    for (const block of blocks) expect(valuesOf(blockArbitrary(block, 'query'))).not.toContain(null);
  });

  it('is sent alone in a partial body: PATCH {"name": null} is a wrong type, not a field left out', () => {
    const model = RestModel.parse({ operations: { update: { request: 'PATCH /users/:id', body: { email: 'email', name: 'text', password: 'text' }, partial: true } } });
    const steps = fc.sample(stepArbitrary(parseOperation('update', model.operations.update!), model), SAMPLE);
    const nullAlone = steps.filter((s) => {
      if (s.body?.kind !== 'object') return false;
      const given = Object.entries(s.body.fields).filter(([, v]) => v.kind !== 'missing');
      return given.length === 1 && given[0]![1].kind === 'value' && given[0]![1].value === null;
    });
    expect(nullAlone.length / steps.length).toBeGreaterThan(1 / 100);
  });
});

describe('a number query parameter', () => {
  it('sends 0 as a usual value where 0 is in its range, also beside values drawn from stored ones', () => {
    for (const block of [{ integer: { min: 0 } }, { integer: { min: 0, from: 'priceCents' } }, 'number'] as RestValueBlock[]) {
      expect(share(valuesOf(blockValues(block, 'query').usual), '0')).toBeGreaterThan(1 / 10);
    }
  });

  it('is sent empty, in exponent notation and with a plus sign, as unusual values: none is a whole number in digits, though Number() takes each', () => {
    const unusual = valuesOf(blockValues({ integer: { min: 0 } }, 'query').unusual);
    expect(unusual).toContain('');
    expect(unusual).toEqual(expect.arrayContaining(['1e1', '+1']));
    expect(valuesOf(blockValues({ integer: { min: 0 } }, 'query').usual)).not.toContain('');
  });

  it('keeps 0 an unusual value where its range excludes it (page from 1)', () => {
    expect(valuesOf(blockValues({ integer: { min: 1 } }, 'query').usual)).not.toContain('0');
    expect(valuesOf(blockValues({ integer: { min: 1 } }, 'query').unusual)).toContain('0');
  });

  it('meets stored prices of 0 and above 0 with maxPrice=0 in many sequences, where `if (maxPrice)` lists them all', () => {
    const model = RestModel.parse({
      operations: {
        create: { request: 'POST /products', body: { name: 'text', priceCents: { integer: { min: 0, examples: [0, 500, 1200, 3500] } } }, weight: 4 },
        list: { request: 'GET /products', query: { minPrice: { integer: { min: 0, from: 'priceCents' } }, maxPrice: { integer: { min: 0, from: 'priceCents' } } }, weight: 3 },
      },
    });
    const ops = Object.entries(model.operations).map(([name, spec]) => parseOperation(name, spec));
    const value = (s: Symbolic | undefined): unknown => (s?.kind === 'value' ? s.value : undefined);
    const shows = (steps: Step[]): boolean =>
      steps.some((step, i) => {
        if (step.op !== 'list' || value(step.query.maxPrice) !== '0') return false;
        const prices = steps.slice(0, i).flatMap((s) => (s.op === 'create' && s.body?.kind === 'object' ? [value(s.body.fields.priceCents)] : []));
        return prices.includes(0) && prices.some((p) => typeof p === 'number' && p > 0);
      });
    // Sequences of 12 requests, as rest-products-pagination draws: a list needs two creates before it.
    const sequences = fc.sample(sequenceArbitrary(ops, model, 12), { seed: 7, numRuns: 1_000 });
    // In a check of 40 runs, about two: enough that one such sequence is there nearly always.
    expect(sequences.filter(shows).length / sequences.length).toBeGreaterThan(1 / 25);
  });
});
