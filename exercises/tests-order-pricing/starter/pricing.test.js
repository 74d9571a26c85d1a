const { priceOrder, ValidationError } = require('./pricing');

// A small helper: an order with the given items, shipped to the US, no coupon.
const order = (items, extra = {}) => ({ items, shippingCountry: 'US', ...extra });

test('prices an order without a coupon', () => {
  expect(priceOrder(order([{ sku: 'A', unitPriceCents: 1250, quantity: 2 }]))).toEqual({
    subtotalCents: 2500,
    discountCents: 0,
    shippingCents: 500,
    totalCents: 3000,
  });
});

// TODO: a test for every rule of the statement: each coupon, shipping, every error and its
//       `code` (never the message: its wording is not specified), and what must not change.
//       Think about where each rule could go wrong, and test exactly there.
