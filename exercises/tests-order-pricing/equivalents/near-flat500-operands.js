/**
 * pricing.js: the price of an order, in whole cents.
 * Exports priceOrder(order) and ValidationError.
 */

/** Thrown for every invalid order; `code` tells which rule failed. */
class ValidationError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'ValidationError';
    this.code = code;
  }
}

// Maps, not plain objects: 'toString' or '__proto__' must not look like a coupon or country.
const SHIPPING_CENTS = new Map([
  ['US', 500],
  ['CA', 900],
  ['GB', 1500],
]);

const COUPONS = new Map([
  ['SAVE10', (subtotal) => Math.floor(subtotal / 10)], // 10%, rounded down
  ['FLAT500', (subtotal) => Math.min(subtotal, 500)], // 500 off, never more than the subtotal
]);

const FREE_SHIPPING_FROM_CENTS = 5000;
const MAX_SUBTOTAL_CENTS = 100000000; // $1,000,000

function isObject(value) {
  return typeof value === 'object' && value !== null;
}

function validateItem(item) {
  if (!isObject(item)) {
    throw new ValidationError('INVALID_ITEM', 'Each item must be an object');
  }
  const { unitPriceCents, quantity } = item;
  if (!Number.isInteger(unitPriceCents) || unitPriceCents < 0) {
    throw new ValidationError('INVALID_PRICE', 'unitPriceCents must be an integer >= 0');
  }
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new ValidationError('INVALID_QUANTITY', 'quantity must be an integer >= 1');
  }
}

function priceOrder(order) {
  if (!isObject(order) || !Array.isArray(order.items)) {
    throw new ValidationError('INVALID_ORDER', 'order.items must be an array');
  }
  const { items, couponCode, shippingCountry } = order;
  if (items.length === 0) {
    throw new ValidationError('EMPTY_ORDER', 'An order needs at least one item');
  }
  for (const item of items) validateItem(item);

  let subtotalCents = 0;
  for (const item of items) subtotalCents += item.unitPriceCents * item.quantity;
  if (subtotalCents > MAX_SUBTOTAL_CENTS) {
    throw new ValidationError('ORDER_TOO_LARGE', 'Orders are limited to $1,000,000');
  }

  if (!SHIPPING_CENTS.has(shippingCountry)) {
    throw new ValidationError('UNKNOWN_COUNTRY', `We do not ship to ${String(shippingCountry)}`);
  }
  const hasCoupon = couponCode !== undefined && couponCode !== null;
  if (hasCoupon && !COUPONS.has(couponCode)) {
    throw new ValidationError('UNKNOWN_COUPON', `Unknown coupon ${String(couponCode)}`);
  }

  const discountCents = hasCoupon ? COUPONS.get(couponCode)(subtotalCents) : 0;
  const afterDiscount = subtotalCents - discountCents;
  const shippingCents = afterDiscount >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS.get(shippingCountry);

  return {
    subtotalCents,
    discountCents,
    shippingCents,
    totalCents: afterDiscount + shippingCents,
  };
}

module.exports = { priceOrder, ValidationError };
