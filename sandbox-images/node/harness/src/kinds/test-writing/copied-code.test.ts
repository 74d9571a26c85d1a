import { copiedShare } from './copied-code';

const GIVEN = `function priceOrder(order) {
  if (!isObject(order) || !Array.isArray(order.items)) {
    throw new ValidationError('INVALID_ORDER', 'order.items must be an array');
  }
  for (const item of items) subtotalCents += item.unitPriceCents * item.quantity;
  const shippingCents = afterDiscount >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS.get(shippingCountry);
  return { subtotalCents, discountCents };
}`;

describe("the given implementation's code in the student's tests", () => {
  it('is all there when the tests paste the module in, however indented', () => {
    const pasted = `const { priceOrder } = require('./pricing');\nconst copy = (() => {\n${GIVEN.split('\n').map((l) => `    ${l}`).join('\n')}\n})();`;
    expect(copiedShare(GIVEN, [pasted]).share).toBe(1);
  });

  it('is a small share when a test repeats a line of it', () => {
    const suite = "test('x', () => {\n  expect(() => priceOrder(null)).toThrow(ValidationError);\n  const shippingCents = afterDiscount >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS.get(shippingCountry);\n});";
    expect(copiedShare(GIVEN, [suite])).toEqual({ share: 1 / 6, lines: 1 });
  });

  it('is nothing in tests that state expected values', () => {
    expect(copiedShare(GIVEN, ["test('x', () => expect(priceOrder(o).subtotalCents).toBe(200));"]).share).toBe(0);
  });
});
