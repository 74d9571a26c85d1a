// WRONG: valid orders only, round numbers; no limits, no validation, no check on the input.
const { priceOrder } = require('./pricing');

const order = (extra) => ({ items: [{ sku: 'A', unitPriceCents: 1000, quantity: 2 }], shippingCountry: 'US', ...extra });

test('no coupon', () => {
  expect(priceOrder(order())).toEqual({ subtotalCents: 2000, discountCents: 0, shippingCents: 500, totalCents: 2500 });
});

test('SAVE10', () => {
  expect(priceOrder(order({ couponCode: 'SAVE10' }))).toEqual({ subtotalCents: 2000, discountCents: 200, shippingCents: 500, totalCents: 2300 });
});

test('FLAT500 on a big order still pays shipping', () => {
  const big = { items: [{ sku: 'B', unitPriceCents: 2600, quantity: 2 }], shippingCountry: 'CA', couponCode: 'FLAT500' };
  expect(priceOrder(big)).toEqual({ subtotalCents: 5200, discountCents: 500, shippingCents: 900, totalCents: 5600 });
});
