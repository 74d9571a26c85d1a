// Tests that cannot fail: they call the module and assert nothing about what it does.
const { priceOrder } = require('./pricing');

test('prices an order', () => {
  priceOrder({ items: [{ sku: 'a', unitPriceCents: 100, quantity: 1 }], shippingCountry: 'US' });
  expect(true).toBe(true);
});
test('exports a function', () => expect(typeof priceOrder).toBe('function'));
