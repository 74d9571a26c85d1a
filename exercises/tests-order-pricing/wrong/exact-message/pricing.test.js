// WRONG: a sound suite, except that it checks the error messages of the implementation it
// was shown, whose wording the statement leaves open: it fails on the equivalents.
const { priceOrder, ValidationError } = require('./pricing');

const order = (items, extra = {}) => ({ items, shippingCountry: 'US', ...extra });
const item = (unitPriceCents, quantity = 1) => ({ sku: 'A', unitPriceCents, quantity });

test('amounts', () => {
  expect(priceOrder(order([item(1999)], { couponCode: 'SAVE10' }))).toEqual({ subtotalCents: 1999, discountCents: 199, shippingCents: 500, totalCents: 2300 });
  expect(priceOrder(order([item(300)], { couponCode: 'FLAT500' }))).toEqual({ subtotalCents: 300, discountCents: 300, shippingCents: 500, totalCents: 500 });
  expect(priceOrder(order([item(5000)]))).toEqual({ subtotalCents: 5000, discountCents: 0, shippingCents: 0, totalCents: 5000 });
  expect(priceOrder(order([item(5200)], { couponCode: 'FLAT500' })).shippingCents).toBe(500);
});

test.each([
  [order([item(100, 0)]), 'quantity must be an integer >= 1'],
  [order([item(100, 1.5)]), 'quantity must be an integer >= 1'],
  [order([item(100)], { couponCode: '' }), 'Unknown coupon '],
  [order([item(100)], { shippingCountry: 'FR' }), 'We do not ship to FR'],
])('rejects %j', (bad, message) => {
  expect(() => priceOrder(bad)).toThrow(ValidationError);
  expect(() => priceOrder(bad)).toThrow(message);
});

test('input unchanged', () => {
  const input = order([item(100, 2)]);
  const copy = structuredClone(input);
  priceOrder(input);
  expect(input).toEqual(copy);
});
