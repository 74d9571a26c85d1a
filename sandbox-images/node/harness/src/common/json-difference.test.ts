import { jsonDifference, render } from './json-difference';

const message = (expected: unknown, actual: unknown, mode: 'equal' | 'subset' = 'equal') => jsonDifference(expected, actual, mode)?.message;

describe('jsonDifference', () => {
  it('finds no difference between equal documents, whatever the key order', () => {
    expect(message({ a: 1, b: [true, null, 'x'] }, { b: [true, null, 'x'], a: 1 })).toBeUndefined();
  });

  it('names the first differing value by its path', () => {
    expect(message([{ title: 'Dune' }, { title: 'Emma' }], [{ title: 'Dune' }, { title: 'emma' }])).toBe('body[1].title should be "Emma", got "emma"');
  });

  it('tells a number from the same number in a string', () => {
    expect(message({ year: 1965 }, { year: '1965' })).toBe('body.year should be 1965, got "1965"');
  });

  it('reports a missing and an unexpected property', () => {
    expect(message({ id: 1, title: 'x' }, { id: 1 })).toBe('body is missing the property "title"');
    expect(message({ id: 1 }, { id: 1, secret: 2 })).toBe('body has an unexpected property "secret"');
  });

  it('reports a wrong length and a wrong shape', () => {
    expect(message([1, 2], [1, 2, 3])).toBe('body should have 2 items, got 3');
    expect(message([], {})).toBe('body should be an array, got {}');
    expect(message({ error: 'x' }, 'not found')).toBe('body should be an object, got "not found"');
  });

  it('in subset mode ignores extra properties and matches strings against a RegExp', () => {
    expect(message({ id: 1 }, { id: 1, title: 'x' }, 'subset')).toBeUndefined();
    expect(message({ error: /./ }, { error: 'bad title' }, 'subset')).toBeUndefined();
    expect(message({ error: /./ }, { error: 42 }, 'subset')).toBe('body.error should be a string matching /./, got 42');
    expect(message([{ id: 1 }], [{ id: 1, t: 2 }, { id: 2 }], 'subset')).toBe('body should have 1 item, got 2');
  });

  it('treats a property set to undefined in the expectation as absent', () => {
    expect(message({ a: 1, b: undefined }, { a: 1 })).toBeUndefined();
  });

  it('quotes keys that are not identifiers', () => {
    expect(message({ 'first name': 'A' }, { 'first name': 'B' })).toBe('body["first name"] should be "A", got "B"');
  });

  it('compares a property named __proto__ as data', () => {
    const actual = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    expect(message({}, actual)).toBe('body has an unexpected property "__proto__"');
  });

  it('renders long values short', () => {
    expect(render('x'.repeat(200))).toHaveLength(80);
    expect(render(undefined)).toBe('nothing');
  });
});
