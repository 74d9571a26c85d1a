'use strict';
// Equivalent: switch statements, an index loop, reduce, comparisons written the other way round.

class ValidationError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'ValidationError';
    this.code = code;
  }
}

function fail(code, why) {
  throw new ValidationError(`Invalid order (${code}): ${why}`, code);
}

function shippingFeeFor(country) {
  switch (country) {
    case 'US': return 500;
    case 'CA': return 900;
    case 'GB': return 1500;
    default: return fail('UNKNOWN_COUNTRY', 'no shipping to this destination');
  }
}

function discountFor(code, subtotal) {
  if (code === undefined || code === null) return 0;
  switch (code) {
    case 'SAVE10': return (subtotal - (subtotal % 10)) / 10;
    case 'FLAT500': return subtotal < 500 ? subtotal : 500;
    default: return fail('UNKNOWN_COUPON', 'coupon not recognised');
  }
}

function priceOrder(order) {
  const lines = order !== null && typeof order === 'object' ? order.items : undefined;
  if (!Array.isArray(lines)) fail('INVALID_ORDER', 'items is not a list');
  if (lines.length < 1) fail('EMPTY_ORDER', 'nothing to price');

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line === null || typeof line !== 'object') fail('INVALID_ITEM', `line ${i} is not an object`);
    if (!(Number.isInteger(line.unitPriceCents) && 0 <= line.unitPriceCents)) fail('INVALID_PRICE', `line ${i}`);
    if (!(Number.isInteger(line.quantity) && 1 <= line.quantity)) fail('INVALID_QUANTITY', `line ${i}`);
  }

  const subtotal = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  if (100000000 < subtotal) fail('ORDER_TOO_LARGE', 'over the $1,000,000 limit');
  const fee = shippingFeeFor(order.shippingCountry);
  const discount = discountFor(order.couponCode, subtotal);
  const net = subtotal - discount;
  const shipping = 5000 <= net ? 0 : fee;

  return { totalCents: net + shipping, shippingCents: shipping, discountCents: discount, subtotalCents: subtotal };
}

module.exports = { ValidationError, priceOrder };
