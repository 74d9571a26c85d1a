import fc from 'fast-check';
import { RestModel } from '../../../contracts';
import { derivedArbitrary, resolveDerived, SentValues, type DerivedSymbolic } from './derived';
import { parseOperation, recordSent, resolveStep, type Step } from './sequence';
import { blockArbitrary } from './values';

const derived = (from: string, text: DerivedSymbolic['text'], number: DerivedSymbolic['number'] = 'same', pick = 0): DerivedSymbolic => ({ kind: 'derived', from, pick, text, number, fallback: 'fallback' });

function sentWith(field: string, ...values: unknown[]): SentValues {
  const sent = new SentValues();
  for (const v of values) sent.record(field, v);
  return sent;
}

describe('a value drawn from those sent before in another field', () => {
  it('gives text as sent, in other letter case, its first, last and inner parts, two joined by a comma, and with spaces around it', () => {
    const sent = sentWith('category', 'garden', 'kitchen');
    const value = (variant: DerivedSymbolic['text']) => resolveDerived(derived('category', variant), sent).value;
    expect(value('same')).toBe('kitchen');
    expect(value('other-case')).toBe('KITCHEN');
    expect(value('prefix')).toBe('kitc');
    expect(value('suffix')).toBe('chen');
    expect(value('inner')).toBe('itche');
    expect(value('joined')).toBe('kitchen,garden');
    expect(value('padded')).toBe(' kitchen ');
  });

  it('gives a number as sent, one more and one less, also when it was sent as digits in text', () => {
    const sent = sentWith('priceCents', 500);
    expect(resolveDerived(derived('priceCents', 'same', 'same'), sent)).toEqual({ value: 500, label: 'equal to a value sent before in priceCents' });
    expect(resolveDerived(derived('priceCents', 'prefix', 'plus-one'), sent).value).toBe(501);
    expect(resolveDerived(derived('priceCents', 'same', 'minus-one'), sent).value).toBe(499);
    expect(resolveDerived(derived('minPrice', 'same', 'plus-one'), sentWith('minPrice', '7')).value).toBe(8);
  });

  it("takes an array's items one by one: a tag stored, then that tag asked for", () => {
    const sent = sentWith('tags', ['work', 'home']);
    expect(resolveDerived(derived('tags', 'same'), sent).value).toBe('home');
    expect(resolveDerived(derived('tags', 'same', 'same', 1), sent).value).toBe('work');
    expect(resolveDerived(derived('tags', 'joined'), sent).value).toBe('home,work');
  });

  it('names the class of input, never the data, and falls back to an ordinary value when nothing was sent', () => {
    const sent = sentWith('category', 'kitchen');
    expect(resolveDerived(derived('category', 'other-case'), sent).label).toBe('a value sent before in category, in other letter case');
    expect(resolveDerived(derived('category', 'prefix'), sent).label).toBe('the first part of a value sent before in category');
    expect(resolveDerived(derived('category', 'prefix'), new SentValues())).toEqual({ value: 'fallback' });
  });

  it('gives the value itself where a variant does not apply (a part of one character, digits in other case)', () => {
    expect(resolveDerived(derived('code', 'prefix'), sentWith('code', 'x'))).toEqual({ value: 'x', label: 'equal to a value sent before in code' });
    expect(resolveDerived(derived('code', 'other-case'), sentWith('code', '12-34'))).toEqual({ value: '12-34', label: 'equal to a value sent before in code' });
  });

  it('is drawn by a block with `from` about as often as an ordinary value, and never by one without', () => {
    const count = (block: Parameters<typeof blockArbitrary>[0]) => fc.sample(blockArbitrary(block, 'query'), { seed: 3, numRuns: 1_000 }).filter((s) => s.kind === 'derived').length;
    expect(count({ oneOf: ['kitchen', 'garden'], from: 'category' })).toBeGreaterThan(200);
    expect(count({ integer: { min: 0, from: 'priceCents' } })).toBeGreaterThan(200);
    expect(count({ oneOf: ['kitchen', 'garden'] })).toBe(0);
    expect(fc.sample(derivedArbitrary('x', fc.constant(1)), { seed: 1, numRuns: 5 }).every((d) => d.from === 'x')).toBe(true);
  });

  it('reaches a query from the bodies sent before it in the sequence, the same for both apps', () => {
    const model = RestModel.parse({
      operations: {
        create: { request: 'POST /products', body: { priceCents: 'integer' } },
        list: { request: 'GET /products', query: { minPrice: { integer: { min: 0, from: 'priceCents' } } } },
      },
    });
    const create = parseOperation('create', model.operations.create!);
    const list = parseOperation('list', model.operations.list!);
    const sent = new SentValues();
    const first: Step = { op: 'create', ids: {}, body: { kind: 'object', fields: { priceCents: { kind: 'value', value: 100 } } }, query: {} };
    recordSent(resolveStep(first, create, [], sent, model.unknownIds), sent);
    const step: Step = { op: 'list', ids: {}, query: { minPrice: derived('priceCents', 'same') } };
    expect(resolveStep(step, list, [1], sent, model.unknownIds)).toMatchObject({ target: '/products?minPrice=100', labels: ['minPrice: equal to a value sent before in priceCents'] });
  });
});
