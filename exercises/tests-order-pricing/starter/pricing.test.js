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

// TODO: the coupons: SAVE10 (rounded down: try a subtotal whose 10% is not whole) and FLAT500
//       (on a subtotal below 500 too).
// TODO: shipping per country, and free shipping: exactly at the threshold, just below it,
//       and is the threshold taken before or after the discount?
// TODO: every ValidationError `code`: check the error's class and code, e.g.
//       expect(() => priceOrder(bad)).toThrow(ValidationError) and the thrown error's `code`.
//       Never the message: its wording is not specified.
// TODO: the edges of each check (quantity 0, 1.5; price -1; '' as a coupon; the $1,000,000 limit).
// TODO: priceOrder must not change the order you pass it.
