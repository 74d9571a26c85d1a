// Equivalent: rule tables and small pure steps, line totals via map, plain-object tables
// guarded by typeof + Object.hasOwn.

class ValidationError extends Error {
  constructor(code) {
    super(ValidationError.messages[code]);
    this.name = 'ValidationError';
    this.code = code;
  }
}
ValidationError.messages = {
  INVALID_ORDER: 'Malformed order',
  EMPTY_ORDER: 'Order is empty',
  INVALID_ITEM: 'Malformed item',
  INVALID_PRICE: 'Bad unit price',
  INVALID_QUANTITY: 'Bad quantity',
  ORDER_TOO_LARGE: 'Order total too high',
  UNKNOWN_COUNTRY: 'Unsupported country',
  UNKNOWN_COUPON: 'Invalid coupon code',
};

const RATES = Object.freeze({ US: 500, CA: 900, GB: 1500 });
const PERCENT_OFF = Object.freeze({ SAVE10: 10 });
const AMOUNT_OFF = Object.freeze({ FLAT500: 500 });
const FREE_SHIPPING_MIN = 5000;
const SUBTOTAL_CAP = 1e8;

const isKey = (table, key) => typeof key === 'string' && Object.hasOwn(table, key);
const isWhole = (n, min) => Number.isInteger(n) && n >= min;

// Each rule: [code, test that must hold]; checked in this order, per item.
const ITEM_RULES = [
  ['INVALID_ITEM', (it) => typeof it === 'object' && it !== null],
  ['INVALID_PRICE', (it) => isWhole(it.unitPriceCents, 0)],
  ['INVALID_QUANTITY', (it) => isWhole(it.quantity, 1)],
];

function checkItems(items) {
  for (const it of Array.from(items)) {
    const broken = ITEM_RULES.find(([, holds]) => !holds(it));
    if (broken) throw new ValidationError(broken[0]);
  }
}

function couponDiscount(code, subtotal) {
  if (code == null) return 0;
  if (isKey(PERCENT_OFF, code)) return Math.floor((subtotal * PERCENT_OFF[code]) / 100);
  if (isKey(AMOUNT_OFF, code)) return Math.min(subtotal, AMOUNT_OFF[code]);
  throw new ValidationError('UNKNOWN_COUPON');
}

function priceOrder(order) {
  if (typeof order !== 'object' || order === null || !Array.isArray(order.items)) {
    throw new ValidationError('INVALID_ORDER');
  }
  if (!order.items.length) throw new ValidationError('EMPTY_ORDER');
  checkItems(order.items);
  const lineTotals = order.items.map((it) => it.unitPriceCents * it.quantity);
  let subtotal = 0;
  lineTotals.forEach((t) => { subtotal += t; });
  if (subtotal > SUBTOTAL_CAP) throw new ValidationError('ORDER_TOO_LARGE');
  if (!isKey(RATES, order.shippingCountry)) throw new ValidationError('UNKNOWN_COUNTRY');

  const discount = couponDiscount(order.couponCode, subtotal);
  const freeShipping = !(subtotal - discount < FREE_SHIPPING_MIN);
  const shipping = freeShipping ? 0 : RATES[order.shippingCountry];

  const result = {};
  result.discountCents = discount;
  result.subtotalCents = subtotal;
  result.totalCents = subtotal - discount + shipping;
  result.shippingCents = shipping;
  return result;
}

module.exports = { priceOrder, ValidationError };
