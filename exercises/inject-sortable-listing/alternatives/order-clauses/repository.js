'use strict';

// Every allowed ORDER BY clause written out in full; the caller's text only picks one.
const ORDER = {
  'name:asc': 'name ASC, id',
  'name:desc': 'name DESC, id',
  'price_cents:asc': 'price_cents ASC, id',
  'price_cents:desc': 'price_cents DESC, id',
  'created_at:asc': 'created_at ASC, id',
  'created_at:desc': 'created_at DESC, id',
};

exports.listProducts = (db, category, sortColumn, direction = 'asc') => {
  const key = `${sortColumn}:${typeof direction === 'string' ? direction.toLowerCase() : direction}`;
  const order = Object.hasOwn(ORDER, key) ? ORDER[key] : undefined;
  if (order === undefined) throw new RangeError(`cannot sort by ${String(sortColumn).slice(0, 20)} ${String(direction).slice(0, 10)}`);
  return db.prepare(`SELECT id, name, price_cents, created_at FROM products WHERE category = :category ORDER BY ${order}`).all({ category: `${category}` });
};
