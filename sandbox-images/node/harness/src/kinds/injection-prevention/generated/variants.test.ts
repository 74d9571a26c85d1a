import fc from 'fast-check';
import { CANONICAL_INHERITED_NAMES, INHERITED_NAMES } from '../../../common/generated/inherited-names';
import { canonicalNearMisses, canonicalVariants, hasNonAsciiLetter, inheritedNameArbitrary, nearMissArbitrary, ordinaryVariantArbitrary, swapCase, variantOf } from './variants';

describe('inherited names', () => {
  it('are exactly the names a plain object answers for without owning them', () => {
    const plain: Record<string, unknown> = { name: 'name' };
    for (const n of INHERITED_NAMES) expect({ n, found: plain[n] !== undefined && n in plain, own: Object.hasOwn(plain, n) }).toEqual({ n, found: true, own: false });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual([...INHERITED_NAMES].sort());
  });

  it('are tried first as constructor, __proto__ and toString, which a plain-object allow-list lets through', () => {
    expect(CANONICAL_INHERITED_NAMES).toEqual(['constructor', '__proto__', 'toString']);
  });

  it('are drawn as they are, and sometimes in another letter case for code that lowers input before the lookup', () => {
    const drawn = fc.sample(inheritedNameArbitrary(), { seed: 7, numRuns: 200 });
    expect(drawn).toEqual(expect.arrayContaining(['constructor', '__proto__']));
    expect(drawn.some((d) => !INHERITED_NAMES.includes(d) && INHERITED_NAMES.some((n) => n.toLowerCase() === d.toLowerCase()))).toBe(true);
    expect(drawn.every((d) => INHERITED_NAMES.some((n) => n.toLowerCase() === d.toLowerCase()))).toBe(true);
  });
});

describe('ordinary variants', () => {
  it('turn every letter, ASCII or not, to its other case', () => {
    expect(swapCase('Éclair tin')).toBe('éCLAIR TIN');
    expect(swapCase('Ada')).toBe('aDA');
    // ß has no one-letter upper case: kept, so the variant stays as long as the text.
    expect(swapCase('Straße')).toBe('sTRAßE');
    expect(swapCase('2024-05-01')).toBe('2024-05-01');
  });

  it('tell letters outside ASCII from ASCII ones', () => {
    expect(hasNonAsciiLetter('zoë')).toBe(true);
    expect(hasNonAsciiLetter('alice')).toBe(false);
    expect(hasNonAsciiLetter('price €')).toBe(false);
  });

  it('cut a text to a prefix, a suffix or an inner part, never the whole and never with white space at its ends', () => {
    expect(variantOf('Tea cup', 'lower', 'prefix', 3, 0)).toBe('tea');
    expect(variantOf('Tea cup', 'upper', 'suffix', 2, 0)).toBe('CUP');
    expect(variantOf('Éclair', 'first', 'inner', 0, 0)).toBe('é');
    expect(variantOf('Ada', 'swap', 'whole', 5, 5)).toBe('aDA');
  });

  it("start from the ordinary value in the other case, a text outside ASCII and its first such letter, then other rows' values", () => {
    expect(canonicalVariants(['MUG', 'cotton'], ['Mug', 'Éclair tin', 'Tea cup'])).toEqual(['mug', 'éCLAIR TIN', 'é', 'mUG', 'tEA CUP']);
    // Another customer's name in the other case: renaming Ada to bEA meets Bea's orders where names compare without case.
    expect(canonicalVariants([], ['Ada', 'Bea', 'Cyd'])).toEqual(['aDA', 'bEA', 'cYD']);
    // Never an ordinary value itself, never a text without letters.
    expect(canonicalVariants(['asc', 'ASC'], ['2024-01-05'])).toEqual([]);
  });

  it('are drawn recased or cut, never equal to the text they come from, the same for the same seed', () => {
    const values = ['Beatrice'];
    const texts = ['Ada', 'Élodie', '2024-05-01'];
    const drawn = fc.sample(ordinaryVariantArbitrary(values, texts), { seed: 3, numRuns: 300 });
    expect(drawn.every((d) => d.length > 0 && !values.includes(d) && !texts.includes(d))).toBe(true);
    expect(drawn.some((d) => d === 'BEATRICE' || d === 'bEATRICE')).toBe(true);
    expect(drawn.some((d) => /^[éÉ]/.test(d) && d.length < 'Élodie'.length)).toBe(true);
    expect(drawn.some((d) => d.toLowerCase() === 'ada')).toBe(true);
    expect(fc.sample(ordinaryVariantArbitrary(values, texts), { seed: 3, numRuns: 300 })).toEqual(drawn);
  });
});

describe('near misses of a parameter\'s ordinary values', () => {
  const columns = ['price_cents', 'name', 'created_at'];

  it("start with '' and hold a part of a value and two values joined, never an ordinary value itself", () => {
    // '' for `value || default` and `if (!term)`; "price" and "s" for an allow-list checked
    // with includes on 'name,price_cents,created_at'; "price_cents,name" for one that splits or pastes a list.
    expect(canonicalNearMisses(columns)).toEqual(['', 'price_', 's', 'price_cents,name']);
    expect(canonicalNearMisses(['DESC', 'asc'])).toEqual(['', 'DE', 'C', 'DESC,asc']);
    expect(canonicalNearMisses([])).toEqual(['']);
  });

  it('are drawn as parts and lists of the values and as the empty string, which they shrink to', () => {
    const drawn = fc.sample(nearMissArbitrary(columns), { seed: 3, numRuns: 300 });
    expect(drawn).toContain('');
    expect(drawn.some((d) => d.length > 0 && columns.some((c) => c.includes(d) && c !== d))).toBe(true);
    expect(drawn.some((d) => /,/.test(d))).toBe(true);
    expect(drawn.every((d) => !columns.includes(d))).toBe(true);
  });
});
