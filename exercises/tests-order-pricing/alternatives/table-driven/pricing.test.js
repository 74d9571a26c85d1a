// Everything as tables: expected results, then expected error codes.
const { priceOrder, ValidationError } = require('./pricing');

const line = (unitPriceCents, quantity) => ({ sku: 'X', unitPriceCents, quantity });

test.each`
  items                                | shippingCountry | couponCode   | subtotalCents | discountCents | shippingCents | totalCents
  ${[line(700, 3), line(150, 2)]}      | ${'US'}         | ${undefined} | ${2400}       | ${0}          | ${500}        | ${2900}
  ${[line(1000, 1)]}                   | ${'CA'}         | ${null}      | ${1000}       | ${0}          | ${900}        | ${1900}
  ${[line(1000, 1)]}                   | ${'GB'}         | ${undefined} | ${1000}       | ${0}          | ${1500}       | ${2500}
  ${[line(1005, 1)]}                   | ${'US'}         | ${'SAVE10'}  | ${1005}       | ${100}        | ${500}        | ${1405}
  ${[line(999, 1)]}                    | ${'US'}         | ${'SAVE10'}  | ${999}        | ${99}         | ${500}        | ${1400}
  ${[line(1500, 1)]}                   | ${'US'}         | ${'FLAT500'} | ${1500}       | ${500}        | ${500}        | ${1500}
  ${[line(499, 1)]}                    | ${'GB'}         | ${'FLAT500'} | ${499}        | ${499}        | ${1500}       | ${1500}
  ${[line(1000, 5)]}                   | ${'CA'}         | ${undefined} | ${5000}       | ${0}          | ${0}          | ${5000}
  ${[line(4999, 1)]}                   | ${'CA'}         | ${undefined} | ${4999}       | ${0}          | ${900}        | ${5899}
  ${[line(5555, 1)]}                   | ${'US'}         | ${'SAVE10'}  | ${5555}       | ${555}        | ${0}          | ${5000}
  ${[line(5400, 1)]}                   | ${'US'}         | ${'SAVE10'}  | ${5400}       | ${540}        | ${500}        | ${5360}
  ${[line(50000000, 2)]}               | ${'US'}         | ${undefined} | ${100000000}  | ${0}          | ${0}          | ${100000000}
`('$items.length line(s) to $shippingCountry with $couponCode', ({ items, shippingCountry, couponCode, ...expected }) => {
  expect(priceOrder({ items, shippingCountry, couponCode })).toEqual(expected);
});

test.each([
  ['INVALID_ORDER', undefined],
  ['INVALID_ORDER', { items: 'A' }],
  ['EMPTY_ORDER', { items: [], shippingCountry: 'US' }],
  ['INVALID_ITEM', { items: [line(100, 1), 'A'], shippingCountry: 'US' }],
  ['INVALID_PRICE', { items: [line(-5, 1)], shippingCountry: 'US' }],
  ['INVALID_PRICE', { items: [{ quantity: 1 }], shippingCountry: 'US' }],
  ['INVALID_QUANTITY', { items: [line(100, 0)], shippingCountry: 'US' }],
  ['INVALID_QUANTITY', { items: [line(100, 2.5)], shippingCountry: 'US' }],
  ['INVALID_QUANTITY', { items: [line(100, 0), line(-5, 1)], shippingCountry: 'US' }],
  ['ORDER_TOO_LARGE', { items: [line(50000000, 2), line(1, 1)], shippingCountry: 'US' }],
  ['UNKNOWN_COUNTRY', { items: [line(100, 1)], shippingCountry: 'DE' }],
  ['UNKNOWN_COUNTRY', { items: [line(100, 1)], shippingCountry: 'DE', couponCode: 'NOPE' }],
  ['UNKNOWN_COUPON', { items: [line(100, 1)], shippingCountry: 'US', couponCode: 'NOPE' }],
  ['UNKNOWN_COUPON', { items: [line(100, 1)], shippingCountry: 'US', couponCode: '' }],
])('throws ValidationError %s', (code, order) => {
  expect(() => priceOrder(order)).toThrow(ValidationError);
  expect(() => priceOrder(order)).toThrow(expect.objectContaining({ name: 'ValidationError', code }));
});

test('does not touch the order', () => {
  const order = { items: [line(700, 3), line(150, 2)], shippingCountry: 'US', couponCode: 'FLAT500' };
  const before = structuredClone(order);
  priceOrder(order);
  expect(order).toStrictEqual(before);
});
