// WRONG (partly): checks every amount and limit, but for bad input only that *something* is
// thrown, never that it is a ValidationError with the right code.
const { priceOrder } = require('./pricing');

const order = (items, extra = {}) => ({ items, shippingCountry: 'US', ...extra });
const item = (unitPriceCents, quantity = 1) => ({ sku: 'A', unitPriceCents, quantity });

test('amounts', () => {
  expect(priceOrder(order([item(1000, 2)]))).toEqual({ subtotalCents: 2000, discountCents: 0, shippingCents: 500, totalCents: 2500 });
  expect(priceOrder(order([item(1999)], { couponCode: 'SAVE10' }))).toEqual({ subtotalCents: 1999, discountCents: 199, shippingCents: 500, totalCents: 2300 });
  expect(priceOrder(order([item(300)], { couponCode: 'FLAT500' }))).toEqual({ subtotalCents: 300, discountCents: 300, shippingCents: 500, totalCents: 500 });
});

test('free shipping from 5000 after the discount', () => {
  expect(priceOrder(order([item(5000)])).shippingCents).toBe(0);
  expect(priceOrder(order([item(5200)], { couponCode: 'FLAT500' })).shippingCents).toBe(500);
});

test.each([
  order([]),
  order([item(-1)]),
  order([item(100, 0)]),
  order([item(100, 1.5)]),
  order([item(100)], { shippingCountry: 'FR' }),
  order([item(100)], { couponCode: 'NOPE' }),
  order([item(100)], { couponCode: '' }),
])('rejects %j', (bad) => {
  expect(() => priceOrder(bad)).toThrow();
});

test('input unchanged', () => {
  const input = order([item(100, 2)]);
  const copy = structuredClone(input);
  priceOrder(input);
  expect(input).toEqual(copy);
});
