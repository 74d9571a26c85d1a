// WRONG: compares results as JSON text, so it also checks the order of the properties,
// which the statement leaves open: it fails on an equivalent that builds the object
// in another order.
const { priceOrder, ValidationError } = require('./pricing');

const order = (items, extra = {}) => ({ items, shippingCountry: 'US', ...extra });
const item = (unitPriceCents, quantity = 1) => ({ sku: 'A', unitPriceCents, quantity });
const json = (o) => JSON.stringify(priceOrder(o));

test('amounts', () => {
  expect(json(order([item(1999)], { couponCode: 'SAVE10' }))).toBe('{"subtotalCents":1999,"discountCents":199,"shippingCents":500,"totalCents":2300}');
  expect(json(order([item(300)], { couponCode: 'FLAT500' }))).toBe('{"subtotalCents":300,"discountCents":300,"shippingCents":500,"totalCents":500}');
  expect(json(order([item(5000)]))).toBe('{"subtotalCents":5000,"discountCents":0,"shippingCents":0,"totalCents":5000}');
  expect(json(order([item(5200)], { couponCode: 'FLAT500' }))).toBe('{"subtotalCents":5200,"discountCents":500,"shippingCents":500,"totalCents":5200}');
});

test.each([
  [order([item(100, 0)]), 'INVALID_QUANTITY'],
  [order([item(100, 1.5)]), 'INVALID_QUANTITY'],
  [order([item(100)], { couponCode: '' }), 'UNKNOWN_COUPON'],
  [order([item(100)], { shippingCountry: 'FR' }), 'UNKNOWN_COUNTRY'],
])('rejects %j', (bad, code) => {
  expect(() => priceOrder(bad)).toThrow(expect.objectContaining({ code }));
  expect(() => priceOrder(bad)).toThrow(ValidationError);
});

test('input unchanged', () => {
  const input = order([item(100, 2)]);
  const copy = structuredClone(input);
  priceOrder(input);
  expect(input).toEqual(copy);
});
