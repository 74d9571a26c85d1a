// One describe per rule of the statement; errors checked with try/catch and toMatchObject.
const pricing = require('./pricing');

const us = (...items) => ({ items, shippingCountry: 'US' });
const one = (unitPriceCents, quantity = 1) => ({ sku: 'S', unitPriceCents, quantity });

function expectValidationError(order, code) {
  expect.assertions(2);
  try {
    pricing.priceOrder(order);
  } catch (err) {
    expect(err instanceof pricing.ValidationError).toBe(true);
    expect(err).toMatchObject({ name: 'ValidationError', code });
  }
}

describe('subtotal and total', () => {
  it('multiplies and sums the lines', () => {
    const r = pricing.priceOrder(us(one(120, 3), one(45, 4)));
    expect(r.subtotalCents).toBe(540);
    expect(r.discountCents).toBe(0);
    expect(r.totalCents).toBe(1040);
  });
  it('returns only the four amounts', () => {
    expect(pricing.priceOrder(us(one(1)))).toStrictEqual({ subtotalCents: 1, discountCents: 0, shippingCents: 500, totalCents: 501 });
  });
});

describe('SAVE10', () => {
  it('rounds 10% down', () => {
    expect(pricing.priceOrder({ ...us(one(2345)), couponCode: 'SAVE10' }).discountCents).toBe(234);
    expect(pricing.priceOrder({ ...us(one(19)), couponCode: 'SAVE10' }).discountCents).toBe(1);
  });
});

describe('FLAT500', () => {
  it('takes 500 off a larger subtotal', () => {
    expect(pricing.priceOrder({ ...us(one(800)), couponCode: 'FLAT500' })).toMatchObject({ discountCents: 500, totalCents: 800 });
  });
  it('takes the whole subtotal when it is under 500', () => {
    expect(pricing.priceOrder({ ...us(one(120)), couponCode: 'FLAT500' })).toMatchObject({ discountCents: 120, totalCents: 500 });
  });
});

describe('shipping', () => {
  it.each([['US', 500], ['CA', 900], ['GB', 1500]])('%s costs %i', (shippingCountry, fee) => {
    expect(pricing.priceOrder({ items: [one(100)], shippingCountry }).shippingCents).toBe(fee);
  });
  it('is free from 5000 after the discount', () => {
    expect(pricing.priceOrder({ ...us(one(5500)), couponCode: 'FLAT500' }).shippingCents).toBe(0);
    expect(pricing.priceOrder({ ...us(one(5499)), couponCode: 'FLAT500' }).shippingCents).toBe(500);
    expect(pricing.priceOrder({ ...us(one(5555)), couponCode: 'SAVE10' }).shippingCents).toBe(0);
  });
});

describe('validation', () => {
  it('refuses a missing order', () => expectValidationError(undefined, 'INVALID_ORDER'));
  it('refuses no items', () => expectValidationError(us(), 'EMPTY_ORDER'));
  it('refuses a non-object item', () => expectValidationError(us(42), 'INVALID_ITEM'));
  it('refuses a negative price', () => expectValidationError(us(one(-100)), 'INVALID_PRICE'));
  it('refuses quantity 0', () => expectValidationError(us(one(100, 0)), 'INVALID_QUANTITY'));
  it('refuses quantity 0.5', () => expectValidationError(us(one(100, 0.5)), 'INVALID_QUANTITY'));
  it('refuses quantity NaN', () => expectValidationError(us(one(100, NaN)), 'INVALID_QUANTITY'));
  it('refuses over $1,000,000', () => expectValidationError(us(one(1000000, 101)), 'ORDER_TOO_LARGE'));
  it('refuses an unknown country', () => expectValidationError({ items: [one(1)], shippingCountry: 'MX' }, 'UNKNOWN_COUNTRY'));
  it('refuses an unknown coupon', () => expectValidationError({ ...us(one(1)), couponCode: 'SAVE20' }, 'UNKNOWN_COUPON'));
  it('refuses an empty coupon', () => expectValidationError({ ...us(one(1)), couponCode: '' }, 'UNKNOWN_COUPON'));
  it('checks items before the country', () => expectValidationError({ items: [one(-1)], shippingCountry: 'MX' }, 'INVALID_PRICE'));
});

describe('input', () => {
  it('is not modified', () => {
    const order = { ...us(one(120, 3), one(45, 4)), couponCode: 'SAVE10' };
    const json = JSON.stringify(order);
    pricing.priceOrder(order);
    expect(JSON.stringify(order)).toBe(json);
  });
});
