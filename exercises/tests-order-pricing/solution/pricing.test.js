const { priceOrder, ValidationError } = require('./pricing');

const item = (unitPriceCents, quantity = 1) => ({ sku: `SKU-${unitPriceCents}`, unitPriceCents, quantity });
const order = (items, extra = {}) => ({ items, shippingCountry: 'US', ...extra });

// The error thrown by fn, checked to be a ValidationError; its code is returned.
function codeOf(fn) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('ValidationError');
  return error.code;
}

describe('amounts', () => {
  test('no coupon: subtotal, zero discount, shipping, total', () => {
    expect(priceOrder(order([item(1250, 2), item(499)]))).toEqual({ subtotalCents: 2999, discountCents: 0, shippingCents: 500, totalCents: 3499 });
  });

  test('result has exactly the four properties', () => {
    expect(Object.keys(priceOrder(order([item(100)]))).sort()).toEqual(['discountCents', 'shippingCents', 'subtotalCents', 'totalCents']);
  });

  test('null coupon is no coupon', () => {
    expect(priceOrder(order([item(100)], { couponCode: null }))).toEqual({ subtotalCents: 100, discountCents: 0, shippingCents: 500, totalCents: 600 });
  });

  test('SAVE10 takes 10% rounded down', () => {
    expect(priceOrder(order([item(1999)], { couponCode: 'SAVE10' }))).toEqual({ subtotalCents: 1999, discountCents: 199, shippingCents: 500, totalCents: 2300 });
  });

  test('FLAT500 takes 500 off', () => {
    expect(priceOrder(order([item(1000, 2)], { couponCode: 'FLAT500' }))).toEqual({ subtotalCents: 2000, discountCents: 500, shippingCents: 500, totalCents: 2000 });
  });

  test('FLAT500 never takes more than the subtotal', () => {
    expect(priceOrder(order([item(300)], { couponCode: 'FLAT500' }))).toEqual({ subtotalCents: 300, discountCents: 300, shippingCents: 500, totalCents: 500 });
  });

  test('shipping fee per country', () => {
    expect(priceOrder(order([item(100)], { shippingCountry: 'CA' })).shippingCents).toBe(900);
    expect(priceOrder(order([item(100)], { shippingCountry: 'GB' })).shippingCents).toBe(1500);
  });
});

describe('free shipping', () => {
  test('free at exactly 5000', () => {
    expect(priceOrder(order([item(2500, 2)]))).toEqual({ subtotalCents: 5000, discountCents: 0, shippingCents: 0, totalCents: 5000 });
  });

  test('charged at 4999', () => {
    expect(priceOrder(order([item(4999)])).shippingCents).toBe(500);
  });

  test('the threshold is taken after the discount', () => {
    expect(priceOrder(order([item(5200)], { couponCode: 'FLAT500' }))).toEqual({ subtotalCents: 5200, discountCents: 500, shippingCents: 500, totalCents: 5200 });
    expect(priceOrder(order([item(5500)], { couponCode: 'FLAT500' })).shippingCents).toBe(0);
  });
});

describe('validation', () => {
  test.each([
    ['order is null', 'INVALID_ORDER', null],
    ['items missing', 'INVALID_ORDER', { shippingCountry: 'US' }],
    ['items empty', 'EMPTY_ORDER', order([])],
    ['item is null', 'INVALID_ITEM', order([null])],
    ['negative price', 'INVALID_PRICE', order([item(-1)])],
    ['fractional price', 'INVALID_PRICE', order([item(9.99)])],
    ['price as a string', 'INVALID_PRICE', order([item('100')])],
    ['quantity 0', 'INVALID_QUANTITY', order([item(100, 0)])],
    ['negative quantity', 'INVALID_QUANTITY', order([item(100, -1)])],
    ['fractional quantity', 'INVALID_QUANTITY', order([item(100, 1.5)])],
    ['quantity missing', 'INVALID_QUANTITY', order([{ sku: 'A', unitPriceCents: 100 }])],
    ['over $1,000,000', 'ORDER_TOO_LARGE', order([item(100000001)])],
    ['unknown country', 'UNKNOWN_COUNTRY', order([item(100)], { shippingCountry: 'FR' })],
    ['lower-case country', 'UNKNOWN_COUNTRY', order([item(100)], { shippingCountry: 'us' })],
    ['country missing', 'UNKNOWN_COUNTRY', { items: [item(100)] }],
    ['unknown coupon', 'UNKNOWN_COUPON', order([item(100)], { couponCode: 'BOGUS' })],
    ['lower-case coupon', 'UNKNOWN_COUPON', order([item(100)], { couponCode: 'save10' })],
    ['empty coupon', 'UNKNOWN_COUPON', order([item(100)], { couponCode: '' })],
  ])('%s → %s', (_, code, bad) => {
    expect(codeOf(() => priceOrder(bad))).toBe(code);
  });

  test('exactly $1,000,000 and quantity 1 and price 0 are fine', () => {
    expect(priceOrder(order([item(50000000, 2), item(0)])).subtotalCents).toBe(100000000);
  });

  test('checks run in the stated order', () => {
    expect(codeOf(() => priceOrder(order([item(100, 0), item(-1)])))).toBe('INVALID_QUANTITY');
    expect(codeOf(() => priceOrder(order([item(100)], { shippingCountry: 'FR', couponCode: 'BOGUS' })))).toBe('UNKNOWN_COUNTRY');
  });
});

test('the order passed in is left unchanged', () => {
  const input = order([item(1250, 2), item(499)], { couponCode: 'SAVE10' });
  const copy = structuredClone(input);
  priceOrder(input);
  expect(input).toStrictEqual(copy);
});
